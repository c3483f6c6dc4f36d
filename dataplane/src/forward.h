#pragma once
// The per-burst fast path: account the burst to its input port, decide where each
// packet goes, and transmit per output. Today the decision is the port map (the whole
// burst follows its rx queue's forward_slot); the flow cache will produce per-packet
// outputs that are grouped into the same transmit() calls.

#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_spinlock.h>

#include "turnout/dataplane/pmd_thread.h"
#include "turnout/dataplane/snapshot.h"

namespace turnout::dataplane::fastpath {

inline void drop(rte_mbuf** pkts, uint16_t n, DropReason reason, PortPmdCounters& port,
                 PmdCounters& pmd) {
  rte_pktmbuf_free_bulk(pkts, n);
  port.drops[static_cast<unsigned>(reason)].add(n);
  pmd.drops[static_cast<unsigned>(reason)].add(n);
}

// Sends `n` packets totalling `bytes`; whatever the queue does not take is dropped and
// counted (bounded retries for guest rings arrive with the vhost port type).
inline void transmit(const TxTarget& tx, rte_mbuf** pkts, uint16_t n, uint64_t bytes,
                     unsigned pmd_index, PmdCounters& pmd) {
  if (tx.lock) rte_spinlock_lock(tx.lock);
  uint16_t sent = rte_eth_tx_burst(tx.port_id, tx.txq, pkts, n);
  if (tx.lock) rte_spinlock_unlock(tx.lock);
  PortPmdCounters& out = tx.port->counters[pmd_index];
  if (sent < n) {
    for (uint16_t i = sent; i < n; ++i) bytes -= pkts[i]->pkt_len;
    drop(pkts + sent, n - sent, DropReason::kTxQueueFull, out, pmd);
  }
  out.tx_packets.add(sent);
  out.tx_bytes.add(bytes);
  pmd.tx_packets.add(sent);
  pmd.tx_bursts.add(1);
}

inline void forward_burst(const PmdPlan& plan, const RxqPoll& poll, rte_mbuf** pkts, uint16_t n,
                          unsigned pmd_index, PmdCounters& pmd) {
  PortPmdCounters& in = poll.in->counters[pmd_index];
  uint64_t bytes = 0;
  for (uint16_t i = 0; i < n; ++i) bytes += pkts[i]->pkt_len;
  in.rx_packets.add(n);
  in.rx_bytes.add(bytes);
  pmd.rx_packets.add(n);
  poll.rxq->packets.add(n);
  if (poll.forward_slot == kNoOutput) {
    drop(pkts, n, DropReason::kNoForwardingEntry, in, pmd);
    return;
  }
  transmit(plan.tx[static_cast<size_t>(poll.forward_slot)], pkts, n, bytes, pmd_index, pmd);
}

}  // namespace turnout::dataplane::fastpath
