#!/bin/bash
# demo.sh - the main job on an embedded default: turnoutd with two vhost-user ports
# forwarding to each other, turnout-pktgen (a virtio-user frontend) pushing traffic
# through them for a few seconds, then a summary.
#
#   scripts/demo.sh [BUILD_DIR]      (make demo runs this after set-up and build)
# Environment: DEMO_SECONDS (default 5), DEMO_SIZE (64), DEMO_FLOWS (16),
#              DEMO_RUN_DIR (./demo-run).
set -euo pipefail
BUILD=${1:-build}
BIN=$(cd "$BUILD/bin" && pwd)
RUN=${DEMO_RUN_DIR:-$PWD/demo-run}
SECS=${DEMO_SECONDS:-5}
SIZE=${DEMO_SIZE:-64}
FLOWS=${DEMO_FLOWS:-16}
NCPU=$(nproc)
PMD_CPU=$((NCPU - 1))
GEN_CPU=0

mkdir -p "$RUN"
rm -f "$RUN"/vh0.sock "$RUN"/vh1.sock
CTL=("$BIN/turnoutctl" --target "$RUN/turnoutd.ctl")
DAEMON_PID=""
cleanup() {
  if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    "${CTL[@]}" exit >/dev/null 2>&1 || kill -TERM "$DAEMON_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$DAEMON_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

echo "== turnoutd: PMD on CPU $PMD_CPU, ports vh0 <-> vh1 (vhost-user servers in $RUN)"
"$BIN/turnoutd" --run-dir "$RUN" --pmd-cpu-mask "$(printf '0x%x' $((1 << PMD_CPU)))" \
  --port "vh0=net_vhost0,iface=$RUN/vh0.sock,queues=1" \
  --port "vh1=net_vhost1,iface=$RUN/vh1.sock,queues=1" \
  --forward vh0:vh1 --forward vh1:vh0 --log-level warn &
DAEMON_PID=$!
for _ in $(seq 100); do
  [ -S "$RUN/turnoutd.ctl" ] && [ -S "$RUN/vh1.sock" ] && break
  kill -0 "$DAEMON_PID" 2>/dev/null || { echo "turnoutd failed to start (log: $RUN/turnoutd.log)"; exit 1; }
  sleep 0.1
done

echo "== turnout-pktgen: ${SIZE}-byte frames, $FLOWS flows, ${SECS}s on CPU $GEN_CPU"
PMD_STAT=$(for t in /proc/"$DAEMON_PID"/task/*; do
  if [[ "$(cat "$t/comm")" == pmd-c* ]]; then echo "$t/schedstat"; fi; done | paste -sd, -)
"${CTL[@]}" pmd-stats-clear >/dev/null
RESULT=$("$BIN/turnout-pktgen" --tx-sock "$RUN/vh0.sock" --rx-sock "$RUN/vh1.sock" \
  --switch-role server --cpu "$GEN_CPU" --size "$SIZE" --flows "$FLOWS" \
  --duration "$SECS" --warmup 1 ${PMD_STAT:+--sut-schedstat "$PMD_STAT"} | grep '^RESULT')
STATS=$("${CTL[@]}" dpif-netdev/pmd-stats-show)

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$RESULT"; }
echo
echo "== summary"
printf '  offered      %8s Mpps (%s packets)\n' "$(field tx_mpps)" "$(field tx_pkts)"
printf '  forwarded    %8s Mpps (%s packets received by the sink)\n' "$(field rx_mpps)" "$(field rx_pkts)"
printf '  lost         %8s packets (%s%%)\n' "$(field lost)" "$(field loss_pct)"
printf '  latency      p50 %s us, p99 %s us, max %s us\n' "$(field lat_p50_us)" "$(field lat_p99_us)" "$(field lat_max_us)"
printf '  cpu lost to other processes: generator %s%%, switch PMD %s%%\n' "$(field gen_wait_pct)" "$(field sut_wait_pct)"
awk '/^pmd thread/ {pmd=$0} /packets dropped:/ {d=$3}
     /avg processing cycles per packet/ {printf "  %s dropped %s, %s busy cycles/packet\n", pmd, d, $6}' <<<"$STATS"
echo
echo "== port/show"
"${CTL[@]}" port/show
