// IPv4 header checks, options, fragments and the L4 headers above it.

#include <gtest/gtest.h>

#include "support/frame_builder.h"
#include "support/key_helpers.h"
#include "support/seed_frames.h"

namespace turnout::flowtable::testing {
namespace {

using Bytes = std::vector<uint8_t>;

Frame ipv4_frame(const Ipv4Header& ip, size_t payload = 20) {
  return FrameBuilder().ethernet(kDstMac, kSrcMac, 0x0800).ipv4(ip).payload(payload).finish({});
}

Frame udp_over(const Ipv4Header& ip) {
  return FrameBuilder().ethernet(kDstMac, kSrcMac, 0x0800).ipv4(ip).udp(1111, 2222).payload(4).finish({});
}

TEST(ExtractIpv4, FieldsAreKeptInWireOrder) {
  Ipv4Header ip;
  ip.src = 0xc0a80a01;
  ip.dst = 0x08080808;
  ip.tos = 0xb9;  // DSCP EF + ECN 01
  ip.ttl = 3;
  ip.protocol = 17;
  const Extracted x = extract(udp_over(ip).bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
  EXPECT_EQ(raw(x.key.nw_src), (Bytes{192, 168, 10, 1}));
  EXPECT_EQ(raw(x.key.nw_dst), (Bytes{8, 8, 8, 8}));
  EXPECT_EQ(x.key.nw_tos, 0xb9);
  EXPECT_EQ(x.key.nw_ttl, 3);
  EXPECT_EQ(x.key.nw_proto, 17);
  EXPECT_EQ(x.key.nw_frag, 0);
  EXPECT_EQ(raw(x.key.tp_src), (Bytes{0x04, 0x57}));
  EXPECT_EQ(raw(x.key.tp_dst), (Bytes{0x08, 0xae}));
  EXPECT_EQ(x.key.tcp_flags, 0);
}

TEST(ExtractIpv4, DontFragmentAloneIsNotAFragment) {
  Ipv4Header ip;
  ip.fragment = 0x4000;
  EXPECT_EQ(extract(udp_over(ip).bytes).key.nw_frag, 0);
}

TEST(ExtractIpv4, OptionsAreSkippedToReachTheTransportHeader) {
  const Extracted x = extract(icmp_ipv4_options_frame().bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIcmp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.tp_src, to_be16(8));
}

TEST(ExtractIpv4, MaximumOptionsAreSkipped) {
  Ipv4Header ip;
  ip.options.assign(40, 0x01);  // IHL 15, all NOPs
  const Extracted x = extract(udp_over(ip).bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.tp_src, to_be16(1111));
}

TEST(ExtractIpv4, FirstFragmentIsAFragmentWithPorts) {
  Ipv4Header ip;
  ip.fragment = 0x2000;  // MF, offset 0
  const Extracted x = extract(udp_over(ip).bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.nw_frag, kFragAny);
  EXPECT_EQ(x.key.tp_src, to_be16(1111));
}

TEST(ExtractIpv4, LaterFragmentHasProtocolButNoPorts) {
  for (uint16_t fragment : {uint16_t{0x2010}, uint16_t{0x0010}}) {  // middle, last
    Ipv4Header ip;
    ip.fragment = fragment;
    const Extracted x = extract(udp_over(ip).bytes);
    EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv4, ParseProblem::kNone}));
    EXPECT_EQ(x.key.nw_frag, kFragAny | kFragLater);
    EXPECT_EQ(x.key.nw_proto, 17);
    EXPECT_EQ(x.key.tp_src, 0);
    EXPECT_EQ(x.key.tp_dst, 0);
  }
}

TEST(ExtractIpv4, HeaderLengthBelowFiveIsABadHeaderLength) {
  for (uint8_t ihl = 0; ihl < 5; ++ihl) {
    Ipv4Header ip;
    ip.version_ihl = static_cast<uint8_t>(0x40 | ihl);
    const Extracted x = extract(udp_over(ip).bytes);
    EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv4, ParseProblem::kBadHeaderLength}));
    EXPECT_EQ(x.key.dl_type, to_be16(0x0800));
    EXPECT_EQ(x.key.nw_src, 0u);
    EXPECT_EQ(x.key.nw_proto, 0);
  }
}

TEST(ExtractIpv4, HeaderLengthPastTheFrameIsTruncated) {
  Ipv4Header ip;
  ip.version_ihl = 0x4f;  // 60 bytes of header, 20 + 8 present
  ip.total_length = 28;
  const Frame frame = FrameBuilder().ethernet(kDstMac, kSrcMac, 0x0800).ipv4(ip).udp(1, 2).finish({});
  EXPECT_EQ(extract(frame.bytes).outcome, (ParseOutcome{ParseLayer::kIpv4, ParseProblem::kTruncated}));
}

TEST(ExtractIpv4, WrongVersionIsABadVersion) {
  Ipv4Header ip;
  ip.version_ihl = 0x65;
  EXPECT_EQ(extract(udp_over(ip).bytes).outcome,
            (ParseOutcome{ParseLayer::kIpv4, ParseProblem::kBadVersion}));
}

TEST(ExtractIpv4, TotalLengthBeyondTheFrameIsABadTotalLength) {
  Ipv4Header ip;
  ip.total_length = 1500;
  const Extracted x = extract(udp_over(ip).bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv4, ParseProblem::kBadTotalLength}));
  EXPECT_EQ(x.key.nw_src, 0u);
  EXPECT_EQ(x.key.tp_src, 0);
}

