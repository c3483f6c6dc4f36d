#pragma once
// Key extraction for one rx burst: up to kFlowBatchSize packets of one input port in,
// their Miniflows, hashes and parse outcomes out. This is what a PMD calls per burst;
// the output lives in a caller-owned FlowBatch (no allocation, reused every burst).

#include <cstdint>

#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/miniflow.h"
#include "turnout/flowtable/parse_outcome.h"

namespace turnout::flowtable {

inline constexpr unsigned kFlowBatchSize = 32;

struct PacketView {
  const uint8_t* data;
  uint32_t len;
};

// Whether to pull packet headers into cache ahead of parsing them. Measured (see
// perf/bench/flow_key_bench.cc): no effect when headers are already in L1/L2; with headers
// in L3 only, 18.9 -> 16.2 (next) -> 15.7 (whole) ns per packet; from DRAM,
// 80 -> 58 -> 38 ns. Hence the default: prefetch the whole burst first.
enum class BatchPrefetch : uint8_t {
  kNone,
  kNextPacket,  // prefetch packet i+1's headers while parsing packet i
  kWholeBatch,  // prefetch every packet's headers before parsing the first
};

// Both forms of each key: the full FlowKey (direct word access for masked classifier
// lookups) and the Miniflow (compact, for the exact-match cache), plus its hash.
struct FlowBatch {
  unsigned count = 0;
  FlowKey keys[kFlowBatchSize];
  Miniflow flows[kFlowBatchSize];
  uint32_t hashes[kFlowBatchSize];
  ParseOutcome outcomes[kFlowBatchSize];
};

// `count` above kFlowBatchSize is cut to kFlowBatchSize (batch.count tells).
void extract_flow_batch(const PacketView* packets, unsigned count, uint32_t in_port,
                        uint32_t hash_seed, FlowBatch& batch,
                        BatchPrefetch prefetch = BatchPrefetch::kWholeBatch);

}  // namespace turnout::flowtable
