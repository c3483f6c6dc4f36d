# shellcheck shell=bash disable=SC2034,SC2153
# (globals here are shared with the other perf/lib files and perf/run.sh)
# perf/lib/common.sh - logging, process bookkeeping, cleanup, CPU/schedstat helpers and the
# c2c probe, shared by every perf/run.sh scenario and switch library.
#
# Process rule: the harness only ever stops processes it started itself, by PID. Every
# background process goes through perf_track_pid; cleanup (on EXIT, also after Ctrl-C or a
# failure) first runs the registered stop hooks (graceful per-switch shutdown), then stops
# whatever tracked PID is still alive (TERM, then KILL), then removes registered paths.

: "${PERF_GEN_CPU:=0}"        # generator lcore; also the switches' control/main threads
: "${PERF_SUT_CPU:=1}"        # the switch's single forwarding thread (PMD / testpmd lcore)
: "${PERF_WAIT_MAX_PCT:=2}"   # a run is "quiet" if gen and SUT waited at most this much

PERF_TRACKED_PIDS=()    # "pid:description"
PERF_STOP_HOOKS=()      # functions run first by perf_cleanup
PERF_CLEANUP_PATHS=()   # files/dirs removed last

perf_ts() { date +%H:%M:%S; }
perf_log() { echo "[$(perf_ts)] $*" >&2; }
perf_warn() { echo "[$(perf_ts)] WARNING: $*" >&2; }
perf_die() { echo "[$(perf_ts)] ERROR: $*" >&2; exit 1; }

perf_track_pid() { PERF_TRACKED_PIDS+=("$1:$2"); }
perf_untrack_pid() {
	local i
	for i in "${!PERF_TRACKED_PIDS[@]}"; do
		[ "${PERF_TRACKED_PIDS[$i]%%:*}" = "$1" ] && unset 'PERF_TRACKED_PIDS[i]'
	done
}
perf_add_stop_hook() { PERF_STOP_HOOKS+=("$1"); }
perf_add_cleanup_path() { PERF_CLEANUP_PATHS+=("$1"); }

perf_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# perf_wait_exit PID SECONDS -> 0 if the process is gone within the time
perf_wait_exit() {
	local pid=$1 t=$(( ${2:-5} * 10 ))
	while [ "$t" -gt 0 ] && perf_alive "$pid"; do sleep 0.1; t=$((t - 1)); done
	! perf_alive "$pid"
}

# perf_stop_pid PID [SIGNAL] [GRACE_SECONDS]: signal, wait, then KILL. Only for our PIDs.
perf_stop_pid() {
	local pid=$1 sig=${2:-TERM} grace=${3:-5}
	perf_alive "$pid" || { perf_untrack_pid "$pid"; return 0; }
	kill -"$sig" "$pid" 2>/dev/null
	perf_wait_exit "$pid" "$grace" || { kill -KILL "$pid" 2>/dev/null; perf_wait_exit "$pid" 2; }
	wait "$pid" 2>/dev/null
	perf_untrack_pid "$pid"
}

PERF_CLEANED=0
perf_cleanup() {
	[ "$PERF_CLEANED" = 1 ] && return
	PERF_CLEANED=1
	local h e p
	for h in "${PERF_STOP_HOOKS[@]}"; do "$h" 2>/dev/null; done
	for e in "${PERF_TRACKED_PIDS[@]}"; do
		p=${e%%:*}
		if perf_alive "$p"; then
			perf_log "cleanup: stopping ${e#*:} (pid $p)"
			perf_stop_pid "$p" TERM 3
		fi
	done
	for p in "${PERF_CLEANUP_PATHS[@]}"; do [ -n "$p" ] && rm -rf -- "$p"; done
}

# perf_wait_sock PATH SECONDS [PID]: wait until PATH is a socket (and PID, if given, lives)
perf_wait_sock() {
	local path=$1 t=$(( ${2:-10} * 10 )) pid=${3:-}
	while [ "$t" -gt 0 ]; do
		[ -S "$path" ] && return 0
		[ -n "$pid" ] && ! perf_alive "$pid" && return 1
		sleep 0.1; t=$((t - 1))
	done
	return 1
}

