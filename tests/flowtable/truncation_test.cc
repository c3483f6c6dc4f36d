// Every well-formed frame cut at every byte offset: the parse stops in the layer the cut
// falls in, reports it as truncated (or, for a raw cut inside an IP datagram, as a bad
// total length), keeps every outer layer exactly as in the whole frame, and never reads
// past the cut (the bytes end at a PROT_NONE page).

#include <gtest/gtest.h>

#include "support/guarded_buffer.h"
#include "support/key_helpers.h"
#include "support/seed_frames.h"

namespace turnout::flowtable::testing {
namespace {

// How deep a layer sits: fields of shallower layers survive a problem at this depth.
int depth(ParseLayer layer) {
  switch (layer) {
    case ParseLayer::kEthernet: return 0;
    case ParseLayer::kVlan: return 1;
    case ParseLayer::kArp:
    case ParseLayer::kIpv4:
    case ParseLayer::kIpv6: return 2;
    case ParseLayer::kIpv6Extension: return 3;
    case ParseLayer::kNeighborDiscovery: return 5;
    default: return 4;  // L4
  }
}

void expect_outer_layers_kept(const FlowKey& cut, const FlowKey& whole, ParseOutcome outcome) {
  const int failed = depth(outcome.layer);
  if (failed > 1) {
    EXPECT_EQ(raw(cut.dl_dst), raw(whole.dl_dst));
    EXPECT_EQ(raw(cut.dl_src), raw(whole.dl_src));
    EXPECT_EQ(cut.dl_type, whole.dl_type);
    EXPECT_EQ(raw(cut.vlans), raw(whole.vlans));
  }
  if (failed > 2) {
    EXPECT_EQ(cut.nw_src, whole.nw_src);
    EXPECT_EQ(cut.nw_dst, whole.nw_dst);
    EXPECT_EQ(raw(cut.ipv6_src), raw(whole.ipv6_src));
    EXPECT_EQ(raw(cut.ipv6_dst), raw(whole.ipv6_dst));
    EXPECT_EQ(cut.ipv6_label, whole.ipv6_label);
    EXPECT_EQ(cut.nw_tos, whole.nw_tos);
    EXPECT_EQ(cut.nw_ttl, whole.nw_ttl);
  }
  if (failed > 3) {
    EXPECT_EQ(cut.nw_proto, whole.nw_proto);
    EXPECT_EQ(cut.nw_frag, whole.nw_frag);
  }
  if (failed > 4) {
    EXPECT_EQ(cut.tp_src, whole.tp_src);
    EXPECT_EQ(cut.tp_dst, whole.tp_dst);
  }
}

class TruncationTest : public ::testing::TestWithParam<NamedFrame> {};

TEST_P(TruncationTest, WholeFrameParsesToItsInnermostLayer) {
  const Frame& frame = GetParam().frame;
  EXPECT_EQ(extract(frame.bytes).outcome, frame.outcome);
}

void check_every_cut(const Frame& frame, bool consistent_lengths) {
  GuardedBuffer buffer;
  const FlowKey whole = extract(frame.bytes).key;
  for (size_t length = 0; length <= frame.bytes.size(); ++length) {
    SCOPED_TRACE(::testing::Message() << "cut at " << length << " of " << frame.bytes.size());
    const std::vector<uint8_t> bytes =
        consistent_lengths ? frame.cut_consistently(length) : frame.cut(length);
    FlowKey key;
    const ParseOutcome outcome =
        extract_flow_key(buffer.place(bytes), static_cast<uint32_t>(length), 1, key);
    EXPECT_EQ(outcome, frame.outcome_after_cut(length, consistent_lengths));
    expect_outer_layers_kept(key, whole, outcome);
  }
}

TEST_P(TruncationTest, RawCutStopsInTheLayerItFallsIn) { check_every_cut(GetParam().frame, false); }

TEST_P(TruncationTest, CutWithConsistentIpLengthsStopsInTheInnermostHeaderItFallsIn) {
  check_every_cut(GetParam().frame, true);
}

INSTANTIATE_TEST_SUITE_P(SeedFrames, TruncationTest, ::testing::ValuesIn(seed_frames()),
                         [](const ::testing::TestParamInfo<NamedFrame>& info) { return info.param.name; });

}  // namespace
}  // namespace turnout::flowtable::testing
