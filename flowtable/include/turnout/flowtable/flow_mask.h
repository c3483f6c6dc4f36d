#pragma once
// FlowMask: which bits of a FlowKey a megaflow matches on (1 = must match), in the same
// layout as the key, plus the map of words with any bit set. The classifier keeps one
// subtable per mask and hashes only the covered words, so two packets that differ only
// in wildcarded bits land in the same bucket.

#include <cstdint>

#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/miniflow.h"

namespace turnout::flowtable {

class FlowMask {
 public:
  // Matches every packet: no word is covered.
  FlowMask() = default;
  explicit FlowMask(const FlowKey& bits);

  // Every bit of every field (the exact-match mask; padding is always zero in keys).
  static FlowMask exact();

  const FlowKey& bits() const { return bits_; }
  uint64_t map() const { return map_; }
  uint64_t word(unsigned index) const { return flow_key_word(bits_, index); }

  friend bool operator==(const FlowMask& a, const FlowMask& b) { return a.bits_ == b.bits_; }

 private:
  FlowKey bits_{};
  uint64_t map_ = 0;
};

FlowKey apply_mask(const FlowKey& key, const FlowMask& mask);

// Keys that are equal under `mask` hash equally, whatever their other bits; the hash of
// a key and of its masked copy are the same. Covered words that mask to zero still count
// (their position is fixed by the mask), unlike in the unmasked Miniflow hash.
uint32_t masked_hash(const FlowKey& key, const FlowMask& mask, uint32_t seed);
uint32_t masked_hash(const Miniflow& flow, const FlowMask& mask, uint32_t seed);

bool equal_under_mask(const FlowKey& a, const FlowKey& b, const FlowMask& mask);

}  // namespace turnout::flowtable