TEST(ExtractIpv4, TotalLengthShorterThanTheHeaderIsABadTotalLength) {
  Ipv4Header ip;
  ip.total_length = 19;
  EXPECT_EQ(extract(udp_over(ip).bytes).outcome,
            (ParseOutcome{ParseLayer::kIpv4, ParseProblem::kBadTotalLength}));
}

TEST(ExtractIpv4, EthernetPaddingIsNeverParsedAsTransportHeader) {
  Ipv4Header ip;
  ip.protocol = 17;
  ip.total_length = 24;  // 4 bytes of UDP in the datagram; the rest of the frame is padding
  const Extracted x = extract(udp_over(ip).bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kTruncated}));
  EXPECT_EQ(x.key.nw_proto, 17);
  EXPECT_EQ(x.key.tp_src, 0);
}

TEST(ExtractIpv4, PaddedMinimumFrameParsesNormally) {
  const Extracted x = extract(udp_ipv4_padded_frame().bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kUdp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.tp_dst, to_be16(7));
}

TEST(ExtractIpv4, UnknownProtocolStopsAtIpv4WithoutProblem) {
  Ipv4Header ip;
  ip.protocol = 47;  // GRE
  const Extracted x = extract(ipv4_frame(ip).bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv4, ParseProblem::kNone}));
  EXPECT_EQ(x.key.nw_proto, 47);
  EXPECT_EQ(x.key.tp_src, 0);
}

TEST(ExtractIpv4, Icmpv6ProtocolNumberInsideIpv4IsNotParsed) {
  Ipv4Header ip;
  ip.protocol = 58;
  const Extracted x = extract(ipv4_frame(ip).bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIpv4, ParseProblem::kNone}));
  EXPECT_EQ(x.key.tp_src, 0);
}

TEST(ExtractTcp, PortsAndAllTwelveFlagBitsAreKeptInWireOrder) {
  Ipv4Header ip;
  ip.protocol = 6;
  TcpHeader tcp;
  tcp.src_port = 0x1234;
  tcp.dst_port = 0xabcd;
  tcp.flags = 0x0fff;
  const Frame frame = FrameBuilder().ethernet(kDstMac, kSrcMac, 0x0800).ipv4(ip).tcp(tcp).finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kTcp, ParseProblem::kNone}));
  EXPECT_EQ(raw(x.key.tp_src), (Bytes{0x12, 0x34}));
  EXPECT_EQ(raw(x.key.tp_dst), (Bytes{0xab, 0xcd}));
  EXPECT_EQ(raw(x.key.tcp_flags), (Bytes{0x0f, 0xff}));  // data offset nibble masked off
}

TEST(ExtractTcp, SynAckFlags) {
  Ipv4Header ip;
  ip.protocol = 6;
  TcpHeader tcp;
  tcp.flags = 0x012;
  const Frame frame = FrameBuilder().ethernet(kDstMac, kSrcMac, 0x0800).ipv4(ip).tcp(tcp).finish({});
  EXPECT_EQ(from_be16(extract(frame.bytes).key.tcp_flags), 0x012);
}

TEST(ExtractTcp, DataOffsetBelowFiveIsABadHeaderLengthAndKeepsL3) {
  for (uint8_t offset = 0; offset < 5; ++offset) {
    Ipv4Header ip;
    ip.protocol = 6;
    TcpHeader tcp;
    tcp.data_offset = offset;
    const Frame frame =
        FrameBuilder().ethernet(kDstMac, kSrcMac, 0x0800).ipv4(ip).tcp(tcp).payload(40).finish({});
    const Extracted x = extract(frame.bytes);
    EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kTcp, ParseProblem::kBadHeaderLength}));
    EXPECT_EQ(x.key.nw_proto, 6);
    EXPECT_EQ(x.key.nw_src, to_be32(0x0a000001));
    EXPECT_EQ(x.key.tp_src, 0);
    EXPECT_EQ(x.key.tcp_flags, 0);
  }
}

TEST(ExtractTcp, DataOffsetPastTheDatagramIsTruncated) {
  Ipv4Header ip;
  ip.protocol = 6;
  TcpHeader tcp;
  tcp.data_offset = 15;  // 60 bytes, only 20 + 10 in the datagram
  const Frame frame =
      FrameBuilder().ethernet(kDstMac, kSrcMac, 0x0800).ipv4(ip).tcp(tcp).payload(10).finish({});
  EXPECT_EQ(extract(frame.bytes).outcome, (ParseOutcome{ParseLayer::kTcp, ParseProblem::kTruncated}));
}

TEST(ExtractSctp, PortsAreKeptInWireOrder) {
  const Extracted x = extract(sctp_ipv4_frame().bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kSctp, ParseProblem::kNone}));
  EXPECT_EQ(x.key.tp_src, to_be16(2905));
  EXPECT_EQ(x.key.tp_dst, to_be16(2906));
  EXPECT_EQ(x.key.nw_proto, 132);
}

TEST(ExtractIcmp, TypeAndCodeAreWidenedIntoThePortFields) {
  Ipv4Header ip;
  ip.protocol = 1;
  const Frame frame =
      FrameBuilder().ethernet(kDstMac, kSrcMac, 0x0800).ipv4(ip).icmp(3, 4).payload(4).finish({});
  const Extracted x = extract(frame.bytes);
  EXPECT_EQ(x.outcome, (ParseOutcome{ParseLayer::kIcmp, ParseProblem::kNone}));
  EXPECT_EQ(raw(x.key.tp_src), (Bytes{0, 3}));
  EXPECT_EQ(raw(x.key.tp_dst), (Bytes{0, 4}));
}

}  // namespace
}  // namespace turnout::flowtable::testing
