# shellcheck shell=bash disable=SC2034,SC2153
# (globals here are shared with the other perf/lib files and perf/run.sh)
# perf/lib/turnout.sh - turnoutd, the switch under test. Requires common.sh.
# Interface: see testpmd.sh.
#
# One PMD on PERF_SUT_CPU (--pmd-cpu-mask), control thread / EAL main lcore on PERF_GEN_CPU
# (--main-cpu). Two net_vhost ports (vh0, vh1). Busy cycles per packet come from the
# unixctl command dpif-netdev/pmd-stats-show (OVS format) after pmd-stats-clear, through
# ovs-appctl -t <run-dir>/turnoutd.ctl. PMD threads are named pmd-c<cpu>.
#
# Knobs: PERF_TURNOUT_ROLE (server: turnoutd listens, default; client: ,client=1),
#        PERF_TURNOUT_MEM (MB of hugepages for EAL, 512), PERF_TURNOUT_ARGS (extra
#        turnoutd arguments, word-split), PERF_TURNOUT_BIN.

: "${PERF_TURNOUT_ROLE:=server}"
# The PMD busy-polls in benchmarks, as OVS 3.1 (pmd-sleep-max=0) and testpmd do. With
# turnoutd's default idle back-off the PMD's vCPU halts between runs, the host re-places
# it, and the run starts in a slower core-to-core mode (measured: 4 of 6 runs ended in the
# middle mode with the back-off, 1 of 5 without). PERF_TURNOUT_SLEEP_MAX_US to override.
: "${PERF_TURNOUT_SLEEP_MAX_US:=0}"
: "${PERF_TURNOUT_MEM:=512}"
TURNOUT_PID=""; TURNOUT_DIR=""; TURNOUT_LOG=""

turnout_available() {
	[ -x "${PERF_TURNOUT_BIN:-}" ] || { perf_warn "turnoutd not found: ${PERF_TURNOUT_BIN:-<unset>}"; return 1; }
	command -v ovs-appctl > /dev/null || { perf_warn "turnout: ovs-appctl not found (package openvswitch-common)"; return 1; }
}

turnout_version() { "$PERF_TURNOUT_BIN" --version 2>/dev/null | head -1 || echo turnoutd; }

_turnout_ctl() { ovs-appctl -t "$TURNOUT_DIR/turnoutd.ctl" "$@"; }

turnout_start() {
	local dir=$1 logdir=$2 scen=$3
	local fwd=()
	case "$scen" in
	p2p) fwd=(--forward vh0:vh1) ;;
	*) perf_warn "turnout: scenario $scen not supported"; return 1 ;;
	esac
	TURNOUT_DIR=$dir
	mkdir -p "$dir" "$logdir"
	SW_TX_SOCK="$dir/vh0.sock"; SW_RX_SOCK="$dir/vh1.sock"; SW_ROLE=$PERF_TURNOUT_ROLE
	local copt=""
	[ "$SW_ROLE" = client ] && copt=",client=1"
	rm -f "$SW_TX_SOCK" "$SW_RX_SOCK" "$dir/turnoutd.ctl"
	TURNOUT_LOG="$logdir/turnoutd.out"
	local cmd=("$PERF_TURNOUT_BIN" --run-dir "$dir"
		--pmd-cpu-mask "$(printf '0x%x' $((1 << PERF_SUT_CPU)))" --main-cpu "$PERF_GEN_CPU"
		--port "vh0=net_vhost0,iface=$SW_TX_SOCK,queues=1$copt"
		--port "vh1=net_vhost1,iface=$SW_RX_SOCK,queues=1$copt"
		"${fwd[@]}" --log-level info --file-prefix "tperf$$-turnout"
		--eal-args "--in-memory --no-pci -m $PERF_TURNOUT_MEM")
	cmd+=(--pmd-sleep-max-us "$PERF_TURNOUT_SLEEP_MAX_US")
	# shellcheck disable=SC2206
	[ -n "${PERF_TURNOUT_ARGS:-}" ] && cmd+=($PERF_TURNOUT_ARGS)
	echo "# $(date '+%F %T') ${cmd[*]}" > "$TURNOUT_LOG"
	"${cmd[@]}" >> "$TURNOUT_LOG" 2>&1 < /dev/null &
	TURNOUT_PID=$!
	perf_track_pid "$TURNOUT_PID" "turnoutd"
	SW_PID=$TURNOUT_PID
	if ! perf_wait_sock "$dir/turnoutd.ctl" 30 "$TURNOUT_PID"; then
		perf_warn "turnoutd did not come up; tail of $TURNOUT_LOG:"; tail -15 "$TURNOUT_LOG" >&2
		turnout_stop; return 1
	fi
	if [ "$SW_ROLE" = server ]; then
		perf_wait_sock "$SW_TX_SOCK" 10 "$TURNOUT_PID" && perf_wait_sock "$SW_RX_SOCK" 10 "$TURNOUT_PID" ||
			{ perf_warn "turnoutd: vhost sockets missing"; turnout_stop; return 1; }
	fi
	perf_wait_threads "$TURNOUT_PID" '^pmd-c' 15 || { perf_warn "turnoutd: no pmd-c* thread ($(perf_thread_names "$TURNOUT_PID"))"; turnout_stop; return 1; }
	perf_log "turnoutd pid=$TURNOUT_PID role=$SW_ROLE threads: $(perf_thread_names "$TURNOUT_PID")"
}

turnout_fwd_schedstat() { perf_thread_schedstat "$TURNOUT_PID" '^pmd-c'; }

turnout_stats_clear() { _turnout_ctl dpif-netdev/pmd-stats-clear > /dev/null; }

turnout_stats_read() {
	local out=$1 r
	SW_CYCLES=nan; SW_PKTS=0
	_turnout_ctl dpif-netdev/pmd-stats-show > "$out" 2>&1 || return 1
	r=$(perf_pmd_stats_parse "$out")
	SW_CYCLES=${r% *}; SW_PKTS=${r#* }
	{ echo "### port/show"; _turnout_ctl port/show; } >> "$out" 2>&1
}

turnout_stop() {
	if perf_alive "$TURNOUT_PID"; then
		_turnout_ctl --timeout=10 exit > /dev/null 2>&1
		perf_wait_exit "$TURNOUT_PID" 10 || perf_stop_pid "$TURNOUT_PID" TERM 5
	fi
	if [ -n "$TURNOUT_PID" ]; then wait "$TURNOUT_PID" 2>/dev/null; perf_untrack_pid "$TURNOUT_PID"; fi
	TURNOUT_PID=""
	[ -n "$TURNOUT_DIR" ] && rm -f "$TURNOUT_DIR/vh0.sock" "$TURNOUT_DIR/vh1.sock" "$TURNOUT_DIR/turnoutd.ctl"
	return 0
}
