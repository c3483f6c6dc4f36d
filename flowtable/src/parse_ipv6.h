#pragma once
// IPv6 (RFC 8200): base header, then the extension-header chain up to the upper layer.

#include <cstring>

#include "packet_cursor.h"
#include "parse_transport.h"
#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/parse_outcome.h"
#include "wire_constants.h"

namespace turnout::flowtable::detail {

inline constexpr uint16_t kIpv6FragmentOffsetMask = 0xfff8;

struct Ipv6UpperLayer {
  uint8_t protocol = 0;
  uint8_t fragment_flags = 0;
};

// Walks hop-by-hop, routing, destination-options, fragment and AH headers, leaving the
// cursor at the upper-layer header. Stops at anything else, ESP and "no next header"
// included (their contents are opaque). Order is not enforced: a switch classifies
// what it sees, it does not police RFC 8200's recommended order.
inline ParseOutcome walk_ipv6_extension_headers(PacketCursor& cursor, uint8_t next_header,
                                                Ipv6UpperLayer& upper) {
  constexpr ParseLayer kLayer = ParseLayer::kIpv6Extension;
  for (unsigned seen = 0;; ++seen) {
    uint32_t size;
    switch (next_header) {
      case kIpProtoHopByHop:
      case kIpProtoRouting:
      case kIpProtoDestinationOptions:
        if (!cursor.has(2)) return {kLayer, ParseProblem::kTruncated};
        size = (cursor.data()[1] + 1u) * 8;  // length in 8-octet units, not counting the first
        break;
      case kIpProtoAuthentication:
        if (!cursor.has(2)) return {kLayer, ParseProblem::kTruncated};
        size = (cursor.data()[1] + 2u) * 4;  // RFC 4302: 4-octet units, minus 2
        break;
      case kIpProtoFragment:
        size = kIpv6FragmentHeaderSize;
        break;
      default:
        upper.protocol = next_header;
        return {ParseLayer::kIpv6, ParseProblem::kNone};
    }
    if (seen == kMaxIpv6ExtensionHeaders) return {kLayer, ParseProblem::kTooManyExtensionHeaders};
    if (!cursor.has(size)) return {kLayer, ParseProblem::kTruncated};
    const uint8_t* header = cursor.data();
    if (next_header == kIpProtoFragment) {
      upper.fragment_flags |= kFragAny;
      if (load_host16(header + 2) & kIpv6FragmentOffsetMask) {
        // A later fragment's payload is the middle of some header: stop here, keeping
        // the protocol it belongs to.
        upper.fragment_flags |= kFragLater;
        upper.protocol = header[0];
        return {ParseLayer::kIpv6, ParseProblem::kNone};
      }
    }
    next_header = header[0];
    cursor.skip(size);
  }
}

inline ParseOutcome parse_ipv6(PacketCursor cursor, FlowKey& key) {
  constexpr ParseLayer kLayer = ParseLayer::kIpv6;
  if (!cursor.has(kIpv6HeaderSize)) return {kLayer, ParseProblem::kTruncated};
  const uint8_t* ip = cursor.data();
  if ((ip[0] >> 4) != 6) return {kLayer, ParseProblem::kBadVersion};
  const uint32_t payload_length = load_host16(ip + 4);
  if (!cursor.has(kIpv6HeaderSize + payload_length)) return {kLayer, ParseProblem::kBadTotalLength};

  const uint32_t version_class_label = from_be32(load_wire32(ip));
  key.nw_tos = static_cast<uint8_t>(version_class_label >> 20);
  key.ipv6_label = to_be32(version_class_label & 0x000fffff);
  key.nw_ttl = ip[7];
  std::memcpy(key.ipv6_src, ip + 8, 16);
  std::memcpy(key.ipv6_dst, ip + 24, 16);

  PacketCursor payload = cursor.window(kIpv6HeaderSize, payload_length);
  Ipv6UpperLayer upper;
  const ParseOutcome chain = walk_ipv6_extension_headers(payload, ip[6], upper);
  if (!chain.ok()) return chain;
  key.nw_proto = upper.protocol;
  key.nw_frag = upper.fragment_flags;
  if (upper.fragment_flags & kFragLater) return {kLayer, ParseProblem::kNone};
  return parse_transport(upper.protocol, payload, IpVersion::kIpv6, key);
}

}  // namespace turnout::flowtable::detail
