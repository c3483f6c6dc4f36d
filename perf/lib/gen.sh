# shellcheck shell=bash disable=SC2034,SC2153
# (globals here are shared with the other perf/lib files and perf/run.sh)
# perf/lib/gen.sh - the traffic generator (build/bin/turnout-pktgen): one busy DPDK lcore on
# PERF_GEN_CPU, two net_virtio_user ports. TX on the first socket, receive (sink) on the
# second. Requires common.sh.
#
#   gen_run LOG TX_SOCK RX_SOCK SWITCH_ROLE SIZE FLOWS SECS [SUT_SCHEDSTAT] [extra args...]
#     SWITCH_ROLE = server: the switch listens on the sockets, the generator connects
#                 = client: the switch connects, the generator listens
#     SUT_SCHEDSTAT = comma-separated schedstat files of the switch's forwarding threads
#                     (sut_wait_pct); "" for none
#   Returns 0 when the generator printed its RESULT line; GEN[key] then holds every field
#   of that line (rx_mpps, tx_mpps, lost, loss_pct, gen_wait_pct, sut_wait_pct, lat_*, ...).
#
# Knobs: PERF_GEN_BIN, PERF_GEN_MEM (MB, 256), PERF_GEN_PREFIX (DPDK file prefix),
#        PERF_GEN_VDEV_OPTS (e.g. ",packed_vq=1"; changes the switch's work too),
#        PERF_GEN_WARMUP (s, 2), PERF_GEN_CONNECT_TIMEOUT (s, 15), PERF_GEN_RATE_MPPS
#        (unset = as fast as possible), PERF_GEN_EXTRA (more pktgen args, word-split).

: "${PERF_GEN_MEM:=256}"
: "${PERF_GEN_WARMUP:=2}"
: "${PERF_GEN_CONNECT_TIMEOUT:=15}"
: "${PERF_GEN_VDEV_OPTS:=}"
declare -gA GEN=()

gen_available() {
	[ -x "${PERF_GEN_BIN:-}" ] || { perf_warn "traffic generator not found: ${PERF_GEN_BIN:-<unset>}"; return 1; }
}

gen_run() {
	local log=$1 tx=$2 rx=$3 role=$4 size=$5 flows=$6 secs=$7 sched=${8:-}
	shift 7; [ $# -gt 0 ] && shift
	GEN=()
	local args=(--tx-sock "$tx" --rx-sock "$rx" --switch-role "$role" --cpu "$PERF_GEN_CPU"
		--file-prefix "${PERF_GEN_PREFIX:-tperf$$-gen}" --mem "$PERF_GEN_MEM"
		--size "$size" --flows "$flows" --duration "$secs" --warmup "$PERF_GEN_WARMUP"
		--connect-timeout "$PERF_GEN_CONNECT_TIMEOUT")
	[ -n "$PERF_GEN_VDEV_OPTS" ] && args+=(--vdev-opts "$PERF_GEN_VDEV_OPTS")
	[ -n "${PERF_GEN_RATE_MPPS:-}" ] && args+=(--rate-mpps "$PERF_GEN_RATE_MPPS")
	[ -n "$sched" ] && args+=(--sut-schedstat "$sched")
	# shellcheck disable=SC2206
	[ -n "${PERF_GEN_EXTRA:-}" ] && args+=($PERF_GEN_EXTRA)
	args+=("$@")
	# When the switch is the vhost-user client the generator creates the sockets.
	[ "$role" = client ] && rm -f "$tx" "$rx"
	local limit=$(( secs + PERF_GEN_WARMUP + PERF_GEN_CONNECT_TIMEOUT + 30 ))
	echo "# $(date '+%F %T') taskset -c $PERF_GEN_CPU $PERF_GEN_BIN ${args[*]}" > "$log"
	# Background + wait so that Ctrl-C reaches our trap at once; cleanup stops it by PID.
	timeout -s INT -k 10 "$limit" taskset -c "$PERF_GEN_CPU" "$PERF_GEN_BIN" "${args[@]}" \
		>> "$log" 2>&1 < /dev/null &
	local pid=$!
	GEN_PID=$pid
	perf_track_pid "$pid" "turnout-pktgen"
	wait "$pid"
	local rc=$?
	perf_untrack_pid "$pid"
	local line kv
	line=$(grep '^RESULT ' "$log" | tail -1)
	if [ -z "$line" ]; then
		perf_warn "generator gave no RESULT (rc=$rc), see $log:"
		tail -5 "$log" | sed 's/^/    /' >&2
		return 1
	fi
	for kv in ${line#RESULT }; do GEN[${kv%%=*}]=${kv#*=}; done
	return 0
}
