# shellcheck shell=bash disable=SC2034,SC2153
# (globals here are shared with the other perf/lib files and perf/run.sh)
# perf/lib/stats.sh - per-run records and the side-by-side summary. Requires common.sh.
#
# Every measurement is one key=value line in RUNS_FILE (stats_record). stats_summary then
#  * prints the per-run table,
#  * decides, per frame size, which rounds are comparable: every switch of the round ran
#    successfully, its generator and forwarding threads waited for a CPU at most
#    PERF_WAIT_MAX_PCT % of the run (schedstat), and all switches of the round saw the same
#    c2c mode right before their run (with PERF_STABLE_MODE=1 also: the mode measured right
#    after each run is the same as before it). Excluded rounds are listed with the reason. If no
#    round of a size qualifies, all rounds are used and a WARNING says so.
#  * prints medians over the used rounds (Mpps at the sink, busy cycles per packet) and
#    ratios between switches. A ratio is the median of the per-round ratios (both switches
#    measured in the same round), which cancels most of the slow drift of the machine.
#  * prints the machine-readable lines:
#      scenario=S switch=W size=B flows=N mpps=X cycles_per_pkt=Y rounds=U/T qualified=yes|no modes=...
#      ratio scenario=S size=B turnout/ovs=R turnout/testpmd=R ovs/testpmd=R cycles_turnout/ovs=R ...

# stats_record FILE key=value...
stats_record() { local f=$1; shift; echo "$*" >> "$f"; }

