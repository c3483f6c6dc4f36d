#include "turnout/flowtable/flow_batch.h"

#include <algorithm>

#include "turnout/flowtable/extract.h"

namespace turnout::flowtable {

namespace {

// The headers the parser reads: Ethernet + VLAN + IPv6 + TCP fit in two cache lines.
inline void prefetch_headers(const PacketView& packet) {
  __builtin_prefetch(packet.data);
  __builtin_prefetch(packet.data + 64);
}

// Two passes on purpose. Extraction writes a key with many narrow stores; compressing it
// right away reads the same bytes with wide loads, which the CPU cannot forward from
// several pending stores, so each packet would stall until its stores retire (measured:
// about 10 ns per packet). Extracting the whole burst first lets those stores drain
// while other packets are parsed.
template <BatchPrefetch kPrefetch>
void extract_all(const PacketView* packets, unsigned count, uint32_t in_port, uint32_t hash_seed,
                 FlowBatch& batch) {
  if constexpr (kPrefetch == BatchPrefetch::kWholeBatch)
    for (unsigned i = 0; i < count; ++i) prefetch_headers(packets[i]);
  for (unsigned i = 0; i < count; ++i) {
    if constexpr (kPrefetch == BatchPrefetch::kNextPacket)
      if (i + 1 < count) prefetch_headers(packets[i + 1]);
    batch.outcomes[i] = extract_flow_key(packets[i].data, packets[i].len, in_port, batch.keys[i]);
  }
  for (unsigned i = 0; i < count; ++i) {
    batch.flows[i].assign(batch.keys[i]);
    batch.hashes[i] = batch.flows[i].hash(hash_seed);
  }
}

}  // namespace

void extract_flow_batch(const PacketView* packets, unsigned count, uint32_t in_port,
                        uint32_t hash_seed, FlowBatch& batch, BatchPrefetch prefetch) {
  count = std::min(count, kFlowBatchSize);
  batch.count = count;
  switch (prefetch) {
    case BatchPrefetch::kNone:
      return extract_all<BatchPrefetch::kNone>(packets, count, in_port, hash_seed, batch);
    case BatchPrefetch::kNextPacket:
      return extract_all<BatchPrefetch::kNextPacket>(packets, count, in_port, hash_seed, batch);
    case BatchPrefetch::kWholeBatch:
      return extract_all<BatchPrefetch::kWholeBatch>(packets, count, in_port, hash_seed, batch);
  }
}

}  // namespace turnout::flowtable
