#pragma once
// Miniflow: a FlowKey without its zero words. `map` has bit i set when key word i is
// non-zero, and `words` holds those words in index order. A TCP/IPv4 key shrinks from 21
// words to 6, which is what the exact-match cache stores and compares.
//
// Fixed capacity (one slot per key word), no allocation. Only the first word_count()
// slots are meaningful: equality and hashing never look further, and assign() leaves
// stale words behind them rather than paying to clear 168 bytes per packet.

#include <bit>
#include <cstdint>
#include <cstring>

#include "turnout/flowtable/flow_hash.h"
#include "turnout/flowtable/flow_key.h"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace turnout::flowtable {

#if defined(__AVX2__)
// For each 4-bit mask of non-zero words, the 32-bit lanes that move those words, in
// order, to the front of a 256-bit register.
#define TURNOUT_PACK(a, b, c, d) {2 * a, 2 * a + 1, 2 * b, 2 * b + 1, 2 * c, 2 * c + 1, 2 * d, 2 * d + 1}
alignas(32) inline constexpr int32_t kPackNonZeroWords[16][8] = {
    TURNOUT_PACK(0, 0, 0, 0), TURNOUT_PACK(0, 0, 0, 0), TURNOUT_PACK(1, 0, 0, 0),
    TURNOUT_PACK(0, 1, 0, 0), TURNOUT_PACK(2, 0, 0, 0), TURNOUT_PACK(0, 2, 0, 0),
    TURNOUT_PACK(1, 2, 0, 0), TURNOUT_PACK(0, 1, 2, 0), TURNOUT_PACK(3, 0, 0, 0),
    TURNOUT_PACK(0, 3, 0, 0), TURNOUT_PACK(1, 3, 0, 0), TURNOUT_PACK(0, 1, 3, 0),
    TURNOUT_PACK(2, 3, 0, 0), TURNOUT_PACK(0, 2, 3, 0), TURNOUT_PACK(1, 2, 3, 0),
    TURNOUT_PACK(0, 1, 2, 3),
};
#undef TURNOUT_PACK
#endif

class Miniflow {
 public:
  Miniflow() = default;
  explicit Miniflow(const FlowKey& key) { assign(key); }

  void assign(const FlowKey& key) {
#if defined(__AVX2__)
    assign_avx2(key);
#else
    assign_scalar(key);
#endif
  }

  // The two ways assign() compresses a key; public so tests hold them to the same result.
  // Scalar: find the non-zero words first, then copy only those (no store depends on the
  // previous one's slot, unlike a single store-every-word pass).
  void assign_scalar(const FlowKey& key) {
    uint64_t map = 0;
    for (unsigned index = 0; index < kFlowKeyWords; ++index)
      map |= uint64_t{flow_key_word(key, index) != 0} << index;
    map_ = map;
    unsigned slot = 0;
    for (; map != 0; map &= map - 1)
      words_[slot++] = flow_key_word(key, static_cast<unsigned>(std::countr_zero(map)));
  }
#if defined(__AVX2__)
  // AVX2: four words at a time, compared with zero and packed to the front by a
  // permutation looked up from the 4-bit "non-zero" mask. Each store writes 4 slots at
  // the next free one; the slots past the packed words are overwritten by the next group.
  // It never writes past words_[19]: group g starts at a slot <= 4g.
  void assign_avx2(const FlowKey& key) {
    const auto* groups = reinterpret_cast<const __m256i*>(&key);
    uint64_t map = 0;
    unsigned slot = 0;
    for (unsigned group = 0; group < kFlowKeyWords / 4; ++group) {
      const __m256i words = _mm256_loadu_si256(groups + group);
      const __m256i zero = _mm256_cmpeq_epi64(words, _mm256_setzero_si256());
      const unsigned present = ~static_cast<unsigned>(_mm256_movemask_pd(_mm256_castsi256_pd(zero))) & 0xfu;
      const __m256i packed = _mm256_permutevar8x32_epi32(
          words, _mm256_load_si256(reinterpret_cast<const __m256i*>(kPackNonZeroWords[present])));
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(words_ + slot), packed);
      slot += static_cast<unsigned>(std::popcount(present));
      map |= uint64_t{present} << (4 * group);
    }
    static_assert(kFlowKeyWords % 4 == 1, "one word left over after the groups of four");
    const uint64_t last = flow_key_word(key, kFlowKeyWords - 1);
    words_[slot] = last;
    map_ = map | (uint64_t{last != 0} << (kFlowKeyWords - 1));
  }
#endif

  FlowKey expand() const {
    FlowKey key{};
    unsigned slot = 0;
    for (uint64_t map = map_; map != 0; map &= map - 1)
      set_flow_key_word(key, static_cast<unsigned>(std::countr_zero(map)), words_[slot++]);
    return key;
  }

  uint64_t map() const { return map_; }
  unsigned word_count() const { return static_cast<unsigned>(std::popcount(map_)); }

  // Key word `index` (zero when absent).
  uint64_t word(unsigned index) const {
    const uint64_t bit = uint64_t{1} << index;
    if (!(map_ & bit)) return 0;
    return words_[std::popcount(map_ & (bit - 1))];
  }
  // The stored words, word_count() of them, in index order.
  const uint64_t* words() const { return words_; }

  // Equal to flow_key_hash() of the expanded key.
  uint32_t hash(uint32_t seed) const { return hash_words(words_, word_count(), map_, seed); }

  friend bool operator==(const Miniflow& a, const Miniflow& b) {
    return a.map_ == b.map_ &&
           std::memcmp(a.words_, b.words_, a.word_count() * sizeof(uint64_t)) == 0;
  }

 private:
  uint64_t map_ = 0;
  uint64_t words_[kFlowKeyWords] = {};
};

// The same hash as Miniflow(key).hash(seed).
inline uint32_t flow_key_hash(const FlowKey& key, uint32_t seed) { return Miniflow(key).hash(seed); }

}  // namespace turnout::flowtable
