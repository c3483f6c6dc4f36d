#pragma once
// IPv4 (RFC 791): header checks, options skipped, fragment flags.

#include "packet_cursor.h"
#include "parse_transport.h"
#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/parse_outcome.h"
#include "wire_constants.h"

namespace turnout::flowtable::detail {

inline constexpr uint16_t kIpv4MoreFragments = 0x2000;
inline constexpr uint16_t kIpv4FragmentOffsetMask = 0x1fff;

inline ParseOutcome parse_ipv4(PacketCursor cursor, FlowKey& key) {
  constexpr ParseLayer kLayer = ParseLayer::kIpv4;
  if (!cursor.has(kIpv4MinHeaderSize)) return {kLayer, ParseProblem::kTruncated};
  const uint8_t* ip = cursor.data();
  if ((ip[0] >> 4) != 4) return {kLayer, ParseProblem::kBadVersion};
  const uint32_t header_size = (ip[0] & 0x0fu) * 4;
  if (header_size < kIpv4MinHeaderSize) return {kLayer, ParseProblem::kBadHeaderLength};
  if (!cursor.has(header_size)) return {kLayer, ParseProblem::kTruncated};
  const uint32_t total_length = load_host16(ip + 2);
  if (total_length < header_size || !cursor.has(total_length))
    return {kLayer, ParseProblem::kBadTotalLength};

  key.nw_src = load_wire32(ip + 12);
  key.nw_dst = load_wire32(ip + 16);
  key.nw_tos = ip[1];
  key.nw_ttl = ip[8];
  key.nw_proto = ip[9];
  const uint16_t fragment = load_host16(ip + 6);
  if (fragment & (kIpv4MoreFragments | kIpv4FragmentOffsetMask)) {
    key.nw_frag = kFragAny;
    if (fragment & kIpv4FragmentOffsetMask) {
      key.nw_frag |= kFragLater;
      return {kLayer, ParseProblem::kNone};
    }
  }
  return parse_transport(key.nw_proto, cursor.window(header_size, total_length - header_size),
                         IpVersion::kIpv4, key);
}

}  // namespace turnout::flowtable::detail
