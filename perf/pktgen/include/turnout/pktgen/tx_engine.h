#pragma once
// The transmit half of the loop: builds bursts of probes into fresh mbufs and offers them
// to the TX port. What the port does not take under back-pressure stays pending and is
// offered again on the next call, so the caller keeps receiving in between instead of
// spinning on a full ring.

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include <cstdint>
#include <cstring>

#include "turnout/pktgen/flow_set.h"
#include "turnout/pktgen/packet_builder.h"

namespace turnout::pktgen {

inline constexpr uint16_t kBurstSize = 32;

class TxEngine {
 public:
  TxEngine(uint16_t port, rte_mempool* pool, const PacketBuilder& builder, const FlowSet& flows)
      : port_(port), pool_(pool), builder_(builder), cursor_(flows) {}
  TxEngine(const TxEngine&) = delete;
  TxEngine& operator=(const TxEngine&) = delete;
  ~TxEngine() {
    discard_pending();
    if (staged_count_ != 0) rte_pktmbuf_free_bulk(staged_, staged_count_);
  }

  uint16_t pending() const { return pending_count_; }
  // Sequence number the next packet built will carry.
  uint64_t next_seq() const { return next_seq_; }

  // Builds up to `budget` (<= kBurstSize) new packets stamped with `now`; call only when
  // nothing is pending. Returns how many were built (fewer, or 0, if the pool ran dry).
  uint16_t build(uint16_t budget, uint64_t now) {
    if (staged_count_ < budget) restock();
    const uint16_t count = budget < staged_count_ ? budget : staged_count_;
    if (count == 0) return 0;
    const uint32_t size = builder_.frame_size();
    for (uint16_t i = 0; i < count; ++i) {
      rte_mbuf* mbuf = staged_[i];
      builder_.write(rte_pktmbuf_mtod(mbuf, uint8_t*), cursor_, next_seq_++, now);
      cursor_.advance();
      mbuf->data_len = static_cast<uint16_t>(size);
      mbuf->pkt_len = size;
      pending_[i] = mbuf;
    }
    pending_head_ = 0;
    pending_count_ = count;
    staged_count_ = static_cast<uint16_t>(staged_count_ - count);
    if (staged_count_ != 0)  // a paced budget took only part of the stage
      std::memmove(staged_, staged_ + count, staged_count_ * sizeof staged_[0]);
    restock();
    return count;
  }

  // Offers the pending packets to the port; returns how many it accepted.
  uint16_t flush() {
    const uint16_t sent = rte_eth_tx_burst(port_, 0, pending_ + pending_head_, pending_count_);
    pending_head_ = static_cast<uint16_t>(pending_head_ + sent);
    pending_count_ = static_cast<uint16_t>(pending_count_ - sent);
    return sent;
  }

  // Drops packets that were built but not sent (they were never counted as sent).
  void discard_pending() {
    if (pending_count_ != 0) rte_pktmbuf_free_bulk(pending_ + pending_head_, pending_count_);
    pending_count_ = 0;
  }

 private:
  // Allocates the next burst's mbufs one burst ahead. The cache lines a build writes (the
  // headers and the trailer) were last read by the switch's core; asking for ownership now
  // lets those transfers complete while the loop receives, instead of stalling the writes.
  void restock() {
    const uint16_t missing = static_cast<uint16_t>(kBurstSize - staged_count_);
    if (missing == 0 || rte_pktmbuf_alloc_bulk(pool_, staged_ + staged_count_, missing) != 0)
      return;
    const uint32_t trailer_offset = builder_.frame_size() - kProbeTrailerSize;
    for (uint16_t i = staged_count_; i < kBurstSize; ++i) {
      uint8_t* frame = rte_pktmbuf_mtod(staged_[i], uint8_t*);
      __builtin_prefetch(frame, /*rw=*/1, /*locality=*/3);
      __builtin_prefetch(frame + trailer_offset, /*rw=*/1, /*locality=*/3);
    }
    staged_count_ = kBurstSize;
  }

  const uint16_t port_;
  rte_mempool* const pool_;
  const PacketBuilder& builder_;
  FlowCursor cursor_;
  uint64_t next_seq_ = 0;
  rte_mbuf* staged_[kBurstSize];  // allocated, not yet written
  uint16_t staged_count_ = 0;
  rte_mbuf* pending_[kBurstSize];  // written, not yet taken by the port
  uint16_t pending_head_ = 0;
  uint16_t pending_count_ = 0;
};

}  // namespace turnout::pktgen
