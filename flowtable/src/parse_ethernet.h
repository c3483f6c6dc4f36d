#pragma once
// Ethernet II / 802.3 LLC-SNAP and up to two VLAN tags.

#include <cstring>

#include "packet_cursor.h"
#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/parse_outcome.h"
#include "wire_constants.h"

namespace turnout::flowtable::detail {

inline bool is_vlan_tpid(uint16_t ethertype) {
  return ethertype == kEthTypeVlan || ethertype == kEthTypeQinQ;
}

// An 802.3 frame's payload type: the SNAP EtherType when the LLC header is SNAP with a
// zero OUI (RFC 1042 encapsulation), otherwise "none". Never a problem: an LLC frame we
// cannot type is still a valid Ethernet frame.
inline uint16_t parse_llc_snap(PacketCursor& cursor) {
  if (!cursor.has(kLlcSnapHeaderSize)) return kEthTypeNone;
  const uint8_t* llc = cursor.data();
  const bool rfc1042_snap = llc[0] == 0xaa && llc[1] == 0xaa && llc[2] == 0x03 &&
                            llc[3] == 0 && llc[4] == 0 && llc[5] == 0;
  if (!rfc1042_snap) return kEthTypeNone;
  const uint16_t snap_type = load_host16(llc + 6);
  if (snap_type < kEthTypeMinimum) return kEthTypeNone;
  cursor.skip(kLlcSnapHeaderSize);
  return snap_type;
}

// Fills dl_* and vlans, leaves the cursor at the L3 header and returns the EtherType
// (host order) in `ethertype`.
inline ParseOutcome parse_ethernet(PacketCursor& cursor, FlowKey& key, uint16_t& ethertype) {
  if (!cursor.has(kEthernetHeaderSize)) return {ParseLayer::kEthernet, ParseProblem::kTruncated};
  const uint8_t* eth = cursor.data();
  std::memcpy(key.dl_dst, eth, 6);
  std::memcpy(key.dl_src, eth + 6, 6);
  uint16_t type = load_host16(eth + 12);
  cursor.skip(kEthernetHeaderSize);

  ParseLayer layer = ParseLayer::kEthernet;
  for (unsigned tag = 0; tag < 2 && is_vlan_tpid(type); ++tag) {
    if (!cursor.has(kVlanTagSize)) {
      // The Ethernet header is intact and says a tag follows: keep that much.
      key.dl_type = to_be16(type);
      return {ParseLayer::kVlan, ParseProblem::kTruncated};
    }
    key.vlans[tag].tpid = to_be16(type);
    key.vlans[tag].tci = load_wire16(cursor.data());
    type = load_host16(cursor.data() + 2);
    cursor.skip(kVlanTagSize);
    layer = ParseLayer::kVlan;
  }
  if (type < kEthTypeMinimum) type = parse_llc_snap(cursor);

  key.dl_type = to_be16(type);
  ethertype = type;
  return {layer, ParseProblem::kNone};
}

}  // namespace turnout::flowtable::detail
