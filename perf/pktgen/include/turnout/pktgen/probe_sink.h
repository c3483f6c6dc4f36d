#pragma once
// The receive half of the loop: checks every arriving frame for the probe trailer, counts
// the ones sent during the measured phase (judged by sequence number, so holding a burst
// back for a while does not blur the boundary), notices sequence numbers that go backwards
// (reordered or duplicated) and samples latency on every Nth counted probe.
//
// Reordering is judged against the highest sequence number seen so far: the generator
// sends one sequence on one queue, so any step back means the switch reordered or
// duplicated. Gaps are loss, which tx - rx already counts exactly.

#include <rte_branch_prediction.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>

#include <cstdint>
#include <cstring>
#include <utility>

#include "turnout/pktgen/latency_histogram.h"
#include "turnout/pktgen/probe_trailer.h"

namespace turnout::pktgen {

class ProbeSink {
 public:
  explicit ProbeSink(uint32_t latency_sample_every)
      : sample_every_(latency_sample_every), sample_countdown_(latency_sample_every) {}

  // From now on count probes whose sequence number is >= first_seq (and foreign frames).
  void start_counting(uint64_t first_seq) { first_counted_seq_ = first_seq; }
  bool counting() const { return first_counted_seq_ != kNotCounting; }

  uint64_t received() const { return received_; }
  uint64_t foreign() const { return foreign_; }
  uint64_t reordered() const { return reordered_; }
  const LatencyHistogram& latency() const { return latency_; }
  LatencyHistogram take_latency() { return std::move(latency_); }

  // Takes over a burst received at `now` (count <= kMaxBurst). The trailers were just
  // written by the switch's core, so they are only prefetched here and read one call later
  // (or in flush()), when the cross-core transfers have completed in the background.
  void absorb(rte_mbuf* const* frames, uint16_t count, uint64_t now) {
    for (uint16_t i = 0; i < count; ++i) {
      const uint8_t* trailer = trailer_of(frames[i]);
      rte_prefetch0(trailer);
      rte_prefetch0(trailer + kProbeTrailerSize - 1);  // it may straddle two lines
    }
    flush();
    std::memcpy(held_, frames, count * sizeof held_[0]);
    held_count_ = count;
    held_tsc_ = now;
  }

  // Accounts for and frees the burst held back by absorb(). Call it when the port is idle
  // and before reading the counters.
  void flush() {
    if (held_count_ == 0) return;
    for (uint16_t i = 0; i < held_count_; ++i) account(held_[i], held_tsc_);
    rte_pktmbuf_free_bulk(held_, held_count_);
    held_count_ = 0;
  }

  ~ProbeSink() { flush(); }
  ProbeSink(const ProbeSink&) = delete;
  ProbeSink& operator=(const ProbeSink&) = delete;

  static constexpr uint16_t kMaxBurst = 32;

 private:
  static constexpr uint64_t kNotCounting = UINT64_MAX;

  static const uint8_t* trailer_of(const rte_mbuf* frame) {
    return rte_pktmbuf_mtod(frame, const uint8_t*) + frame->pkt_len - kProbeTrailerSize;
  }

  void account(const rte_mbuf* frame, uint64_t now) {
    ProbeFields probe;
    if (unlikely(!read_probe(frame, &probe))) {
      if (counting()) ++foreign_;
      return;
    }
    const bool stepped_back = probe.seq < next_expected_seq_;
    if (!stepped_back) next_expected_seq_ = probe.seq + 1;
    if (probe.seq < first_counted_seq_) return;  // warm-up traffic, or not counting yet
    ++received_;
    if (unlikely(stepped_back)) ++reordered_;
    if (--sample_countdown_ == 0) {
      sample_countdown_ = sample_every_;
      latency_.record(now > probe.tx_tsc ? now - probe.tx_tsc : 0);
    }
  }

  static bool read_probe(const rte_mbuf* frame, ProbeFields* probe) {
    if (unlikely(frame->pkt_len < kProbeTrailerSize)) return false;
    if (likely(frame->nb_segs == 1)) return read_probe_trailer(trailer_of(frame), probe);
    uint8_t copy[kProbeTrailerSize];  // the trailer may straddle segments
    const void* bytes = rte_pktmbuf_read(frame, frame->pkt_len - kProbeTrailerSize,
                                         kProbeTrailerSize, copy);
    return bytes != nullptr && read_probe_trailer(static_cast<const uint8_t*>(bytes), probe);
  }

  rte_mbuf* held_[kMaxBurst];
  uint16_t held_count_ = 0;
  uint64_t held_tsc_ = 0;
  const uint32_t sample_every_;
  uint32_t sample_countdown_;
  uint64_t first_counted_seq_ = kNotCounting;
  uint64_t next_expected_seq_ = 0;  // one past the highest sequence number seen
  uint64_t received_ = 0;
  uint64_t foreign_ = 0;
  uint64_t reordered_ = 0;
  LatencyHistogram latency_;
};

}  // namespace turnout::pktgen
