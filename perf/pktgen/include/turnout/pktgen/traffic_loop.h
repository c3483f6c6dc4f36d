#pragma once
// The generator's one busy loop: warm-up, measured phase, drain. Each iteration offers one
// burst to the TX port and empties what arrived on both ports, on a single lcore.
//
// Counting is exact by sequence number: the measured phase starts at a known sequence
// number (anything still pending from the warm-up is dropped unsent), tx counts only what
// the port accepted during the measured phase, and rx counts only probes carrying a
// sequence number from that phase, including those that arrive during the drain.

#include <rte_mempool.h>

#include <cstdint>

#include "turnout/pktgen/flow_set.h"
#include "turnout/pktgen/latency_histogram.h"
#include "turnout/pktgen/noise_meter.h"
#include "turnout/pktgen/options.h"
#include "turnout/pktgen/packet_builder.h"

namespace turnout::pktgen {

struct TrafficPlan {
  double warmup_s = 2;
  double duration_s = 10;  // 0 = no time limit (count must then be > 0)
  uint64_t count = 0;      // 0 = no packet limit
  double rate_mpps = 0;    // 0 = unpaced
  uint32_t drain_ms = 200;
  uint32_t latency_sample = 16;
  bool progress = false;

  static TrafficPlan from(const Options& options);
};

struct TrafficPorts {
  uint16_t tx_port;
  uint16_t rx_port;
  rte_mempool* tx_pool;
};

struct TrafficResult {
  bool measured = false;     // the measured phase began (not interrupted during warm-up)
  bool interrupted = false;  // SIGINT/SIGTERM ended the run early
  bool tx_stalled = false;   // the switch stopped taking packets; the run ended early
  uint64_t tx_pkts = 0;
  uint64_t rx_pkts = 0;
  uint64_t foreign = 0;
  uint64_t rx_on_tx_port = 0;
  uint64_t reordered = 0;
  uint64_t tx_bursts = 0;         // TX bursts offered while measuring
  uint64_t tx_back_pressure = 0;  // ... that the port did not take in full
  uint64_t tsc_hz = 0;
  uint64_t measured_cycles = 0;
  LatencyHistogram latency;  // TSC cycles
  NoiseShares noise;
};

TrafficResult run_traffic(const TrafficPlan& plan, const TrafficPorts& ports,
                          const PacketBuilder& builder, const FlowSet& flows, NoiseMeter& noise);

}  // namespace turnout::pktgen
