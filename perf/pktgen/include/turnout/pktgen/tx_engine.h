#pragma once
// The transmit half of the loop: builds bursts of probes into fresh mbufs and offers them
// to the TX port. What the port does not take under back-pressure stays pending and is
// offered again on the next call, so the caller keeps receiving in between instead of
// spinning on a full ring.

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include <cstdint>
#include <cstdlib>
#include <rte_prefetch.h>

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
  ~TxEngine() { discard_pending(); }

  uint16_t pending() const { return pending_count_; }
  // Sequence number the next packet built will carry.
  uint64_t next_seq() const { return next_seq_; }
  uint64_t alloc_failures() const { return alloc_failures_; }

  // Builds up to `budget` (<= kBurstSize) new packets stamped with `now`; call only when
  // nothing is pending. Returns how many were built (0 if the pool ran dry).
  uint16_t build(uint16_t budget, uint64_t now) {
    if (rte_pktmbuf_alloc_bulk(pool_, pending_, budget) != 0) {
      ++alloc_failures_;
      return 0;
    }
    const uint32_t size = builder_.frame_size();
    if (pfw_) for (uint16_t i = 0; i < budget; ++i) __builtin_prefetch(rte_pktmbuf_mtod(pending_[i], uint8_t*), 1, 3);
    for (uint16_t i = 0; i < budget; ++i) {
      rte_mbuf* mbuf = pending_[i];
      builder_.write(rte_pktmbuf_mtod(mbuf, uint8_t*), cursor_, next_seq_++, now);
      cursor_.advance();
      mbuf->data_len = static_cast<uint16_t>(size);
      mbuf->pkt_len = size;
    }
    pending_head_ = 0;
    pending_count_ = budget;
    return budget;
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
  const uint16_t port_;
  rte_mempool* const pool_;
  const PacketBuilder& builder_;
  FlowCursor cursor_;
  uint64_t next_seq_ = 0;
  rte_mbuf* pending_[kBurstSize];
  uint16_t pending_head_ = 0;
  uint16_t pending_count_ = 0;
  uint64_t alloc_failures_ = 0;
  bool pfw_ = getenv("PG_PFW") != nullptr;
};

}  // namespace turnout::pktgen
