#pragma once
// A well-formed frame of every kind the parser knows: the seeds of the truncation tests,
// the fuzz replay corpus and the benchmarks' protocol mixes.

#include <string>
#include <vector>

#include "frame_builder.h"

namespace turnout::flowtable::testing {

inline const Mac kDstMac{0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
inline const Mac kSrcMac{0x02, 0x00, 0x00, 0x00, 0x00, 0x01};

struct NamedFrame {
  std::string name;
  Frame frame;
};

inline Frame udp_ipv4_frame(uint16_t src_port = 1024, uint32_t src_ip = 0x0a000001) {
  Ipv4Header ip;
  ip.src = src_ip;
  ip.protocol = 17;
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x0800)
      .ipv4(ip)
      .udp(src_port, 4789)
      .payload(18)
      .finish({ParseLayer::kUdp, ParseProblem::kNone});
}

inline Frame tcp_ipv4_frame(uint16_t src_port = 40000, uint32_t src_ip = 0x0a000001) {
  Ipv4Header ip;
  ip.src = src_ip;
  ip.protocol = 6;
  TcpHeader tcp;
  tcp.src_port = src_port;
  tcp.options = {0x02, 0x04, 0x05, 0xb4};  // MSS 1460
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x0800)
      .ipv4(ip)
      .tcp(tcp)
      .payload(6)
      .finish({ParseLayer::kTcp, ParseProblem::kNone});
}

inline Frame vlan_udp_ipv4_frame(uint16_t src_port = 1024) {
  Ipv4Header ip;
  ip.protocol = 17;
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x8100)
      .vlan(0x2064, 0x0800)  // PCP 1, VID 100
      .ipv4(ip)
      .udp(src_port, 53)
      .payload(14)
      .finish({ParseLayer::kUdp, ParseProblem::kNone});
}

inline Frame qinq_tcp_ipv4_frame() {
  Ipv4Header ip;
  ip.protocol = 6;
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x88a8)
      .vlan(0x00c8, 0x8100)  // S-tag VID 200
      .vlan(0x0064, 0x0800)  // C-tag VID 100
      .ipv4(ip)
      .tcp({})
      .finish({ParseLayer::kTcp, ParseProblem::kNone});
}

inline Frame tcp_ipv6_frame(uint16_t src_port = 40000) {
  Ipv6Header ip;
  ip.next_header = 6;
  ip.flow_label = 0x12345;
  TcpHeader tcp;
  tcp.src_port = src_port;
  tcp.dst_port = 443;
  tcp.flags = 0x010;  // ACK
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x86dd)
      .ipv6(ip)
      .tcp(tcp)
      .payload(20)
      .finish({ParseLayer::kTcp, ParseProblem::kNone});
}

inline Frame udp_ipv6_extension_chain_frame() {
  Ipv6Header ip;
  ip.next_header = 0;  // hop-by-hop
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x86dd)
      .ipv6(ip)
      .ipv6_options_header(43)      // HBH -> routing
      .ipv6_options_header(44, 1)   // routing (16 bytes) -> fragment
      .ipv6_fragment(60, 0, true)   // first fragment -> destination options
      .ipv6_options_header(51)      // destination options -> AH
      .ipv6_authentication(17)      // AH -> UDP
      .udp(5000, 6000)
      .payload(8)
      .finish({ParseLayer::kUdp, ParseProblem::kNone});
}

inline Frame sctp_ipv4_frame() {
  Ipv4Header ip;
  ip.protocol = 132;
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x0800)
      .ipv4(ip)
      .sctp(2905, 2906)
      .payload(16)
      .finish({ParseLayer::kSctp, ParseProblem::kNone});
}

inline Frame icmp_ipv4_options_frame() {
  Ipv4Header ip;
  ip.protocol = 1;
  ip.options = {0x94, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00};  // router alert, NOPs, EOL
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x0800)
      .ipv4(ip)
      .icmp(8, 0)
      .payload(12)
      .finish({ParseLayer::kIcmp, ParseProblem::kNone});
}

inline Frame icmpv6_echo_frame() {
  Ipv6Header ip;
  ip.next_header = 58;
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x86dd)
      .ipv6(ip)
      .icmpv6(128, 0)
      .payload(8)
      .finish({ParseLayer::kIcmpv6, ParseProblem::kNone});
}

inline Frame neighbor_solicitation_frame() {
  Ipv6Header ip;
  ip.next_header = 58;
  ip.hop_limit = 255;
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x86dd)
      .ipv6(ip)
      .icmpv6(135, 0)
      .nd({0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x22})
      .nd_option(14, {1, 2, 3, 4, 5, 6})              // nonce: skipped
      .nd_option(1, {0x02, 0, 0, 0, 0, 0x01})         // source link-layer address
      .finish({ParseLayer::kNeighborDiscovery, ParseProblem::kNone});
}

inline Frame arp_request_frame() {
  return FrameBuilder()
      .ethernet({0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, kSrcMac, 0x0806)
      .arp(1, kSrcMac, 0x0a000001, {0, 0, 0, 0, 0, 0}, 0x0a000002)
      .payload(18, 0)
      .finish({ParseLayer::kArp, ParseProblem::kNone});
}

inline Frame udp_ipv4_padded_frame() {
  Ipv4Header ip;
  ip.protocol = 17;
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 0x0800)
      .ipv4(ip)
      .udp(7, 7)
      .padding(18)  // 14 + 20 + 8 = 42 bytes, padded to the 60-byte minimum
      .finish({ParseLayer::kUdp, ParseProblem::kNone});
}

inline Frame llc_snap_udp_ipv4_frame() {
  Ipv4Header ip;
  ip.protocol = 17;
  return FrameBuilder()
      .ethernet(kDstMac, kSrcMac, 8 + 20 + 8 + 10)  // 802.3 length
      .llc_snap(0x0800)
      .ipv4(ip)
      .udp(1, 2)
      .payload(10)
      .finish({ParseLayer::kUdp, ParseProblem::kNone});
}

inline std::vector<NamedFrame> seed_frames() {
  return {
      {"udp_ipv4", udp_ipv4_frame()},
      {"tcp_ipv4", tcp_ipv4_frame()},
      {"vlan_udp_ipv4", vlan_udp_ipv4_frame()},
      {"qinq_tcp_ipv4", qinq_tcp_ipv4_frame()},
      {"tcp_ipv6", tcp_ipv6_frame()},
      {"udp_ipv6_extension_chain", udp_ipv6_extension_chain_frame()},
      {"sctp_ipv4", sctp_ipv4_frame()},
      {"icmp_ipv4_options", icmp_ipv4_options_frame()},
      {"icmpv6_echo", icmpv6_echo_frame()},
      {"neighbor_solicitation", neighbor_solicitation_frame()},
      {"arp_request", arp_request_frame()},
      {"udp_ipv4_padded", udp_ipv4_padded_frame()},
      {"llc_snap_udp_ipv4", llc_snap_udp_ipv4_frame()},
  };
}

}  // namespace turnout::flowtable::testing
