# shellcheck shell=bash disable=SC2034,SC2153
# (globals here are shared with the other perf/lib files and perf/run.sh)
# perf/lib/testpmd.sh - dpdk-testpmd io forwarding between two net_vhost ports: the
# "no switching" limit. Requires common.sh.
#
# testpmd runs interactively with its stdin on a FIFO that we keep open, so one process
# serves several measurements: "start" resets the forwarding counters, "stop" prints them,
# including "CPU cycles/packet" (busy cycles of the forwarding lcore per received packet,
# from --record-core-cycles). Main lcore on PERF_GEN_CPU (it sleeps in the command line),
# forwarding lcore on PERF_SUT_CPU.
#
# Switch library interface (the same in ovs.sh and turnout.sh):
#   <sw>_available                 0 if the switch can run here (prints why not)
#   <sw>_start WORKDIR LOGDIR SCEN start it configured for scenario SCEN (p2p); sets
#                                  SW_TX_SOCK, SW_RX_SOCK, SW_ROLE (server|client: what
#                                  the switch is on the vhost-user sockets), SW_PID
#   <sw>_fwd_schedstat             comma-separated schedstat files of the forwarding threads
#   <sw>_stats_clear               start of a measurement
#   <sw>_stats_read LOGFILE        end of a measurement; sets SW_CYCLES (busy cycles per
#                                  packet, or nan) and SW_PKTS (packets the forwarder received)
#   <sw>_stop                      stop it (safe to call twice; also a cleanup hook)
#   <sw>_version                   one line for the report

: "${PERF_TESTPMD_BIN:=dpdk-testpmd}"
: "${PERF_TESTPMD_ROLE:=server}"     # server: net_vhost listens; client: client=1
: "${PERF_TESTPMD_MEM:=256}"
TESTPMD_PID=""; TESTPMD_FD=""; TESTPMD_LOG=""; TESTPMD_DIR=""

testpmd_available() {
	command -v "$PERF_TESTPMD_BIN" > /dev/null || { perf_warn "dpdk-testpmd not found (package dpdk)"; return 1; }
}

testpmd_version() { echo "dpdk-testpmd $(dpkg-query -W -f='${Version}' dpdk 2>/dev/null)"; }

# _testpmd_cmd CMD: send one command line to the interactive prompt
_testpmd_cmd() {
	perf_alive "$TESTPMD_PID" && [ -n "$TESTPMD_FD" ] || return 1
	{ echo "$1" >&"$TESTPMD_FD"; } 2> /dev/null
}

# _testpmd_wait_log OFFSET REGEX SECONDS: wait for REGEX in the log after byte OFFSET
_testpmd_wait_log() {
	local off=$1 re=$2 t=$(( ${3:-5} * 10 ))
	while [ "$t" -gt 0 ]; do
		tail -c +"$((off + 1))" "$TESTPMD_LOG" 2>/dev/null | grep -qE "$re" && return 0
		perf_alive "$TESTPMD_PID" || return 1
		sleep 0.1; t=$((t - 1))
	done
	return 1
}

