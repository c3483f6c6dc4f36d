#include "turnout/flowtable/flow_mask.h"

#include <bit>

#include "turnout/flowtable/flow_hash.h"

namespace turnout::flowtable {

FlowMask::FlowMask(const FlowKey& bits) : bits_(bits) {
  for (unsigned index = 0; index < kFlowKeyWords; ++index)
    if (flow_key_word(bits_, index) != 0) map_ |= uint64_t{1} << index;
}

FlowMask FlowMask::exact() {
  FlowKey all_ones;
  for (unsigned index = 0; index < kFlowKeyWords; ++index)
    set_flow_key_word(all_ones, index, ~uint64_t{0});
  return FlowMask(all_ones);
}

FlowKey apply_mask(const FlowKey& key, const FlowMask& mask) {
  FlowKey masked;
  for (unsigned index = 0; index < kFlowKeyWords; ++index)
    set_flow_key_word(masked, index, flow_key_word(key, index) & mask.word(index));
  return masked;
}

// The covered words are gathered first so both forms hash the same array the same way
// as a Miniflow does (hash_words over words in index order, plus the map).
uint32_t masked_hash(const FlowKey& key, const FlowMask& mask, uint32_t seed) {
  uint64_t words[kFlowKeyWords];
  unsigned count = 0;
  for (uint64_t map = mask.map(); map != 0; map &= map - 1) {
    const auto index = static_cast<unsigned>(std::countr_zero(map));
    words[count++] = flow_key_word(key, index) & mask.word(index);
  }
  return hash_words(words, count, mask.map(), seed);
}

uint32_t masked_hash(const Miniflow& flow, const FlowMask& mask, uint32_t seed) {
  uint64_t words[kFlowKeyWords];
  unsigned count = 0;
  for (uint64_t map = mask.map(); map != 0; map &= map - 1) {
    const auto index = static_cast<unsigned>(std::countr_zero(map));
    words[count++] = flow.word(index) & mask.word(index);
  }
  return hash_words(words, count, mask.map(), seed);
}

bool equal_under_mask(const FlowKey& a, const FlowKey& b, const FlowMask& mask) {
  uint64_t difference = 0;
  for (unsigned index = 0; index < kFlowKeyWords; ++index)
    difference |= (flow_key_word(a, index) ^ flow_key_word(b, index)) & mask.word(index);
  return difference == 0;
}

}  // namespace turnout::flowtable
