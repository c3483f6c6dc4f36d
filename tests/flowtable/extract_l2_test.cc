// Ethernet, LLC/SNAP, VLAN/QinQ and ARP fields land in the key in wire order.

#include <gtest/gtest.h>

#include "support/frame_builder.h"
#include "support/key_helpers.h"
#include "support/seed_frames.h"

namespace turnout::flowtable::testing {
namespace {

using Bytes = std::vector<uint8_t>;

TEST(ExtractEthernet, AddressesAndEtherTypeAreKeptInWireOrder) {
  const Extracted x = extract(udp_ipv4_frame().bytes, 7);
  EXPECT_EQ(x.key.in_port, 7u);
  EXPECT_EQ(raw(x.key.dl_dst), Bytes(kDstMac.begin(), kDstMac.end()));
  EXPECT_EQ(raw(x.key.dl_src), Bytes(kSrcMac.begin(), kSrcMac.end()));
  EXPECT_EQ(raw(x.key.dl_type), (Bytes{0x08, 0x00}));
  EXPECT_EQ(x.key.dl_type, to_be16(0x0800));
  EXPECT_EQ(x.key.vlans[0].tpid, 0);
}

TEST(ExtractEthernet, UnknownEtherTypeStopsAfterEthernetWithoutProblem) {
  const Frame lldp = FrameBuilder().ethernet(kDstMac, kSrcMac, 0x88cc).payload(46).finish({});
  const Extracted x = extract(lldp.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kEthernet, ParseProblem::kNone}));
  EXPECT_EQ(x.key.dl_type, to_be16(0x88cc));
  for (unsigned w = kVlanWord; w < kFlowKeyWords; ++w) EXPECT_EQ(flow_key_word(x.key, w), 0u) << w;
}

TEST(ExtractEthernet, ShorterThanAnEthernetHeaderLeavesOnlyMetadata) {
  const Bytes bytes = udp_ipv4_frame().cut(13);
  const Extracted x = extract(bytes, 3);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kEthernet, ParseProblem::kTruncated}));
  EXPECT_EQ(x.key, key_with_only_in_port(3));
}

TEST(ExtractEthernet, EmptyPacketIsATruncatedEthernetHeader) {
  FlowKey key;
  EXPECT_EQ(extract_flow_key(nullptr, 0, 9, key),
            (ParseOutcome{ParseLayer::kEthernet, ParseProblem::kTruncated}));
  EXPECT_EQ(key, key_with_only_in_port(9));
}

TEST(ExtractEthernet, LlcSnapFrameTakesTheSnapEtherType) {
  const Extracted x = extract(llc_snap_udp_ipv4_frame().bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.dl_type, to_be16(0x0800));
  EXPECT_EQ(x.key.tp_dst, to_be16(2));
}

TEST(ExtractEthernet, SnapWithAnOrganisationCodeOrALengthAsTypeHasTypeNone) {
  Frame with_oui = llc_snap_udp_ipv4_frame();
  with_oui.bytes[14 + 5] = 0x0c;  // OUI 00-00-0c: not an EtherType
  EXPECT_EQ(extract(with_oui.bytes).key.dl_type, to_be16(0x05ff));
  Frame length_as_type = llc_snap_udp_ipv4_frame();
  length_as_type.bytes[14 + 6] = 0x05;  // SNAP type 0x0500 < 0x0600
  const Extracted x = extract(length_as_type.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kEthernet, ParseProblem::kNone}));
  EXPECT_EQ(x.key.dl_type, to_be16(0x05ff));
}

TEST(ExtractEthernet, LlcFrameWithoutSnapHasTypeNone) {
  const Frame frame = FrameBuilder()
                          .ethernet(kDstMac, kSrcMac, 38)
                          .append_list({0x42, 0x42, 0x03})  // STP BPDU
                          .payload(35)
                          .finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kEthernet, ParseProblem::kNone}));
  EXPECT_EQ(x.key.dl_type, to_be16(0x05ff));
}

TEST(ExtractVlan, SingleTagFillsTheOuterSlotAndTheInnerEtherType) {
  const Extracted x = extract(vlan_udp_ipv4_frame().bytes);
  EXPECT_TRUE(x.outcome.ok());
  EXPECT_EQ(raw(x.key.vlans[0].tpid), (Bytes{0x81, 0x00}));
  EXPECT_EQ(raw(x.key.vlans[0].tci), (Bytes{0x20, 0x64}));
  EXPECT_EQ(x.key.vlans[1].tpid, 0);
  EXPECT_EQ(x.key.vlans[1].tci, 0);
  EXPECT_EQ(x.key.dl_type, to_be16(0x0800));
  EXPECT_EQ(x.key.nw_proto, 17);
}