testpmd_start() {
	local dir=$1 logdir=$2 scen=$3
	case "$scen" in
	p2p) ;;     # io forwarding port 0 <-> port 1 is exactly p2p
	*) perf_warn "testpmd: scenario $scen not supported"; return 1 ;;
	esac
	TESTPMD_DIR=$dir
	mkdir -p "$dir" "$logdir"
	SW_TX_SOCK="$dir/vh0.sock"; SW_RX_SOCK="$dir/vh1.sock"; SW_ROLE=$PERF_TESTPMD_ROLE
	local copt=""
	[ "$SW_ROLE" = client ] && copt=",client=1"
	rm -f "$SW_TX_SOCK" "$SW_RX_SOCK" "$dir/cmd.fifo"
	mkfifo "$dir/cmd.fifo" || return 1
	TESTPMD_LOG="$logdir/testpmd.log"
	# stdbuf: testpmd prints with stdio, which is block-buffered into a file; we read the
	# answers to start/stop from the log as they come.
	local cmd=(stdbuf -oL -eL "$PERF_TESTPMD_BIN" -l "$PERF_GEN_CPU,$PERF_SUT_CPU" --main-lcore "$PERF_GEN_CPU"
		--file-prefix "tperf$$-testpmd" --in-memory --no-pci -m "$PERF_TESTPMD_MEM"
		--vdev "net_vhost0,iface=$SW_TX_SOCK,queues=1$copt"
		--vdev "net_vhost1,iface=$SW_RX_SOCK,queues=1$copt"
		-- -i --forward-mode=io --nb-cores=1 --rxq=1 --txq=1 --total-num-mbufs=16384
		--no-mlockall --record-core-cycles)
	echo "# $(date '+%F %T') ${cmd[*]}" > "$TESTPMD_LOG"
	"${cmd[@]}" < "$dir/cmd.fifo" >> "$TESTPMD_LOG" 2>&1 &
	TESTPMD_PID=$!
	perf_track_pid "$TESTPMD_PID" "dpdk-testpmd"
	# Opening the FIFO for writing completes testpmd's stdin redirection; keeping it open
	# keeps testpmd from reading EOF (which would make it quit).
	exec {TESTPMD_FD}> "$dir/cmd.fifo"
	SW_PID=$TESTPMD_PID
	if ! _testpmd_wait_log 0 'testpmd> ' 30; then
		perf_warn "testpmd did not come up; tail of $TESTPMD_LOG:"; tail -15 "$TESTPMD_LOG" >&2
		testpmd_stop; return 1
	fi
	if [ "$SW_ROLE" = server ]; then
		perf_wait_sock "$SW_TX_SOCK" 10 "$TESTPMD_PID" && perf_wait_sock "$SW_RX_SOCK" 10 "$TESTPMD_PID" ||
			{ perf_warn "testpmd: vhost sockets missing"; testpmd_stop; return 1; }
	fi
	perf_log "testpmd pid=$TESTPMD_PID role=$SW_ROLE fwd lcore on CPU $PERF_SUT_CPU"
}

testpmd_fwd_schedstat() { perf_thread_schedstat "$TESTPMD_PID" '^(rte|lcore)-worker'; }

testpmd_stats_clear() {
	local off
	off=$(stat -c %s "$TESTPMD_LOG")
	_testpmd_cmd start || return 1
	# the forwarding lcore thread exists from EAL init; "start" launches the fwd loop
	_testpmd_wait_log "$off" 'io packet forwarding' 5 || perf_warn "testpmd: no answer to 'start'"
}

testpmd_stats_read() {
	local out=$1 off
	SW_CYCLES=nan; SW_PKTS=0
	off=$(stat -c %s "$TESTPMD_LOG")
	_testpmd_cmd stop || return 1
	if ! _testpmd_wait_log "$off" '^Done\.' 10; then
		perf_warn "testpmd: no answer to 'stop'"; return 1
	fi
	tail -c +"$((off + 1))" "$TESTPMD_LOG" > "$out"
	local l
	l=$(grep -m1 'CPU cycles/packet=' "$out")
	if [ -n "$l" ]; then
		SW_CYCLES=$(sed 's/.*CPU cycles\/packet=\([0-9.]*\).*/\1/' <<<"$l")
		SW_PKTS=$(sed -n 's/.*total io packets=\([0-9]*\).*/\1/p' <<<"$l")
	fi
	# "Accumulated forward statistics": RX-packets of all ports
	[ -z "$SW_PKTS" ] && SW_PKTS=$(awk '/Accumulated forward/ {f=1} f && /RX-packets:/ {print $2; exit}' "$out")
	: "${SW_PKTS:=0}"
}

testpmd_stop() {
	[ -n "$TESTPMD_PID" ] || return 0
	if perf_alive "$TESTPMD_PID"; then
		_testpmd_cmd stop; _testpmd_cmd quit
		perf_wait_exit "$TESTPMD_PID" 5 || perf_stop_pid "$TESTPMD_PID" INT 5
	fi
	wait "$TESTPMD_PID" 2>/dev/null
	perf_untrack_pid "$TESTPMD_PID"
	[ -n "$TESTPMD_FD" ] && exec {TESTPMD_FD}>&-
	TESTPMD_FD=""; TESTPMD_PID=""
	[ -n "$TESTPMD_DIR" ] && rm -f "$TESTPMD_DIR/vh0.sock" "$TESTPMD_DIR/vh1.sock" "$TESTPMD_DIR/cmd.fifo"
	return 0
}
