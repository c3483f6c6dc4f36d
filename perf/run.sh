#!/bin/bash
# perf/run.sh - side-by-side benchmarks of Turnout against OVS-DPDK and dpdk-testpmd,
# measured in the same invocation on the same machine, in alternating rounds.
#
# Usage: perf/run.sh SCENARIO [options]
#   SCENARIO   p2p     the switch forwards vh0 -> vh1 between two vhost-user ports
#                      (turnoutd --forward vh0:vh1, OVS in_port=1,actions=output:2,
#                      testpmd io forwarding = the no-switching limit)
#   -r ROUNDS              rounds; each round runs every switch once (default 3)
#   -t SECS                measured seconds per run, after the warm-up (default 8)
#   -s "SIZES"             frame sizes in bytes without FCS (default "64 1518")
#   -f FLOWS               flows (distinct IP pairs) per run (default 1)
#   --switches "LIST"      subset and order of turnout ovs testpmd (default all three)
#   -o DIR                 raw logs (default: a fresh dir under /tmp/turnout-perf)
#   -h                     this help
# Output: progress on stderr; per-run table, round selection, summary table and the
# machine-readable lines (scenario=... / ratio ...) on stdout and in DIR/summary.txt.
#
# Environment (defaults): PERF_GEN_CPU=0 PERF_SUT_CPU=1 PERF_WAIT_MAX_PCT=2 PERF_QUIET_WAIT=0
#   PERF_GEN_WARMUP=2 PERF_GEN_MEM=256 PERF_GEN_VDEV_OPTS= TURNOUT_BUILD_DIR=<src>/build
#   PERF_TESTPMD_ROLE=server PERF_TURNOUT_ROLE=server PERF_TURNOUT_ARGS=
#   PERF_C2C_FAST_MAX_NS=200 PERF_C2C_SLOW_MIN_NS=550   (see perf/README.md)
#
# Needs root (hugepages, DPDK). Runs scripts/setup.sh first, then builds the needed
# targets in the build dir. Only processes started here are ever stopped (by PID).
set -u -o pipefail

PERF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC_DIR="$(dirname "$PERF_DIR")"
for _lib in common gen stats measure testpmd ovs turnout p2p; do
	# shellcheck source=/dev/null
	. "$PERF_DIR/lib/$_lib.sh"
done

usage() { sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

SCENARIO=""; ROUNDS=3; SECS=8; SIZES="64 1518"; FLOWS=1
SWITCHES="turnout ovs testpmd"; OUT_DIR=""
while [ $# -gt 0 ]; do
	case "$1" in
	-r) ROUNDS=${2:?}; shift 2 ;;
	-t) SECS=${2:?}; shift 2 ;;
	-s) SIZES=${2:?}; shift 2 ;;
	-f) FLOWS=${2:?}; shift 2 ;;
	-o) OUT_DIR=${2:?}; shift 2 ;;
	--switches) SWITCHES=${2:?}; shift 2 ;;
	--switches=*) SWITCHES=${1#*=}; shift ;;
	-h|--help) usage; exit 0 ;;
	-*) echo "perf/run.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	*) [ -z "$SCENARIO" ] || { echo "perf/run.sh: one scenario at a time" >&2; exit 2; }; SCENARIO=$1; shift ;;
	esac
done
case "$SCENARIO" in
p2p) ;;
"") usage >&2; exit 2 ;;
*) echo "perf/run.sh: unknown scenario '$SCENARIO' (known: p2p)" >&2; exit 2 ;;
esac
for v in "$ROUNDS" "$SECS" "$FLOWS"; do
	[[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "perf/run.sh: -r, -t, -f take positive integers" >&2; exit 2; }
done
for sz in $SIZES; do
	[[ "$sz" =~ ^[0-9]+$ ]] && [ "$sz" -ge 64 ] && [ "$sz" -le 9000 ] ||
		{ echo "perf/run.sh: bad frame size '$sz'" >&2; exit 2; }
done
for sw in $SWITCHES; do
	case "$sw" in turnout|ovs|testpmd) ;; *) echo "perf/run.sh: unknown switch '$sw'" >&2; exit 2 ;; esac
done
[ "$(id -u)" -eq 0 ] || { echo "perf/run.sh: must run as root (hugepages, DPDK, OVS)" >&2; exit 1; }
ncpu=$(nproc --all)
[ "$PERF_GEN_CPU" -ne "$PERF_SUT_CPU" ] && [ "$PERF_GEN_CPU" -lt "$ncpu" ] && [ "$PERF_SUT_CPU" -lt "$ncpu" ] ||
	{ echo "perf/run.sh: need two distinct CPUs (PERF_GEN_CPU=$PERF_GEN_CPU PERF_SUT_CPU=$PERF_SUT_CPU, $ncpu CPUs)" >&2; exit 1; }

trap perf_cleanup EXIT
trap 'perf_log "interrupted"; exit 1' INT TERM
trap '' PIPE

[ -n "$OUT_DIR" ] || OUT_DIR="/tmp/turnout-perf/$SCENARIO-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$OUT_DIR" || exit 1
OUT_DIR=$(cd "$OUT_DIR" && pwd)
RUNS_FILE="$OUT_DIR/runs.txt"
: > "$RUNS_FILE"
# Sockets live in a short private dir (unix socket paths are limited to 107 bytes).
RT_DIR=$(mktemp -d /tmp/tperf.XXXXXX) || exit 1
perf_add_cleanup_path "$RT_DIR"
perf_add_stop_hook testpmd_stop
perf_add_stop_hook ovs_stop
perf_add_stop_hook turnout_stop
perf_log "perf/run.sh $SCENARIO: rounds=$ROUNDS secs=$SECS sizes='$SIZES' flows=$FLOWS switches='$SWITCHES'; raw logs in $OUT_DIR"

