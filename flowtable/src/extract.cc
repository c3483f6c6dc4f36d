// Key extraction driver: zero the key, copy metadata, then hand the cursor from layer to
// layer. The layer parsers are inline headers so the whole walk compiles into this one
// function without calls.

#include "turnout/flowtable/extract.h"

#include <cstring>

#include "packet_cursor.h"
#include "parse_arp.h"
#include "parse_ethernet.h"
#include "parse_ipv4.h"
#include "parse_ipv6.h"
#include "wire_constants.h"

namespace turnout::flowtable {

namespace {

ParseOutcome extract_packet_fields(const uint8_t* data, uint32_t len, FlowKey& key) {
  detail::PacketCursor cursor(data, len);
  uint16_t ethertype = 0;
  const ParseOutcome l2 = detail::parse_ethernet(cursor, key, ethertype);
  if (!l2.ok()) return l2;
  switch (ethertype) {
    case detail::kEthTypeIpv4:
      return detail::parse_ipv4(cursor, key);
    case detail::kEthTypeIpv6:
      return detail::parse_ipv6(cursor, key);
    case detail::kEthTypeArp:
    case detail::kEthTypeRarp:
      return detail::parse_arp(cursor, key);
    default:
      return l2;
  }
}

}  // namespace

ParseOutcome extract_flow_key(const uint8_t* data, uint32_t len, const FlowMetadata& metadata,
                              FlowKey& key) {
  key = FlowKey{};
  key.in_port = metadata.in_port;
  key.recirc_id = metadata.recirc_id;
  key.tun_id = metadata.tun_id;
  std::memcpy(key.tun_src, metadata.tun_src, sizeof key.tun_src);
  std::memcpy(key.tun_dst, metadata.tun_dst, sizeof key.tun_dst);
  key.tun_flags = metadata.tun_flags;
  return extract_packet_fields(data, len, key);
}

ParseOutcome extract_flow_key(const uint8_t* data, uint32_t len, uint32_t in_port, FlowKey& key) {
  key = FlowKey{};
  key.in_port = in_port;
  return extract_packet_fields(data, len, key);
}

}  // namespace turnout::flowtable
