// Miniflow: sparse form, round trip, equality and hash.

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "support/key_helpers.h"
#include "support/seed_frames.h"
#include "turnout/flowtable/miniflow.h"

namespace turnout::flowtable::testing {
namespace {

TEST(Miniflow, TcpIpv4KeyKeepsOnlyItsSixNonZeroWords) {
  const FlowKey key = extract(tcp_ipv4_frame().bytes).key;
  const Miniflow flow(key);
  EXPECT_EQ(flow.word_count(), 6u);
  const uint64_t expected = (1ull << kInPortWord) | (1ull << kEthernetFirstWord) |
                            (1ull << (kEthernetFirstWord + 1)) | (1ull << kIpv4AddressWord) |
                            (1ull << kL3InfoWord) | (1ull << kL4Word);
  EXPECT_EQ(flow.map(), expected);
}

TEST(Miniflow, RoundTripRestoresEveryFieldOfEverySeedFrame) {
  for (const NamedFrame& seed : seed_frames()) {
    const FlowKey key = extract(seed.frame.bytes, 42).key;
    EXPECT_EQ(Miniflow(key).expand(), key) << seed.name;
  }
}

// Every pattern of zero and non-zero words, in every group of the SIMD compression.
TEST(Miniflow, ScalarAndSimdCompressionAgreeForEveryZeroPattern) {
  for (unsigned shift = 0; shift + 4 <= kFlowKeyWords + 3; ++shift) {
    for (uint64_t pattern = 0; pattern < 16; ++pattern) {
      FlowKey key{};
      for (unsigned i = 0; i < kFlowKeyWords; ++i)
        if (((pattern << shift) >> i) & 1) set_flow_key_word(key, i, 0x1111111111111111ull * (i + 1));
      set_flow_key_word(key, kFlowKeyWords - 1, shift % 2 ? 0 : 0xabc);
      Miniflow simd, scalar;
      simd.assign(key);
      scalar.assign_scalar(key);
      ASSERT_EQ(simd.map(), scalar.map()) << shift << " " << pattern;
      ASSERT_EQ(simd, scalar);
      ASSERT_EQ(simd.expand(), key);
    }
  }
}

TEST(Miniflow, ZeroKeyHasAnEmptyMapAndExpandsToZero) {
  const Miniflow flow(FlowKey{});
  EXPECT_EQ(flow.map(), 0u);
  EXPECT_EQ(flow.word_count(), 0u);
  EXPECT_EQ(flow.expand(), FlowKey{});
  EXPECT_EQ(flow, Miniflow());
}

TEST(Miniflow, WordReturnsTheKeyWordOrZeroWhenAbsent) {
  const FlowKey key = extract(vlan_udp_ipv4_frame().bytes).key;
  const Miniflow flow(key);
  for (unsigned i = 0; i < kFlowKeyWords; ++i) EXPECT_EQ(flow.word(i), flow_key_word(key, i)) << i;
}

TEST(Miniflow, EqualKeysGiveEqualMiniflowsAndAnyDifferentWordBreaksEquality) {
  const FlowKey key = extract(tcp_ipv6_frame().bytes).key;
  EXPECT_EQ(Miniflow(key), Miniflow(key));
  FlowKey other = key;
  other.tp_src ^= 1;
  EXPECT_FALSE(Miniflow(key) == Miniflow(other));
}

TEST(Miniflow, SameValueInDifferentWordsIsNeitherEqualNorHashedAlike) {
  FlowKey a{}, b{};
  set_flow_key_word(a, 3, 0x1234);
  set_flow_key_word(b, 4, 0x1234);
  EXPECT_FALSE(Miniflow(a) == Miniflow(b));
  EXPECT_NE(Miniflow(a).hash(0), Miniflow(b).hash(0));
}

TEST(Miniflow, HashEqualsTheKeyHashAndDependsOnTheSeed) {
  const FlowKey key = extract(udp_ipv4_frame().bytes).key;
  const Miniflow flow(key);
  EXPECT_EQ(flow.hash(0), flow_key_hash(key, 0));
  EXPECT_EQ(flow.hash(77), flow_key_hash(key, 77));
  EXPECT_NE(flow.hash(0), flow.hash(77));
}

// 64k flows differing only in the UDP source port (the generator's and a NIC's usual
// pattern) spread over 4096 buckets of the low and of the high hash bits.
TEST(Miniflow, HashSpreadsFlowsThatDifferInOnePortOverBuckets) {
  constexpr unsigned kFlows = 65536, kBuckets = 4096;
  std::vector<unsigned> low(kBuckets), high(kBuckets);
  FlowKey key = extract(udp_ipv4_frame().bytes).key;
  for (unsigned port = 0; port < kFlows; ++port) {
    key.tp_src = to_be16(static_cast<uint16_t>(port));
    const uint32_t hash = flow_key_hash(key, 1);
    ++low[hash % kBuckets];
    ++high[hash >> 20];
  }
  // Mean 16 per bucket; a uniform hash's maximum over 4096 buckets stays near 35.
  EXPECT_LT(*std::max_element(low.begin(), low.end()), 40u);
  EXPECT_LT(*std::max_element(high.begin(), high.end()), 40u);
  EXPECT_GT(*std::min_element(low.begin(), low.end()), 0u);
}

TEST(Miniflow, HashSpreadsSequentialSourceAddressesOverBuckets) {
  constexpr unsigned kFlows = 65536, kBuckets = 4096;
  std::vector<unsigned> low(kBuckets);
  FlowKey key = extract(tcp_ipv4_frame().bytes).key;
  for (unsigned address = 0; address < kFlows; ++address) {
    key.nw_src = to_be32(0x0a000000 + address);
    ++low[flow_key_hash(key, 0) % kBuckets];
  }
  EXPECT_LT(*std::max_element(low.begin(), low.end()), 40u);
}

TEST(Miniflow, FlippingAnySingleBitOfAnyWordChangesTheHash) {
  const FlowKey key = extract(tcp_ipv6_frame().bytes).key;
  const uint32_t original = flow_key_hash(key, 3);
  for (unsigned word = 0; word < kFlowKeyWords; ++word)
    for (unsigned bit = 0; bit < 64; ++bit) {
      FlowKey flipped = key;
      set_flow_key_word(flipped, word, flow_key_word(key, word) ^ (uint64_t{1} << bit));
      ASSERT_NE(flow_key_hash(flipped, 3), original) << "word " << word << " bit " << bit;
    }
}

}  // namespace
}  // namespace turnout::flowtable::testing
