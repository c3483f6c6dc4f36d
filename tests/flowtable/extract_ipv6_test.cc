// IPv6 base header, extension-header chains, fragments, ICMPv6 and neighbour discovery.

#include <gtest/gtest.h>

#include "support/frame_builder.h"
#include "support/key_helpers.h"
#include "support/seed_frames.h"

namespace turnout::flowtable::testing {
namespace {

using Bytes = std::vector<uint8_t>;

FrameBuilder ipv6_start(uint8_t next_header, std::optional<uint16_t> payload_length = {}) {
  Ipv6Header ip;
  ip.next_header = next_header;
  ip.payload_length = payload_length;
  FrameBuilder builder;
  builder.ethernet(kDstMac, kSrcMac, 0x86dd).ipv6(ip);
  return builder;
}

TEST(ExtractIpv6, FieldsAreKeptInWireOrder) {
  Ipv6Header ip;
  ip.next_header = 17;
  ip.traffic_class = 0xb8;
  ip.flow_label = 0x12345;
  ip.hop_limit = 9;
  const Frame frame = FrameBuilder().ethernet(kDstMac, kSrcMac, 0x86dd).ipv6(ip).udp(53, 5353).finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
  EXPECT_EQ(raw(x.key.ipv6_src), Bytes(ip.src.begin(), ip.src.end()));
  EXPECT_EQ(raw(x.key.ipv6_dst), Bytes(ip.dst.begin(), ip.dst.end()));
  EXPECT_EQ(raw(x.key.ipv6_label), (Bytes{0x00, 0x01, 0x23, 0x45}));
  EXPECT_EQ(x.key.nw_tos, 0xb8);
  EXPECT_EQ(x.key.nw_ttl, 9);
  EXPECT_EQ(x.key.nw_proto, 17);
  EXPECT_EQ(x.key.nw_src, 0u);  // IPv4 fields stay empty
  EXPECT_EQ(x.key.tp_src, to_be16(53));
}

TEST(ExtractIpv6, TcpOverIpv6) {
  const Extracted x = extract(tcp_ipv6_frame().bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kTcp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.tp_dst, to_be16(443));
  EXPECT_EQ(from_be16(x.key.tcp_flags), 0x010);
}

TEST(ExtractIpv6, HopByHopRoutingFragmentDestinationAndAuthenticationHeadersAreWalked) {
  const Extracted x = extract(udp_ipv6_extension_chain_frame().bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.nw_proto, 17);
  EXPECT_EQ(x.key.nw_frag, kFragAny);  // first fragment: a fragment, ports included
  EXPECT_EQ(x.key.tp_src, to_be16(5000));
  EXPECT_EQ(x.key.tp_dst, to_be16(6000));
}

TEST(ExtractIpv6, LaterFragmentBehindHopByHopAndRoutingHasProtocolButNoPorts) {
  const Frame frame = ipv6_start(0)
                          .ipv6_options_header(43)
                          .ipv6_options_header(44)
                          .ipv6_fragment(6, 185, false)  // offset 1480 bytes, last fragment
                          .payload(64)
                          .finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv6, ParseProblem::kNone}));
  EXPECT_EQ(x.key.nw_frag, kFragAny | kFragLater);
  EXPECT_EQ(x.key.nw_proto, 6);
  EXPECT_EQ(x.key.tp_src, 0);
  EXPECT_EQ(x.key.tcp_flags, 0);
}

TEST(ExtractIpv6, AtomicFragmentIsAFragmentWithPorts) {
  const Frame frame = ipv6_start(44).ipv6_fragment(17, 0, false).udp(1, 2).finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.nw_frag, kFragAny);
  EXPECT_EQ(x.key.tp_dst, to_be16(2));
}

TEST(ExtractIpv6, EspAndNoNextHeaderEndTheWalk) {
  for (uint8_t opaque : {uint8_t{50}, uint8_t{59}}) {
    const Frame frame = ipv6_start(60).ipv6_options_header(opaque).payload(32).finish({});
    const Extracted x = extract(frame.bytes);
    EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv6, ParseProblem::kNone}));
    EXPECT_EQ(x.key.nw_proto, opaque);
    EXPECT_EQ(x.key.tp_src, 0);
  }
}

TEST(ExtractIpv6, EightExtensionHeadersAreWalked) {
  FrameBuilder builder = ipv6_start(60);
  for (unsigned i = 0; i < kMaxIpv6ExtensionHeaders; ++i)
    builder.ipv6_options_header(i + 1 == kMaxIpv6ExtensionHeaders ? 17 : 60);
  const Extracted x = extract(builder.udp(1, 2).finish({}).bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
}

TEST(ExtractIpv6, MoreThanEightExtensionHeadersAreRefusedKeepingTheBaseHeader) {
  FrameBuilder builder = ipv6_start(60);
  for (unsigned i = 0; i <= kMaxIpv6ExtensionHeaders; ++i)
    builder.ipv6_options_header(i == kMaxIpv6ExtensionHeaders ? 17 : 60);
  const Extracted x = extract(builder.udp(1, 2).finish({}).bytes);
  EXPECT_EQ(x.outcome,
            (ParseOutcome{ParseLayer::kIpv6Extension, ParseProblem::kTooManyExtensionHeaders}));
  EXPECT_EQ(x.key.nw_proto, 0);
  EXPECT_EQ(x.key.nw_ttl, 64);
  EXPECT_EQ(x.key.ipv6_dst[15], 2);
  EXPECT_EQ(x.key.tp_src, 0);
}

TEST(ExtractIpv6, ExtensionHeaderLongerThanThePayloadIsTruncated) {
  const Frame frame = ipv6_start(0).ipv6_options_header(17, 0).udp(1, 2).finish({});
  Bytes bytes = frame.bytes;
  bytes[14 + 40 + 1] = 4;  // hop-by-hop now claims 40 bytes; 16 follow
  const Extracted x = extract(bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv6Extension, ParseProblem::kTruncated}));
  EXPECT_EQ(x.key.nw_proto, 0);
}

