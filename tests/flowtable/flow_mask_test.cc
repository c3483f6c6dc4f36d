// FlowMask: masking and the masked hash the classifier's subtables will use.

#include <gtest/gtest.h>

#include "support/key_helpers.h"
#include "support/seed_frames.h"
#include "turnout/flowtable/flow_mask.h"

namespace turnout::flowtable::testing {
namespace {

// dl_type + nw_dst/24, the shape of an L3 route rule.
FlowMask ipv4_destination_slash24() {
  FlowKey bits{};
  bits.dl_type = 0xffff;
  bits.nw_dst = to_be32(0xffffff00);
  return FlowMask(bits);
}

FlowKey udp_key(uint32_t dst, uint16_t src_port) {
  FlowKey key = extract(udp_ipv4_frame(src_port).bytes).key;
  key.nw_dst = to_be32(dst);
  return key;
}

TEST(FlowMask, MapCoversExactlyTheWordsWithMaskBits) {
  const FlowMask mask = ipv4_destination_slash24();
  EXPECT_EQ(mask.map(), (1ull << (kEthernetFirstWord + 1)) | (1ull << kIpv4AddressWord));
  EXPECT_EQ(FlowMask().map(), 0u);
  EXPECT_EQ(FlowMask::exact().map(), (1ull << kFlowKeyWords) - 1);
}

TEST(FlowMask, ApplyMaskKeepsOnlyTheMaskedBits) {
  const FlowKey masked = apply_mask(udp_key(0x0a010203, 99), ipv4_destination_slash24());
  FlowKey expected{};
  expected.dl_type = to_be16(0x0800);
  expected.nw_dst = to_be32(0x0a010200);
  EXPECT_EQ(masked, expected);
}

TEST(FlowMask, KeysEqualUnderTheMaskHashEquallyWhateverTheirOtherBits) {
  const FlowMask mask = ipv4_destination_slash24();
  const FlowKey a = udp_key(0x0a010203, 1000);
  const FlowKey b = udp_key(0x0a0102fe, 2000);
  ASSERT_FALSE(a == b);
  EXPECT_TRUE(equal_under_mask(a, b, mask));
  EXPECT_EQ(masked_hash(a, mask, 5), masked_hash(b, mask, 5));
  EXPECT_EQ(masked_hash(a, mask, 5), masked_hash(apply_mask(a, mask), mask, 5));
}

TEST(FlowMask, KeysDifferingInCoveredBitsAreNotEqualAndHashApart) {
  const FlowMask mask = ipv4_destination_slash24();
  const FlowKey a = udp_key(0x0a010203, 1000);
  const FlowKey b = udp_key(0x0a010303, 1000);
  EXPECT_FALSE(equal_under_mask(a, b, mask));
  EXPECT_NE(masked_hash(a, mask, 5), masked_hash(b, mask, 5));
}

TEST(FlowMask, MiniflowAndKeyMaskedHashesAgree) {
  const FlowMask mask = ipv4_destination_slash24();
  for (const NamedFrame& seed : seed_frames()) {
    const FlowKey key = extract(seed.frame.bytes).key;
    EXPECT_EQ(masked_hash(Miniflow(key), mask, 9), masked_hash(key, mask, 9)) << seed.name;
    EXPECT_EQ(masked_hash(Miniflow(key), FlowMask::exact(), 9), masked_hash(key, FlowMask::exact(), 9));
  }
}

TEST(FlowMask, CoveredWordThatIsZeroStillSeparatesKeys) {
  FlowKey bits{};
  bits.vlans[0].tci = to_be16(0x0fff);
  const FlowMask vid(bits);
  const FlowKey untagged = extract(udp_ipv4_frame().bytes).key;
  const FlowKey tagged = extract(vlan_udp_ipv4_frame().bytes).key;
  EXPECT_FALSE(equal_under_mask(untagged, tagged, vid));
  EXPECT_NE(masked_hash(untagged, vid, 0), masked_hash(tagged, vid, 0));
}

TEST(FlowMask, EmptyMaskMatchesEverythingAndExactMaskOnlyTheSameKey) {
  const FlowKey a = udp_key(1, 1), b = udp_key(2, 2);
  EXPECT_TRUE(equal_under_mask(a, b, FlowMask()));
  EXPECT_EQ(masked_hash(a, FlowMask(), 0), masked_hash(b, FlowMask(), 0));
  EXPECT_FALSE(equal_under_mask(a, b, FlowMask::exact()));
  EXPECT_TRUE(equal_under_mask(a, a, FlowMask::exact()));
  EXPECT_EQ(apply_mask(a, FlowMask::exact()), a);
}

}  // namespace
}  // namespace turnout::flowtable::testing
