#pragma once
// The part of a port the PMDs touch: its DPDK port id, txq locks and per-PMD counters.
// Lives until every PMD has stopped referring to it (see SnapshotPublisher::synchronize).

#include <rte_spinlock.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "turnout/dataplane/counter.h"
#include "turnout/dataplane/drop_reason.h"
#include "turnout/dataplane/limits.h"

namespace turnout::dataplane {

// One PMD's counters for one port; a cache line of its own so PMDs never share lines.
struct alignas(kCacheLine) PortPmdCounters {
  Counter rx_packets;
  Counter rx_bytes;
  Counter tx_packets;
  Counter tx_bytes;
  std::array<Counter, kDropReasonCount> drops;
};

struct PortRuntime {
  uint16_t port_id = 0;   // DPDK ethdev id
  uint32_t port_no = 0;   // the switch's port number (OpenFlow-style, 1..)
  std::string name;
  uint16_t n_txq = 0;
  std::unique_ptr<rte_spinlock_t[]> txq_locks;  // used only when n_txq < PMD count
  std::array<PortPmdCounters, kMaxPmds> counters;
};

// One rx queue of a port. Written only by the PMD that polls it.
struct alignas(kCacheLine) RxqRuntime {
  PortRuntime* port = nullptr;
  uint16_t queue = 0;
  Counter busy_cycles;  // cycles spent receiving and processing this queue's packets
  Counter packets;
};

}  // namespace turnout::dataplane
