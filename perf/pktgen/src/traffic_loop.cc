#include "turnout/pktgen/traffic_loop.h"

#include <rte_branch_prediction.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "turnout/pktgen/probe_sink.h"
#include "turnout/pktgen/rate_pacer.h"
#include "turnout/pktgen/stop_signal.h"
#include "turnout/pktgen/tx_engine.h"

namespace turnout::pktgen {
namespace {

// A switch that takes nothing for this long is not going to; end the run rather than hang.
constexpr double kTxStallSeconds = 5;

static_assert(kBurstSize <= ProbeSink::kMaxBurst, "the sink holds back one whole RX burst");

uint64_t seconds_to_cycles(double seconds, uint64_t hz) {
  return static_cast<uint64_t>(seconds * static_cast<double>(hz));
}

class TrafficLoop {
 public:
  TrafficLoop(const TrafficPlan& plan, const TrafficPorts& ports, const PacketBuilder& builder,
              const FlowSet& flows, NoiseMeter& noise)
      : plan_(plan),
        ports_(ports),
        noise_(noise),
        hz_(rte_get_tsc_hz()),
        stall_cycles_(seconds_to_cycles(kTxStallSeconds, hz_)),
        tx_(ports.tx_port, ports.tx_pool, builder, flows),
        sink_(plan.latency_sample) {}

  TrafficResult run();

 private:
  enum class Phase { kWarmup, kMeasure, kDrain };

  void begin_measuring(uint64_t now);
  void end_measuring(uint64_t now);
  bool measurement_complete(uint64_t now);
  void transmit(uint64_t now);
  void receive();
  void report_progress(uint64_t now);

  const TrafficPlan& plan_;
  const TrafficPorts ports_;
  NoiseMeter& noise_;
  const uint64_t hz_;
  const uint64_t stall_cycles_;
  TxEngine tx_;
  ProbeSink sink_;
  std::optional<RatePacer> pacer_;
  rte_mbuf* rx_burst_[kBurstSize];

  Phase phase_ = Phase::kWarmup;
  uint64_t measure_start_ = 0;
  uint64_t measure_deadline_ = 0;  // 0 = none
  uint64_t measure_stop_ = 0;
  uint64_t drain_end_ = 0;
  uint64_t last_tx_progress_ = 0;
  uint64_t built_while_measuring_ = 0;