# stats_summary RUNS_FILE SCENARIO "SWITCHES" "SIZES" FLOWS
stats_summary() {
	local runs=$1 scen=$2 switches=$3 sizes=$4 flows=$5
	awk -v scen="$scen" -v swl="$switches" -v szl="$sizes" -v flows="$flows" \
		-v wmax="${PERF_WAIT_MAX_PCT:-2}" -v stable="${PERF_STABLE_MODE:-0}" '
	function isnum(x) { return x ~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/ }
	function median(arr, n,    i, j, t, b) {
		if (n == 0) return "nan"
		for (i = 1; i <= n; i++) b[i] = arr[i]
		for (i = 2; i <= n; i++) { t = b[i]; for (j = i - 1; j >= 1 && b[j] > t; j--) b[j + 1] = b[j]; b[j + 1] = t }
		return (n % 2) ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
	}
	function fmt(x, f) { return isnum(x) ? sprintf(f, x) : "nan" }
	{
		delete f
		for (i = 1; i <= NF; i++) { k = $i; sub(/=.*/, "", k); v = $i; sub(/^[^=]*=/, "", v); f[k] = v }
		if (f["scenario"] != scen) next
		r = f["round"] + 0; z = f["size"]; s = f["switch"]
		if (r > maxr) maxr = r
		key = z SUBSEP r SUBSEP s
		have[key] = 1; hasz[z, r] = 1
		ok[key] = (f["status"] == "ok" && isnum(f["rx_mpps"]) && f["rx_mpps"] > 0)
		mpps[key] = f["rx_mpps"]; cyc[key] = f["cycles_per_pkt"]
		gw[key] = f["gen_wait_pct"]; sw[key] = f["sut_wait_pct"]; md[key] = f["c2c_mode"]; ma[key] = f["c2c_after_mode"]
		lines[++nl] = sprintf("%5d  %-8s %5s  %8s  %8s  %7s  %7s  %7s  %-7s %7s  %-7s %s",
			r, s, z, fmt(f["rx_mpps"], "%.3f"), fmt(f["cycles_per_pkt"], "%.1f"),
			fmt(f["gen_wait_pct"], "%.2f"), fmt(f["sut_wait_pct"], "%.2f"),
			fmt(f["c2c_ns"], "%.0f"), f["c2c_mode"], fmt(f["c2c_after_ns"], "%.0f"),
			f["c2c_after_mode"], f["status"] (f["status"] == "ok" && isnum(f["loss_pct"]) && f["loss_pct"] > 0 ? " loss=" f["loss_pct"] "%" : ""))
	}
	END {
		nsw = split(swl, S, " "); nsz = split(szl, Z, " ")
		print ""
		print "== per run (c2c = core-to-core RTT in ns right before / after the run; wait = % of the run spent runnable but not running)"
		print "round  switch    size  rx_Mpps  cyc/pkt  genwait  sutwait  c2c_ns  mode    after_ns after   status"
		for (i = 1; i <= nl; i++) print lines[i]
		print ""
		print "== round selection (comparable: all switches ok, gen and SUT wait <= " wmax " %, same c2c mode" (stable ? ", mode unchanged during each run" : "") ")"
		for (zi = 1; zi <= nsz; zi++) {
			z = Z[zi]; nq = 0
			for (r = 1; r <= maxr; r++) {
				reason = ""; m0 = ""; modes = ""; same = 1
				for (si = 1; si <= nsw; si++) {
					s = S[si]; key = z SUBSEP r SUBSEP s
					if (!(key in have)) { reason = reason sprintf("; %s not run", s); continue }
					if (!ok[key]) { reason = reason sprintf("; %s failed", s); continue }
					if (!isnum(gw[key]) || gw[key] > wmax) reason = reason sprintf("; %s gen_wait %s%%", s, gw[key])
					if (!isnum(sw[key]) || sw[key] > wmax) reason = reason sprintf("; %s sut_wait %s%%", s, sw[key])
					if (stable && ma[key] != md[key]) reason = reason sprintf("; %s c2c mode changed during the run (%s -> %s)", s, md[key], ma[key])
					modes = modes sprintf("%s%s=%s", modes == "" ? "" : ",", s, md[key])
					if (md[key] == "unknown" || md[key] == "") same = 0
					if (m0 == "") m0 = md[key]; else if (md[key] != m0) same = 0
				}
				if (!same) reason = reason "; c2c modes " modes
				if (reason == "") { used[z, ++nq] = r; rmode[z, r] = m0; printf "size %5s round %d: used (c2c mode %s)\n", z, r, m0 }
				else printf "size %5s round %d: EXCLUDED: %s\n", z, r, substr(reason, 3)
			}
			qual[z] = (nq > 0)
			if (nq == 0) {
				printf "WARNING: no round of size %s met the conditions; the summary below uses ALL rounds and is not a clean comparison\n", z
				for (r = 1; r <= maxr; r++) if ((z, r) in hasz) { used[z, ++nq] = r; rmode[z, r] = "any" }
			}
			nused[z] = nq
		}
		print ""
		print "== " scen " summary: medians over the used rounds; ratios = median of per-round ratios (same round, same conditions)"
		printf "%-8s %5s  %9s  %8s  %10s  %14s  %10s  %14s  %7s  %s\n", "switch", "size", "Mpps", "cyc/pkt",
			"Mpps/ovs", "Mpps/testpmd", "cyc/ovs", "cyc/testpmd", "rounds", "modes"
		for (zi = 1; zi <= nsz; zi++) {
			z = Z[zi]
			for (si = 1; si <= nsw; si++) {
				s = S[si]; n = 0; nc = 0; ml = ""
				delete a; delete c
				for (u = 1; u <= nused[z]; u++) {
					r = used[z, u]; key = z SUBSEP r SUBSEP s
					if (!ok[key]) continue
					a[++n] = mpps[key]
					if (isnum(cyc[key])) c[++nc] = cyc[key]
					if (index("," ml ",", "," md[key] ",") == 0) ml = ml (ml == "" ? "" : ",") md[key]
				}
				medm[z, s] = median(a, n); medc[z, s] = median(c, nc); cnt[z, s] = n; mlist[z, s] = ml
				for (ri = 1; ri <= 2; ri++) {
					ref = (ri == 1) ? "ovs" : "testpmd"
					rm[z, s, ref] = "nan"; rc[z, s, ref] = "nan"
					if (ref == s) continue
					nr = 0; ncr = 0; delete b; delete d
					for (u = 1; u <= nused[z]; u++) {
						r = used[z, u]; k1 = z SUBSEP r SUBSEP s; k2 = z SUBSEP r SUBSEP ref
						if (!ok[k1] || !ok[k2]) continue
						b[++nr] = mpps[k1] / mpps[k2]
						if (isnum(cyc[k1]) && isnum(cyc[k2]) && cyc[k2] > 0) d[++ncr] = cyc[k1] / cyc[k2]
					}
					rm[z, s, ref] = median(b, nr); rc[z, s, ref] = median(d, ncr)
				}
				printf "%-8s %5s  %9s  %8s  %10s  %14s  %10s  %14s  %3d/%-3d  %s\n", s, z,
					fmt(medm[z, s], "%.3f"), fmt(medc[z, s], "%.1f"),
					fmt(rm[z, s, "ovs"], "%.3f"), fmt(rm[z, s, "testpmd"], "%.3f"),
					fmt(rc[z, s, "ovs"], "%.3f"), fmt(rc[z, s, "testpmd"], "%.3f"), n, maxr, ml
			}
			if (!qual[z]) printf "%-8s %5s  (WARNING: size %s: no comparable round, all rounds used)\n", "", "", z
		}
		print ""
		for (zi = 1; zi <= nsz; zi++) {
			z = Z[zi]
			for (si = 1; si <= nsw; si++) {
				s = S[si]
				printf "scenario=%s switch=%s size=%s flows=%s mpps=%s cycles_per_pkt=%s rounds=%d/%d qualified=%s modes=%s\n",
					scen, s, z, flows, fmt(medm[z, s], "%.3f"), fmt(medc[z, s], "%.1f"),
					cnt[z, s], maxr, qual[z] ? "yes" : "no", mlist[z, s] == "" ? "none" : mlist[z, s]
			}
		}
		for (zi = 1; zi <= nsz; zi++) {
			z = Z[zi]
			printf "ratio scenario=%s size=%s turnout/ovs=%s turnout/testpmd=%s ovs/testpmd=%s cycles_turnout/ovs=%s cycles_turnout/testpmd=%s cycles_ovs/testpmd=%s qualified=%s rounds=%d/%d\n",
				scen, z, fmt(rm[z, "turnout", "ovs"], "%.3f"), fmt(rm[z, "turnout", "testpmd"], "%.3f"),
				fmt(rm[z, "ovs", "testpmd"], "%.3f"), fmt(rc[z, "turnout", "ovs"], "%.3f"),
				fmt(rc[z, "turnout", "testpmd"], "%.3f"), fmt(rc[z, "ovs", "testpmd"], "%.3f"),
				qual[z] ? "yes" : "no", nused[z], maxr
		}
	}' "$runs"
}
