#pragma once
// ARP and RARP for Ethernet/IPv4 (RFC 826), the only kind a switch matches on.

#include <cstring>

#include "packet_cursor.h"
#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/parse_outcome.h"
#include "wire_constants.h"

namespace turnout::flowtable::detail {

inline ParseOutcome parse_arp(PacketCursor cursor, FlowKey& key) {
  constexpr ParseLayer kLayer = ParseLayer::kArp;
  if (!cursor.has(kArpFixedSize)) return {kLayer, ParseProblem::kTruncated};
  const uint8_t* arp = cursor.data();
  const bool ethernet_ipv4 = load_host16(arp) == 1 && load_host16(arp + 2) == kEthTypeIpv4 &&
                             arp[4] == 6 && arp[5] == 4;
  if (!ethernet_ipv4) return {kLayer, ParseProblem::kUnsupportedFormat};
  if (!cursor.has(kArpEthernetIpv4Size)) return {kLayer, ParseProblem::kTruncated};

  key.arp_op = load_wire16(arp + 6);
  std::memcpy(key.arp_sha, arp + 8, 6);
  key.nw_src = load_wire32(arp + 14);
  std::memcpy(key.arp_tha, arp + 18, 6);
  key.nw_dst = load_wire32(arp + 24);
  return {kLayer, ParseProblem::kNone};
}

}  // namespace turnout::flowtable::detail