  TrafficResult result_;
  uint64_t frames_sent_ = 0;      // all phases, for progress lines
  uint64_t frames_received_ = 0;  // all phases, for progress lines
  uint64_t progress_due_ = 0;
  uint64_t progress_last_tsc_ = 0;
  uint64_t progress_last_sent_ = 0;
  uint64_t progress_last_received_ = 0;
};

TrafficResult TrafficLoop::run() {
  const uint64_t start = rte_rdtsc();
  if (plan_.rate_mpps > 0) pacer_.emplace(plan_.rate_mpps * 1e6, hz_, kBurstSize, start);
  progress_due_ = start + hz_;
  progress_last_tsc_ = start;
  last_tx_progress_ = start;
  const uint64_t warmup_end = start + seconds_to_cycles(plan_.warmup_s, hz_);
  if (plan_.warmup_s <= 0) begin_measuring(start);

  while (true) {
    const uint64_t now = rte_rdtsc();
    if (unlikely(stop_requested()) && !result_.interrupted) {
      result_.interrupted = true;
      if (phase_ == Phase::kMeasure) {
        end_measuring(now);
      } else if (phase_ == Phase::kWarmup) {
        break;  // nothing measured, nothing to drain
      }
    }
    if (phase_ == Phase::kWarmup) {
      if (now >= warmup_end) begin_measuring(now);
    } else if (phase_ == Phase::kMeasure) {
      if (measurement_complete(now)) end_measuring(now);
    } else if (now >= drain_end_) {
      break;
    }
    if (phase_ != Phase::kDrain) transmit(now);
    receive();
    if (unlikely(plan_.progress) && now >= progress_due_) report_progress(now);
  }
  tx_.discard_pending();
  sink_.flush();

  result_.tsc_hz = hz_;
  result_.measured_cycles = result_.measured ? measure_stop_ - measure_start_ : 0;
  result_.rx_pkts = sink_.received();
  result_.foreign = sink_.foreign();
  result_.reordered = sink_.reordered();
  result_.latency = sink_.take_latency();
  return std::move(result_);
}

void TrafficLoop::begin_measuring(uint64_t now) {
  // Packets still pending from the warm-up carry warm-up sequence numbers: sent now they
  // would count as tx but never as rx. Drop them so the measured phase starts cleanly.
  tx_.discard_pending();
  sink_.start_counting(tx_.next_seq());
  noise_.start();
  result_.measured = true;
  measure_start_ = now;
  measure_deadline_ = plan_.duration_s > 0 ? now + seconds_to_cycles(plan_.duration_s, hz_) : 0;
  last_tx_progress_ = now;
  phase_ = Phase::kMeasure;
}

void TrafficLoop::end_measuring(uint64_t now) {
  measure_stop_ = now;
  const double elapsed_ns =
      static_cast<double>(now - measure_start_) * 1e9 / static_cast<double>(hz_);
  result_.noise = noise_.stop(static_cast<uint64_t>(elapsed_ns));
  tx_.discard_pending();  // never sent, so never counted
  drain_end_ = now + seconds_to_cycles(plan_.drain_ms / 1000.0, hz_);
  phase_ = Phase::kDrain;
}

bool TrafficLoop::measurement_complete(uint64_t now) {
  if (measure_deadline_ != 0 && now >= measure_deadline_) return true;
  if (plan_.count != 0 && result_.tx_pkts >= plan_.count) return true;
  if (tx_.pending() != 0 && now - last_tx_progress_ > stall_cycles_) {
    result_.tx_stalled = true;
    return true;
  }
  return false;
}

void TrafficLoop::transmit(uint64_t now) {
  if (tx_.pending() == 0) {
    uint64_t budget = kBurstSize;
    if (pacer_) budget = pacer_->allowance(now);
    if (phase_ == Phase::kMeasure && plan_.count != 0)
      budget = std::min(budget, plan_.count - built_while_measuring_);
    if (budget == 0) return;
    const uint16_t built = tx_.build(static_cast<uint16_t>(budget), now);
    if (built == 0) return;
    if (pacer_) pacer_->consume(built);
    if (phase_ == Phase::kMeasure) built_while_measuring_ += built;
    last_tx_progress_ = now;
  }
  const uint16_t offered = tx_.pending();
  const uint16_t sent = tx_.flush();
  frames_sent_ += sent;
  if (phase_ == Phase::kMeasure) result_.tx_pkts += sent;
  if (sent != 0) last_tx_progress_ = now;
  if (phase_ == Phase::kMeasure) {
    ++result_.tx_bursts;
    if (sent != offered) ++result_.tx_back_pressure;
  }
}

// One sink burst per TX burst keeps pace with the switch: the TX ring is smaller than the
// sink's (see port_session.cc), so the switch never finds the sink ring full because the
// generator fell behind, and an extra poll of an empty ring only costs a cache miss.
void TrafficLoop::receive() {
  uint16_t count = rte_eth_rx_burst(ports_.rx_port, 0, rx_burst_, kBurstSize);
  if (count != 0) {
    frames_received_ += count;
    sink_.absorb(rx_burst_, count, rte_rdtsc());
  } else {
    sink_.flush();  // idle: settle the held-back burst now rather than later
  }
  // Whatever the switch sends back into the TX port (flooding, learning replies).
  count = rte_eth_rx_burst(ports_.tx_port, 0, rx_burst_, kBurstSize);
  if (count != 0) {
    if (sink_.counting()) result_.rx_on_tx_port += count;
    rte_pktmbuf_free_bulk(rx_burst_, count);
  }
}

void TrafficLoop::report_progress(uint64_t now) {
  const double seconds = static_cast<double>(now - progress_last_tsc_) / static_cast<double>(hz_);
  const char* phase = phase_ == Phase::kWarmup    ? "warmup"
                      : phase_ == Phase::kMeasure ? "measure"
                                                  : "drain";
  std::fprintf(stderr, "turnout-pktgen: %-7s tx %.3f Mpps  rx %.3f Mpps\n", phase,
               static_cast<double>(frames_sent_ - progress_last_sent_) / seconds / 1e6,
               static_cast<double>(frames_received_ - progress_last_received_) / seconds / 1e6);
  progress_last_tsc_ = now;
  progress_last_sent_ = frames_sent_;
  progress_last_received_ = frames_received_;
  progress_due_ = now + hz_;
}

}  // namespace

TrafficPlan TrafficPlan::from(const Options& options) {
  TrafficPlan plan;
  plan.warmup_s = options.warmup_s;
  plan.duration_s = options.duration_s;
  plan.count = options.count;
  plan.rate_mpps = options.rate_mpps;
  plan.drain_ms = options.drain_ms;
  plan.latency_sample = options.latency_sample;
  plan.progress = options.progress;
  return plan;
}

TrafficResult run_traffic(const TrafficPlan& plan, const TrafficPorts& ports,
                          const PacketBuilder& builder, const FlowSet& flows, NoiseMeter& noise) {
  TrafficLoop loop(plan, ports, builder, flows, noise);
  return loop.run();
}

}  // namespace turnout::pktgen
