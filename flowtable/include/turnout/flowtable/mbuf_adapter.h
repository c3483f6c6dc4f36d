#pragma once
// rte_mbuf -> PacketView, for the dataplane. The only DPDK-aware piece of flowtable/, and
// header-only, so turnout_flowtable itself builds, tests and fuzzes without DPDK.
// Link `turnout_flowtable_mbuf` (which adds DPDK's include path) to use it.
//
// Only the first segment is parsed: headers are expected to be contiguous there (every
// PMD and vhost path the switch uses puts at least the first 128 bytes in segment one).
// Headers that spill into a second segment are reported as truncated, never read.

#include <rte_mbuf.h>

#include "turnout/flowtable/extract.h"
#include "turnout/flowtable/flow_batch.h"

namespace turnout::flowtable {

inline PacketView packet_view(const rte_mbuf* mbuf) {
  return {rte_pktmbuf_mtod(mbuf, const uint8_t*), mbuf->data_len};
}

inline ParseOutcome extract_flow_key(const rte_mbuf* mbuf, uint32_t in_port, FlowKey& key) {
  const PacketView view = packet_view(mbuf);
  return extract_flow_key(view.data, view.len, in_port, key);
}

inline void extract_flow_batch(rte_mbuf* const* mbufs, unsigned count, uint32_t in_port,
                               uint32_t hash_seed, FlowBatch& batch,
                               BatchPrefetch prefetch = BatchPrefetch::kWholeBatch) {
  PacketView views[kFlowBatchSize];
  if (count > kFlowBatchSize) count = kFlowBatchSize;
  for (unsigned i = 0; i < count; ++i) views[i] = packet_view(mbufs[i]);
  extract_flow_batch(views, count, in_port, hash_seed, batch, prefetch);
}

}  // namespace turnout::flowtable
