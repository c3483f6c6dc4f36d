#pragma once
// Key extraction: packet bytes -> FlowKey.
//
// Reads only data[0, len). Parses Ethernet (and 802.3 LLC/SNAP), up to two VLAN tags
// (TPID 0x8100 or 0x88a8 at either position), ARP/RARP, IPv4, IPv6 with its extension
// headers, TCP, UDP, SCTP, ICMP, ICMPv6 and IPv6 neighbour discovery. The key is fully
// rewritten: metadata from the caller, header fields from the packet, zero elsewhere.
// A truncated or malformed header stops the parse; the outcome names the layer and the
// problem, and the key keeps every layer before it (see ParseOutcome).
//
// Lengths: L4 is parsed within the IP datagram (IPv4 total length, IPv6 payload
// length), so Ethernet padding is never taken for a header. An IPv6 payload length of
// zero (jumbogram) is taken literally: nothing follows the base header.
// Fragments: L4 fields come only from a first fragment; later fragments carry nw_proto
// and nw_frag but zero ports.
// No allocation, no global state: safe to call from any thread.

#include <cstdint>

#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/parse_outcome.h"

namespace turnout::flowtable {

ParseOutcome extract_flow_key(const uint8_t* data, uint32_t len, const FlowMetadata& metadata,
                              FlowKey& key);

// The common case: a packet straight off a port, no tunnel metadata, no recirculation.
ParseOutcome extract_flow_key(const uint8_t* data, uint32_t len, uint32_t in_port, FlowKey& key);

}  // namespace turnout::flowtable
