#pragma once
// IPv6 neighbour solicitation/advertisement (RFC 4861): target address and the
// source/target link-layer address options that ARP-style rules match on.

#include <cstring>

#include "packet_cursor.h"
#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/parse_outcome.h"

namespace turnout::flowtable::detail {

inline constexpr uint32_t kNdReservedSize = 4;  // flags (NA) or reserved (NS)
inline constexpr uint32_t kNdTargetSize = 16;
inline constexpr uint8_t kNdOptionSourceLinkLayer = 1;
inline constexpr uint8_t kNdOptionTargetLinkLayer = 2;
inline constexpr uint32_t kNdOptionUnit = 8;

// `cursor` is at the message body, after type/code/checksum. The ND fields are written
// only when the whole message is well formed, so a bad option never leaves half of them.
inline ParseOutcome parse_neighbor_discovery(PacketCursor cursor, bool solicitation,
                                             FlowKey& key) {
  constexpr ParseLayer kLayer = ParseLayer::kNeighborDiscovery;
  if (!cursor.has(kNdReservedSize + kNdTargetSize)) return {kLayer, ParseProblem::kTruncated};
  const uint8_t* target = cursor.data() + kNdReservedSize;
  cursor.skip(kNdReservedSize + kNdTargetSize);

  // A solicitation carries the sender's address (SLL), an advertisement the target's
  // (TLL); the other kind of option is legal but not part of the key.
  const uint8_t wanted_option = solicitation ? kNdOptionSourceLinkLayer : kNdOptionTargetLinkLayer;
  const uint8_t* link_layer = nullptr;
  while (cursor.remaining() > 0) {
    if (!cursor.has(2)) return {kLayer, ParseProblem::kTruncated};
    const uint8_t type = cursor.data()[0];
    const uint32_t size = cursor.data()[1] * kNdOptionUnit;
    if (size == 0) return {kLayer, ParseProblem::kBadOption};  // would loop forever
    if (!cursor.has(size)) return {kLayer, ParseProblem::kTruncated};
    if (type == wanted_option && size == kNdOptionUnit) {
      if (link_layer) return {kLayer, ParseProblem::kBadOption};  // RFC 4861: at most one
      link_layer = cursor.data() + 2;
    }
    cursor.skip(size);
  }

  std::memcpy(key.nd_target, target, kNdTargetSize);
  if (link_layer) std::memcpy(solicitation ? key.arp_sha : key.arp_tha, link_layer, 6);
  return {kLayer, ParseProblem::kNone};
}

}  // namespace turnout::flowtable::detail