TEST(ExtractVlan, QinqKeepsTheServiceTagOuterAndTheCustomerTagInner) {
  const Extracted x = extract(qinq_tcp_ipv4_frame().bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kTcp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.vlans[0].tpid, to_be16(0x88a8));
  EXPECT_EQ(x.key.vlans[0].tci, to_be16(0x00c8));
  EXPECT_EQ(x.key.vlans[1].tpid, to_be16(0x8100));
  EXPECT_EQ(x.key.vlans[1].tci, to_be16(0x0064));
  EXPECT_EQ(x.key.dl_type, to_be16(0x0800));
}

TEST(ExtractVlan, TwoCustomerTagsAreAcceptedAsQinq) {
  const Frame frame = FrameBuilder()
                          .ethernet(kDstMac, kSrcMac, 0x8100)
                          .vlan(10, 0x8100)
                          .vlan(20, 0x86dd)
                          .ipv6({})
                          .udp(1, 2)
                          .finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.vlans[0].tci, to_be16(10));
  EXPECT_EQ(x.key.vlans[1].tci, to_be16(20));
}

TEST(ExtractVlan, AThirdTagIsNotParsedAndBecomesTheEtherType) {
  const Frame frame = FrameBuilder()
                          .ethernet(kDstMac, kSrcMac, 0x88a8)
                          .vlan(1, 0x8100)
                          .vlan(2, 0x8100)
                          .vlan(3, 0x0800)
                          .ipv4({})
                          .udp(1, 2)
                          .finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kVlan, ParseProblem::kNone}));
  EXPECT_EQ(x.key.dl_type, to_be16(0x8100));
  EXPECT_EQ(x.key.nw_proto, 0);
  EXPECT_EQ(x.key.nw_src, 0u);
}

TEST(ExtractVlan, TruncatedTagKeepsEthernetAndNamesTheVlanLayer) {
  const Bytes bytes = qinq_tcp_ipv4_frame().cut(20);  // inside the second tag
  const Extracted x = extract(bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kVlan, ParseProblem::kTruncated}));
  EXPECT_EQ(x.key.vlans[0].tci, to_be16(0x00c8));
  EXPECT_EQ(x.key.vlans[1].tpid, 0);
  EXPECT_EQ(x.key.dl_type, to_be16(0x8100));  // what the outer tag announced
}

TEST(ExtractArp, RequestFieldsLandInArpAndNwFields) {
  const Mac tha{0, 0, 0, 0, 0, 0x09};
  const Frame frame = FrameBuilder()
                          .ethernet(kDstMac, kSrcMac, 0x0806)
                          .arp(2, kSrcMac, 0xc0a80001, tha, 0xc0a80002)
                          .finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kArp, ParseProblem::kNone}));
  EXPECT_EQ(raw(x.key.arp_op), (Bytes{0x00, 0x02}));
  EXPECT_EQ(raw(x.key.arp_sha), Bytes(kSrcMac.begin(), kSrcMac.end()));
  EXPECT_EQ(raw(x.key.arp_tha), Bytes(tha.begin(), tha.end()));
  EXPECT_EQ(raw(x.key.nw_src), (Bytes{192, 168, 0, 1}));
  EXPECT_EQ(raw(x.key.nw_dst), (Bytes{192, 168, 0, 2}));
  EXPECT_EQ(x.key.nw_proto, 0);
  EXPECT_EQ(x.key.tp_src, 0);
}

TEST(ExtractArp, RarpIsParsedLikeArp) {
  const Frame frame = FrameBuilder()
                          .ethernet(kDstMac, kSrcMac, 0x8035)
                          .arp(3, kSrcMac, 0, kSrcMac, 0)
                          .finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kArp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.arp_op, to_be16(3));
}

TEST(ExtractArp, OtherHardwareOrProtocolTypesAreUnsupportedAndLeaveArpFieldsZero) {
  Frame frame = arp_request_frame();
  frame.bytes[14 + 1] = 6;  // hardware type IEEE 802
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kArp, ParseProblem::kUnsupportedFormat}));
  EXPECT_EQ(x.key.dl_type, to_be16(0x0806));
  EXPECT_EQ(x.key.arp_op, 0);
  EXPECT_EQ(x.key.nw_src, 0u);
}

TEST(ExtractArp, TruncatedArpLeavesArpFieldsZero) {
  const Extracted x = extract(arp_request_frame().cut(14 + 27));
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kArp, ParseProblem::kTruncated}));
  EXPECT_EQ(x.key.arp_op, 0);
  EXPECT_EQ(x.key.nw_dst, 0u);
  EXPECT_EQ(x.key.dl_type, to_be16(0x0806));
}

}  // namespace
}  // namespace turnout::flowtable::testing
