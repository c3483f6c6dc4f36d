# shellcheck shell=bash disable=SC2034,SC2153
# (globals here are shared with the other perf/lib files and perf/run.sh)
# perf/lib/measure.sh - one measurement of a running switch, the building block of every
# scenario. Requires common.sh, gen.sh, stats.sh and the switch libraries.
#
#   measure_run SCENARIO ROUND SWITCH SIZE FLOWS SECS LOGPREFIX
#     SWITCH must be running (<sw>_start done; SW_TX_SOCK/SW_RX_SOCK/SW_ROLE set).
#     Sequence: c2c probe -> <sw>_stats_clear -> generator run (warm-up + SECS) ->
#     <sw>_stats_read -> c2c probe again. Appends one record to RUNS_FILE and logs one line.

measure_run() {
	local scen=$1 round=$2 sw=$3 size=$4 flows=$5 secs=$6 lp=$7
	local status=ok sched
	perf_wait_quiet "$SW_PID" "$$"
	perf_c2c
	local c2c_ns=$C2C_NS c2c_mode=$C2C_MODE c2c_mean=$C2C_MEAN_NS
	"${sw}_stats_clear" || perf_warn "$sw: clearing stats failed"
	sched=$("${sw}_fwd_schedstat")
	[ -n "$sched" ] || perf_warn "$sw: no forwarding thread found for sut_wait"
	local t0 t1
	perf_cpu_snapshot "$lp.cpu0"; t0=$(date +%s.%N)
	if ! gen_run "$lp.gen.log" "$SW_TX_SOCK" "$SW_RX_SOCK" "$SW_ROLE" "$size" "$flows" "$secs" "$sched"; then
		status=gen_failed
	fi
	perf_cpu_snapshot "$lp.cpu1"; t1=$(date +%s.%N)
	SW_CYCLES=nan; SW_PKTS=0
	"${sw}_stats_read" "$lp.stats.txt" || { perf_warn "$sw: reading stats failed"; [ "$status" = ok ] && status=stats_failed; }
	perf_alive "$SW_PID" || { perf_warn "$sw died, see its log"; status=switch_died; }
	perf_c2c
	local rx=${GEN[rx_mpps]:-nan} gwait=${GEN[gen_wait_pct]:-nan} swait=${GEN[sut_wait_pct]:-nan}
	[ -z "$sched" ] && swait=nan
	stats_record "$RUNS_FILE" "scenario=$scen round=$round switch=$sw size=$size flows=$flows" \
		"status=$status time=$(perf_ts) secs=${GEN[secs]:-nan} rx_mpps=$rx tx_mpps=${GEN[tx_mpps]:-nan}" \
		"cycles_per_pkt=$SW_CYCLES sut_pkts=$SW_PKTS gen_wait_pct=$gwait sut_wait_pct=$swait" \
		"c2c_ns=$c2c_ns c2c_mode=$c2c_mode c2c_mean_ns=$c2c_mean c2c_after_ns=$C2C_NS c2c_after_mode=$C2C_MODE" \
		"tx_pkts=${GEN[tx_pkts]:-nan} rx_pkts=${GEN[rx_pkts]:-nan} lost=${GEN[lost]:-nan} loss_pct=${GEN[loss_pct]:-nan}" \
		"foreign=${GEN[foreign]:-nan} rx_on_tx_port=${GEN[rx_on_tx_port]:-nan} reordered=${GEN[reordered]:-nan}" \
		"lat_p50_us=${GEN[lat_p50_us]:-nan} lat_p99_us=${GEN[lat_p99_us]:-nan} lat_max_us=${GEN[lat_max_us]:-nan}"
	perf_log "$(printf '%-7s %4sB round %s: rx %7s Mpps  %6s cyc/pkt  gen_wait %5s%%  sut_wait %5s%%  c2c %5s ns (%s) -> %5s ns (%s)  %s' \
		"$sw" "$size" "$round" "$rx" "$SW_CYCLES" "$gwait" "$swait" "$c2c_ns" "$c2c_mode" "$C2C_NS" "$C2C_MODE" "$status")"
	# Who used the CPUs during the run (* = ours); logged when the run was not quiet.
	local users
	users=$(perf_cpu_users "$lp.cpu0" "$lp.cpu1" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" \
		"$SW_PID $$ ${GEN_PID:-} ${OVS_DB_PID:-}")
	rm -f "$lp.cpu0" "$lp.cpu1"
	echo "round=$round switch=$sw size=$size gen_wait=$gwait sut_wait=$swait cpu: $users" >> "$OUT_DIR/cpu_users.txt"
	if awk -v a="$gwait" -v b="$swait" -v m="$PERF_WAIT_MAX_PCT" 'BEGIN{exit !((a+0 > m) || (b+0 > m))}'; then
		perf_log "  not quiet; CPU users during the run (% of one CPU, * = ours): ${users:-?}"
	fi
	[ "$status" = ok ]
}