# 1. machine setup (packages, hugepages), as make test / make demo do
perf_log "scripts/setup.sh"
"$SRC_DIR/scripts/setup.sh" > "$OUT_DIR/setup.log" 2>&1 ||
	{ tail -20 "$OUT_DIR/setup.log" >&2; perf_die "scripts/setup.sh failed (log: $OUT_DIR/setup.log)"; }

# 2. build what we need
BUILD_DIR=${TURNOUT_BUILD_DIR:-$SRC_DIR/build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
	perf_log "configuring $BUILD_DIR"
	cmake -G Ninja -S "$SRC_DIR" -B "$BUILD_DIR" > "$OUT_DIR/build.log" 2>&1 ||
		{ tail -20 "$OUT_DIR/build.log" >&2; perf_die "cmake failed (log: $OUT_DIR/build.log)"; }
fi
build_targets() { ninja -C "$BUILD_DIR" -t targets all 2>/dev/null | sed -n 's/^\([^:]*\): .*/\1/p'; }
want=(turnout-pktgen turnout-c2c)
[[ " $SWITCHES " == *" turnout "* ]] && want+=(turnoutd)
known=$(build_targets)
for t in "${want[@]}"; do
	grep -qx "$t" <<<"$known" && continue
	# a room added since the build dir was configured (perf/CMakeLists.txt adds pktgen and
	# c2c only when they exist): configure again once
	perf_log "target $t unknown in $BUILD_DIR: re-running cmake"
	cmake -S "$SRC_DIR" -B "$BUILD_DIR" >> "$OUT_DIR/build.log" 2>&1 || perf_warn "cmake failed (log: $OUT_DIR/build.log)"
	known=$(build_targets)
	break
done
targets=()
for t in "${want[@]}"; do
	if grep -qx "$t" <<<"$known"; then targets+=("$t"); else perf_warn "build target $t does not exist (yet)"; fi
done
if [ "${#targets[@]}" -gt 0 ]; then
	perf_log "ninja -C $BUILD_DIR ${targets[*]}"
	ninja -k 0 -C "$BUILD_DIR" "${targets[@]}" >> "$OUT_DIR/build.log" 2>&1 ||
		{ tail -30 "$OUT_DIR/build.log" >&2; perf_warn "build failed (log: $OUT_DIR/build.log); using what is there"; }
fi
: "${PERF_GEN_BIN:=$BUILD_DIR/bin/turnout-pktgen}"
: "${PERF_C2C_BIN:=$BUILD_DIR/bin/turnout-c2c}"
: "${PERF_TURNOUT_BIN:=$BUILD_DIR/bin/turnoutd}"
gen_available || perf_die "cannot run without the generator (ninja -C $BUILD_DIR turnout-pktgen)"
[ -x "$PERF_C2C_BIN" ] || perf_warn "no c2c probe ($PERF_C2C_BIN): every c2c mode is 'unknown', so no round can qualify"

# 3. which switches can run here
avail=""; skipped=""
for sw in $SWITCHES; do
	if "${sw}_available"; then avail="$avail $sw"; else skipped="$skipped $sw"; perf_warn "SKIPPING $sw: not available on this machine"; fi
done
SWITCHES=${avail# }
[ -n "$SWITCHES" ] || perf_die "no switch to measure"

hp=$(perf_hugepages_free)
[ "$hp" -ge $(( (PERF_GEN_MEM + 512) / 2 )) ] ||
	perf_warn "only $hp free 2 MiB hugepages; generator ($PERF_GEN_MEM MB) plus one switch (up to 512 MB) may not fit"

{
	echo "date=$(date -Is) host=$(hostname) kernel=$(uname -r) cpus=$ncpu gen_cpu=$PERF_GEN_CPU sut_cpu=$PERF_SUT_CPU"
	echo "cpu_model=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
	echo "scenario=$SCENARIO rounds=$ROUNDS secs=$SECS warmup=$PERF_GEN_WARMUP sizes='$SIZES' flows=$FLOWS switches='$SWITCHES'"
	echo "generator=$PERF_GEN_BIN vdev_opts='$PERF_GEN_VDEV_OPTS' mem=$PERF_GEN_MEM"
	for sw in $SWITCHES; do echo "$sw: $("${sw}_version")"; done
	echo "hugepages_free=$hp"
	perf_c2c; echo "c2c_at_start: $C2C_LINE"
} > "$OUT_DIR/env.txt"
n_sw=$(wc -w <<<"$SWITCHES"); n_sz=$(wc -w <<<"$SIZES")
perf_log "expected duration: about $(( (ROUNDS * n_sw * n_sz * (SECS + PERF_GEN_WARMUP + 3) + ROUNDS * n_sw * 4) / 60 + 1 )) min"

t0=$(date +%s)
# The scenario runs in this shell (not in a pipeline), so cleanup sees every PID it started.
"scenario_$SCENARIO"
[ -n "$skipped" ] && echo "WARNING: not measured (not available here, see the log above):$skipped" >> "$OUT_DIR/summary.txt"
cat "$OUT_DIR/summary.txt"
perf_log "done in $(( $(date +%s) - t0 )) s; raw logs: $OUT_DIR (runs.txt = one line per run)"