TEST(ExtractIpv6, PayloadLengthBeyondTheFrameIsABadTotalLength) {
  const Frame frame = ipv6_start(17, 100).udp(1, 2).finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv6, ParseProblem::kBadTotalLength}));
  EXPECT_EQ(x.key.dl_type, to_be16(0x86dd));
  EXPECT_EQ(x.key.ipv6_src[0], 0);
  EXPECT_EQ(x.key.nw_ttl, 0);
}

TEST(ExtractIpv6, ZeroPayloadLengthLeavesNothingAfterTheBaseHeader) {
  const Frame frame = ipv6_start(17, 0).udp(1, 2).finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kTruncated}));
  EXPECT_EQ(x.key.nw_proto, 17);
}

TEST(ExtractIpv6, WrongVersionIsABadVersion) {
  Ipv6Header ip;
  ip.version = 4;
  const Frame frame = FrameBuilder().ethernet(kDstMac, kSrcMac, 0x86dd).ipv6(ip).udp(1, 2).finish({});
  EXPECT_EQ(extract(frame.bytes).outcome, (ParseOutcome{ParseLayer::kIpv6, ParseProblem::kBadVersion}));
}

TEST(ExtractIpv6, IcmpProtocolNumberInsideIpv6IsNotParsed) {
  const Frame frame = ipv6_start(1).icmp(8, 0).payload(4).finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv6, ParseProblem::kNone}));
  EXPECT_EQ(x.key.tp_src, 0);
}

TEST(ExtractIcmpv6, TypeAndCodeAreWidenedIntoThePortFields) {
  const Extracted x = extract(icmpv6_echo_frame().bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIcmpv6, ParseProblem::kNone}));
  EXPECT_EQ(raw(x.key.tp_src), (Bytes{0, 128}));
  EXPECT_EQ(x.key.tp_dst, 0);
  EXPECT_EQ(x.key.nd_target[0], 0);
}

TEST(ExtractNeighborDiscovery, SolicitationGivesTargetAndSourceLinkLayerAddress) {
  const Extracted x = extract(neighbor_solicitation_frame().bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kNeighborDiscovery, ParseProblem::kNone}));
  EXPECT_EQ(x.key.tp_src, to_be16(135));
  EXPECT_EQ(raw(x.key.nd_target),
            (Bytes{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x22}));
  EXPECT_EQ(raw(x.key.arp_sha), (Bytes{0x02, 0, 0, 0, 0, 0x01}));
  EXPECT_EQ(raw(x.key.arp_tha), (Bytes{0, 0, 0, 0, 0, 0}));
}

TEST(ExtractNeighborDiscovery, AdvertisementGivesTargetLinkLayerAddress) {
  const Frame frame = ipv6_start(58)
                          .icmpv6(136, 0)
                          .nd({0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x33})
                          .nd_option(1, {9, 9, 9, 9, 9, 9})  // SLL: not kept in an NA
                          .nd_option(2, {0x02, 0, 0, 0, 0, 0x33})
                          .finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kNeighborDiscovery, ParseProblem::kNone}));
  EXPECT_EQ(x.key.nd_target[15], 0x33);
  EXPECT_EQ(raw(x.key.arp_tha), (Bytes{0x02, 0, 0, 0, 0, 0x33}));
  EXPECT_EQ(raw(x.key.arp_sha), (Bytes{0, 0, 0, 0, 0, 0}));
}

TEST(ExtractNeighborDiscovery, OptionOfLengthZeroIsABadOptionAndClearsNdFields) {
  Frame frame = neighbor_solicitation_frame();
  frame.bytes[14 + 40 + 4 + 20 + 1] = 0;  // first option's length
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kNeighborDiscovery, ParseProblem::kBadOption}));
  EXPECT_EQ(x.key.tp_src, to_be16(135));  // the ICMPv6 header itself was fine
  EXPECT_EQ(x.key.nd_target[0], 0);
  EXPECT_EQ(x.key.arp_sha[0], 0);
}

TEST(ExtractNeighborDiscovery, DuplicateLinkLayerOptionIsABadOption) {
  const Frame frame = ipv6_start(58)
                          .icmpv6(135, 0)
                          .nd({})
                          .nd_option(1, {1, 1, 1, 1, 1, 1})
                          .nd_option(1, {2, 2, 2, 2, 2, 2})
                          .finish({});
  EXPECT_EQ(extract(frame.bytes).outcome,
            (ParseOutcome{ParseLayer::kNeighborDiscovery, ParseProblem::kBadOption}));
}

TEST(ExtractNeighborDiscovery, NonZeroCodeIsPlainIcmpv6) {
  const Frame frame = ipv6_start(58).icmpv6(135, 1).payload(4).finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIcmpv6, ParseProblem::kNone}));
  EXPECT_EQ(x.key.tp_dst, to_be16(1));
}

}  // namespace
}  // namespace turnout::flowtable::testing
