#pragma once
// L4 inside an IP datagram: TCP, UDP, SCTP ports, TCP flags, ICMP/ICMPv6 type and code.

#include "packet_cursor.h"
#include "parse_neighbor_discovery.h"
#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/parse_outcome.h"
#include "wire_constants.h"

namespace turnout::flowtable::detail {

enum class IpVersion : uint8_t { kIpv4, kIpv6 };

inline constexpr uint8_t kIcmpv6NeighborSolicitation = 135;
inline constexpr uint8_t kIcmpv6NeighborAdvertisement = 136;

inline ParseOutcome parse_tcp(PacketCursor cursor, FlowKey& key) {
  constexpr ParseLayer kLayer = ParseLayer::kTcp;
  if (!cursor.has(kTcpMinHeaderSize)) return {kLayer, ParseProblem::kTruncated};
  const uint8_t* tcp = cursor.data();
  const uint32_t header_size = (tcp[12] >> 4) * 4u;
  if (header_size < kTcpMinHeaderSize) return {kLayer, ParseProblem::kBadHeaderLength};
  if (!cursor.has(header_size)) return {kLayer, ParseProblem::kTruncated};
  key.tp_src = load_wire16(tcp);
  key.tp_dst = load_wire16(tcp + 2);
  key.tcp_flags = load_wire16(tcp + 12) & to_be16(kTcpFlagsMask);
  return {kLayer, ParseProblem::kNone};
}

// UDP and SCTP: the ports are the first four bytes of a fixed-size header.
inline ParseOutcome parse_ports(ParseLayer layer, uint32_t header_size, PacketCursor cursor,
                                FlowKey& key) {
  if (!cursor.has(header_size)) return {layer, ParseProblem::kTruncated};
  key.tp_src = load_wire16(cursor.data());
  key.tp_dst = load_wire16(cursor.data() + 2);
  return {layer, ParseProblem::kNone};
}

// Type and code go to tp_src/tp_dst widened to 16 bits, as OVS stores them, so rules on
// ICMP type/code share the L4 port word and its masks. The checksum is not verified
// (that is the receiver's business) but must be present for the header to count.
inline ParseOutcome parse_icmp_type_code(ParseLayer layer, PacketCursor cursor, FlowKey& key) {
  if (!cursor.has(kIcmpTypeCodeChecksumSize)) return {layer, ParseProblem::kTruncated};
  key.tp_src = to_be16(cursor.data()[0]);
  key.tp_dst = to_be16(cursor.data()[1]);
  return {layer, ParseProblem::kNone};
}

inline ParseOutcome parse_icmpv6(PacketCursor cursor, FlowKey& key) {
  const ParseOutcome header = parse_icmp_type_code(ParseLayer::kIcmpv6, cursor, key);
  if (!header.ok()) return header;
  const uint8_t type = cursor.data()[0];
  const uint8_t code = cursor.data()[1];
  const bool neighbor_discovery =
      code == 0 && (type == kIcmpv6NeighborSolicitation || type == kIcmpv6NeighborAdvertisement);
  if (!neighbor_discovery) return header;
  cursor.skip(kIcmpTypeCodeChecksumSize);
  return parse_neighbor_discovery(cursor, type == kIcmpv6NeighborSolicitation, key);
}

inline ParseOutcome parse_transport(uint8_t protocol, PacketCursor cursor, IpVersion version,
                                    FlowKey& key) {
  switch (protocol) {
    case kIpProtoTcp:
      return parse_tcp(cursor, key);
    case kIpProtoUdp:
      return parse_ports(ParseLayer::kUdp, kUdpHeaderSize, cursor, key);
    case kIpProtoSctp:
      return parse_ports(ParseLayer::kSctp, kSctpCommonHeaderSize, cursor, key);
    case kIpProtoIcmp:
      if (version == IpVersion::kIpv4) return parse_icmp_type_code(ParseLayer::kIcmp, cursor, key);
      break;
    case kIpProtoIcmpv6:
      if (version == IpVersion::kIpv6) return parse_icmpv6(cursor, key);
      break;
    default:
      break;
  }
  return {version == IpVersion::kIpv4 ? ParseLayer::kIpv4 : ParseLayer::kIpv6,
          ParseProblem::kNone};
}

}  // namespace turnout::flowtable::detail
