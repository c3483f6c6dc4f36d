# shellcheck shell=bash disable=SC2034,SC2153
# (globals here are shared with the other perf/lib files and perf/run.sh)
# perf/lib/p2p.sh - scenario p2p: the switch forwards between two vhost-user ports
# (vh0 -> vh1), generator on PERF_GEN_CPU, the switch's single forwarding thread on
# PERF_SUT_CPU. Switches alternate in rounds (A,B,C,A,B,C,...); within its slot a switch is
# started once, measured at every frame size, and stopped, so that only one forwarding
# thread ever occupies PERF_SUT_CPU.

scenario_p2p() {
	local r sw sz dir logdir
	for r in $(seq 1 "$ROUNDS"); do
		for sw in $SWITCHES; do
			dir="$RT_DIR/$sw"; logdir="$OUT_DIR/r$r/$sw"
			perf_log "-- round $r/$ROUNDS: $sw"
			if ! "${sw}_start" "$dir" "$logdir" p2p; then
				perf_warn "$sw failed to start in round $r; its runs of this round are recorded as failed"
				for sz in $SIZES; do
					stats_record "$RUNS_FILE" "scenario=p2p round=$r switch=$sw size=$sz flows=$FLOWS status=start_failed time=$(perf_ts) rx_mpps=nan cycles_per_pkt=nan gen_wait_pct=nan sut_wait_pct=nan c2c_ns=nan c2c_mode=unknown c2c_after_ns=nan c2c_after_mode=unknown"
				done
				"${sw}_stop"
				continue
			fi
			for sz in $SIZES; do
				measure_run p2p "$r" "$sw" "$sz" "$FLOWS" "$SECS" "$logdir/${sz}B" || true
				perf_alive "$SW_PID" || break
			done
			"${sw}_stop"
		done
	done
	stats_summary "$RUNS_FILE" p2p "$SWITCHES" "$SIZES" "$FLOWS" > "$OUT_DIR/summary.txt"
}
