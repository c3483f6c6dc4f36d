#pragma once
// Turning a run's counters into what people and scripts read: the one RESULT line on
// stdout (a stable key=value contract for perf/ scripts) and a short summary on stderr.

#include <cstdint>
#include <string>

#include "turnout/pktgen/traffic_loop.h"

namespace turnout::pktgen {

struct RunReport {
  uint64_t tx_pkts = 0;
  uint64_t rx_pkts = 0;
  double tx_mpps = 0;
  double rx_mpps = 0;
  int64_t lost = 0;  // negative if the switch duplicated packets
  double loss_pct = 0;
  uint64_t foreign = 0;
  uint64_t rx_on_tx_port = 0;
  uint64_t reordered = 0;
  uint64_t latency_samples = 0;
  double lat_p50_us = 0;  // NaN without samples
  double lat_p99_us = 0;
  double lat_p999_us = 0;
  double lat_max_us = 0;
  double gen_wait_pct = 0;
  double sut_wait_pct = 0;  // NaN without --sut-schedstat
  double secs = 0;
  uint32_t size = 0;
  uint32_t flows = 0;
  // Share of TX bursts the switch did not take in full: near 100 % means the switch set
  // the pace, near 0 % at full rate means the generator did.
  double tx_back_pressure_pct = 0;
  bool interrupted = false;
  bool tx_stalled = false;
};

RunReport make_report(const TrafficResult& result, uint32_t size, uint32_t flows);
std::string format_result_line(const RunReport& report);
std::string format_summary(const RunReport& report);

}  // namespace turnout::pktgen
