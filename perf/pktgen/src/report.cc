#include "turnout/pktgen/report.h"

#include <cmath>

#include "turnout/common/log.h"

namespace turnout::pktgen {

RunReport make_report(const TrafficResult& result, uint32_t size, uint32_t flows) {
  RunReport r;
  r.tx_pkts = result.tx_pkts;
  r.rx_pkts = result.rx_pkts;
  r.secs = result.tsc_hz ? static_cast<double>(result.measured_cycles) /
                               static_cast<double>(result.tsc_hz)
                         : 0;
  r.tx_mpps = r.secs > 0 ? static_cast<double>(r.tx_pkts) / r.secs / 1e6 : 0;
  r.rx_mpps = r.secs > 0 ? static_cast<double>(r.rx_pkts) / r.secs / 1e6 : 0;
  r.lost = static_cast<int64_t>(r.tx_pkts) - static_cast<int64_t>(r.rx_pkts);
  r.loss_pct = r.tx_pkts ? 100.0 * static_cast<double>(r.lost) / static_cast<double>(r.tx_pkts) : 0;
  r.foreign = result.foreign;
  r.rx_on_tx_port = result.rx_on_tx_port;
  r.reordered = result.reordered;
  r.latency_samples = result.latency.count();
  const auto micros = [&](uint64_t cycles) {
    if (r.latency_samples == 0 || result.tsc_hz == 0) return std::nan("");
    return static_cast<double>(cycles) * 1e6 / static_cast<double>(result.tsc_hz);
  };
  r.lat_p50_us = micros(result.latency.percentile(0.50));
  r.lat_p99_us = micros(result.latency.percentile(0.99));
  r.lat_p999_us = micros(result.latency.percentile(0.999));
  r.lat_max_us = micros(result.latency.max());
  r.gen_wait_pct = result.noise.generator_wait_pct;
  r.sut_wait_pct = result.noise.switch_wait_pct;
  r.size = size;
  r.flows = flows;
  r.tx_back_pressure_pct = result.tx_bursts ? 100.0 * static_cast<double>(result.tx_back_pressure) /
                                                  static_cast<double>(result.tx_bursts)
                                            : 0;
  r.interrupted = result.interrupted;
  r.tx_stalled = result.tx_stalled;
  return r;
}

std::string format_result_line(const RunReport& r) {
  return strformat(
      "RESULT tx_pkts=%lu rx_pkts=%lu tx_mpps=%.4f rx_mpps=%.4f lost=%ld loss_pct=%.6f "
      "foreign=%lu rx_on_tx_port=%lu reordered=%lu lat_p50_us=%.2f lat_p99_us=%.2f "
      "lat_p999_us=%.2f lat_max_us=%.2f gen_wait_pct=%.2f sut_wait_pct=%.2f secs=%.6f size=%u "
      "flows=%u",
      r.tx_pkts, r.rx_pkts, r.tx_mpps, r.rx_mpps, r.lost, r.loss_pct, r.foreign, r.rx_on_tx_port,
      r.reordered, r.lat_p50_us, r.lat_p99_us, r.lat_p999_us, r.lat_max_us, r.gen_wait_pct,
      r.sut_wait_pct, r.secs, r.size, r.flows);
}

std::string format_summary(const RunReport& r) {
  std::string out = strformat("turnout-pktgen: %u B frames, %u flow%s, %.4f s measured%s\n", r.size,
                              r.flows, r.flows == 1 ? "" : "s", r.secs,
                              r.interrupted ? " (interrupted)" : "");
  out += strformat("  tx %lu pkts (%.3f Mpps)   rx %lu pkts (%.3f Mpps)   lost %ld (%.4f%%)\n",
                   r.tx_pkts, r.tx_mpps, r.rx_pkts, r.rx_mpps, r.lost, r.loss_pct);
  if (r.latency_samples)
    out += strformat("  latency us: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%lu samples)\n",
                     r.lat_p50_us, r.lat_p99_us, r.lat_p999_us, r.lat_max_us, r.latency_samples);
  else
    out += "  latency: no samples\n";
  out += strformat("  foreign %lu  rx on tx port %lu  reordered %lu\n", r.foreign, r.rx_on_tx_port,
                   r.reordered);
  out += strformat("  tx bursts refused in part by the switch: %.1f%%\n", r.tx_back_pressure_pct);
  out += strformat("  run-queue wait: generator %.2f%%", r.gen_wait_pct);
  out += std::isnan(r.sut_wait_pct) ? std::string(", switch not given (--sut-schedstat)\n")
                                    : strformat(", switch %.2f%%\n", r.sut_wait_pct);
  if (r.tx_stalled)
    out += "  warning: the switch stopped taking packets for 5 s; the run ended early\n";
  return out;
}

}  // namespace turnout::pktgen