# perf_thread_schedstat PID REGEX: comma-separated /proc/PID/task/TID/schedstat of the
# threads whose comm matches REGEX (the switch's forwarding threads).
perf_thread_schedstat() {
	local pid=$1 re=$2 t comm out=""
	for t in /proc/"$pid"/task/*; do
		comm=$(cat "$t/comm" 2>/dev/null) || continue
		[[ "$comm" =~ $re ]] || continue
		out="${out:+$out,}$t/schedstat"
	done
	echo "$out"
}

# perf_thread_names PID: "tid:comm" of all threads (for logs)
perf_thread_names() {
	local t out=""
	for t in /proc/"$1"/task/*; do out="$out ${t##*/}:$(cat "$t/comm" 2>/dev/null)"; done
	echo "${out# }"
}

# perf_wait_threads PID REGEX SECONDS: wait until at least one thread matches
perf_wait_threads() {
	local t=$(( ${3:-10} * 10 ))
	while [ "$t" -gt 0 ]; do
		[ -n "$(perf_thread_schedstat "$1" "$2")" ] && return 0
		perf_alive "$1" || return 1
		sleep 0.1; t=$((t - 1))
	done
	return 1
}

# perf_cpu_snapshot FILE: "pid ppid cpu_ns comm" for every process on the machine (sum of
# its threads' schedstat run time), so that perf_cpu_users can tell who used the CPUs
# during a run.
perf_cpu_snapshot() {
	local out=$1 p t run rest st sum comm
	for p in /proc/[0-9]*; do
		st=$(< "$p/stat") 2>/dev/null || continue
		rest=${st##*) }
		comm=${st#*(}; comm=${comm%) *}
		sum=0
		for t in "$p"/task/[0-9]*; do
			read -r run _ < "$t/schedstat" 2>/dev/null && sum=$((sum + run))
		done
		# shellcheck disable=SC2086
		set -- $rest    # state ppid ...
		echo "${p#/proc/} $2 $sum ${comm// /_}"
	done > "$out" 2>/dev/null
	# Processes that start and end during a run are not in the list above. To see them:
	# machine-wide busy and steal time, the fork counter, and the CPU time of our own
	# children that have already ended (cutime + cstime of this shell).
	awk '/^cpu / {printf "#cpu %.0f %.0f\n", ($2 + $3 + $4 + $7 + $8) * 1e7, $9 * 1e7}
	     /^processes/ {print "#forks", $2}' /proc/stat >> "$out"
	st=$(< /proc/$$/stat)
	# shellcheck disable=SC2086
	set -- ${st##*) }
	echo "#children $(( (${14} + ${15}) * 10000000 ))" >> "$out"
}

# perf_cpu_users BEFORE AFTER SECONDS "OURS_PIDS": processes that used more than 5 % of a
# CPU between the two snapshots, busiest first; ours (or children of ours) marked with '*'.
# Also "exited(not ours)=X%": CPU time of processes that started and ended during the run
# (busy time of all CPUs minus what the listed processes and our ended children used),
# "forks=N" and "steal=X%" (time the hypervisor did not run our vCPUs, summed over CPUs).
perf_cpu_users() {
	awk -v secs="$3" -v ours=" $4 " '
		NR == FNR {
			if ($1 == "#cpu") { busy0 = $2; steal0 = $3 } else if ($1 == "#forks") forks0 = $2
			else if ($1 == "#children") ch0 = $2
			else b[$1] = $3
			next
		}
		$1 == "#cpu" { busy = $2 - busy0; steal = $3 - steal0; next }
		$1 == "#forks" { forks = $2 - forks0; next }
		$1 == "#children" { ch = $2 - ch0; next }
		{
			d = $3 - b[$1]    # started during the run: all of its time
			listed += d
			if (d > secs * 5e7) {
				mine = index(ours, " " $1 " ") || index(ours, " " $2 " ")
				printf "%.0f %s(%s%s)=%.0f%%\n", d / (secs * 1e7), $4, $1, mine ? "*" : "", d / (secs * 1e7)
			}
		}
		END {
			ex = (busy - listed - ch) / (secs * 1e7)
			if (ex > 5) printf "%.0f exited(not_ours)=%.0f%%\n", ex, ex
			printf "-1 forks=%d\n", forks
			if (steal > secs * 5e7) printf "-2 steal=%.0f%%\n", steal / (secs * 1e7)
		}' "$1" "$2" | sort -rn | cut -d' ' -f2- | tr '\n' ' '
}

# perf_wait_quiet [PID...]: if PERF_QUIET_WAIT > 0, wait up to that many seconds until no
# foreign process (not one of PIDs) uses more than PERF_QUIET_PCT % of a CPU. Off by default:
# on a shared machine the load often lasts minutes and waiting only costs time; the waits
# are measured (schedstat) and unquiet rounds excluded anyway.
perf_wait_quiet() {
	[ "${PERF_QUIET_WAIT:-0}" -gt 0 ] || return 0
	local excl=" $* " end=$(( $(date +%s) + PERF_QUIET_WAIT )) busiest
	while :; do
		busiest=$(top -b -n 2 -d 0.5 -w 200 2>/dev/null | awk -v ex="$excl" '
			/^top -/ {frame++}
			frame==2 && $1 ~ /^[0-9]+$/ && index(ex, " " $1 " ")==0 && $9+0 > m {m=$9+0; n=$12 "(" $1 ")"}
			END {print m+0, n}')
		awk -v b="${busiest%% *}" -v p="${PERF_QUIET_PCT:-15}" 'BEGIN{exit !(b <= p)}' && return 0
		[ "$(date +%s)" -ge "$end" ] && break
		sleep 1
	done
	perf_log "still busy after ${PERF_QUIET_WAIT}s (busiest foreign process: ${busiest#* } ${busiest%% *}%), measuring anyway"
}

perf_hugepages_free() { awk '/HugePages_Free/{print $2}' /proc/meminfo; }

# perf_c2c: run the core-to-core probe between the generator's and the SUT's CPU.
# Sets C2C_NS (median RTT), C2C_MODE (fast|middle|slow|unknown), C2C_MEAN_NS, C2C_LINE.
# Mode thresholds can be moved with PERF_C2C_FAST_MAX_NS / PERF_C2C_SLOW_MIN_NS.
perf_c2c() {
	C2C_NS=nan; C2C_MODE=unknown; C2C_MEAN_NS=nan; C2C_LINE=""
	[ -x "${PERF_C2C_BIN:-}" ] || return 1
	local opt=()
	[ -n "${PERF_C2C_FAST_MAX_NS:-}" ] && opt+=(--fast-max-ns "$PERF_C2C_FAST_MAX_NS")
	[ -n "${PERF_C2C_SLOW_MIN_NS:-}" ] && opt+=(--slow-min-ns "$PERF_C2C_SLOW_MIN_NS")
	C2C_LINE=$(timeout 10 "$PERF_C2C_BIN" --cpu-a "$PERF_GEN_CPU" --cpu-b "$PERF_SUT_CPU" \
		--duration-ms "${PERF_C2C_MS:-100}" "${opt[@]}" 2>/dev/null)
	C2C_NS=$(perf_kv "$C2C_LINE" c2c_rtt_ns nan)
	C2C_MODE=$(perf_kv "$C2C_LINE" c2c_mode unknown)
	C2C_MEAN_NS=$(perf_kv "$C2C_LINE" c2c_mean_ns nan)
}

# perf_kv "k1=v1 k2=v2 ..." KEY [DEFAULT]: value of KEY in a key=value line
perf_kv() {
	local line=" $1 " key=$2 def=${3:-}
	local v=${line##* "$key"=}
	if [ "$v" = "$line" ]; then echo "$def"; return; fi
	v=${v%% *}
	echo "${v:-$def}"
}

# perf_pmd_stats_parse FILE: sum over all PMD blocks of an OVS-format pmd-stats-show dump
# ("avg processing cycles per packet: X (CYCLES/PKTS)"); prints "cycles_per_pkt pkts".
# Blocks of the "main thread" (non-PMD) are ignored.
perf_pmd_stats_parse() {
	awk '
		/^pmd thread/ {inpmd=1; next}
		/^main thread/ {inpmd=0; next}
		/^[^ ]/ {inpmd=0}
		inpmd && /avg processing cycles per packet:/ {
			s=$0; sub(/.*\(/, "", s); sub(/\).*/, "", s); split(s, a, "/")
			cyc+=a[1]; pk+=a[2]; seen=1
		}
		inpmd && /packets received:/ {rx+=$NF}
		END {
			if (!seen || pk == 0) { printf "nan %d\n", rx+0; exit }
			printf "%.2f %d\n", cyc/pk, pk
		}' "$1"
}
