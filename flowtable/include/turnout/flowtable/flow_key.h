#pragma once
// FlowKey: every field the datapath matches on, in one fixed layout.
//
// The layout is chosen for word-wise work, not for readability: the key is 21 64-bit
// words and is compared, masked, hashed and compressed (Miniflow) one word at a time.
// Fields that appear together in common matches share words, and fields that are absent
// for the usual packet (tunnel, IPv6, ARP, ND) sit in words of their own so that the
// sparse Miniflow of an untunnelled TCP/IPv4 packet holds only 6 words.
// There is no implicit padding (the `pad_*` members are explicit and always zero), so
// two keys are equal exactly when their words are equal.
//
// Byte order: every field copied from a header is kept as it was on the wire (network
// byte order; Be16/Be32 say so). Metadata that does not come from packet bytes (in_port,
// recirc_id, tun_flags) is in host order. tun_id is a wire-format field (the overlay
// writes the VNI or GRE key right-aligned in network order), so it is Be64.
//
// Addresses: IPv4 addresses live in nw_src/nw_dst (4 bytes, one shared word), IPv6
// addresses in ipv6_src/ipv6_dst (16 bytes each). Keeping them apart keeps an IPv4 key
// one word smaller and lets a /24 mask stay a 32-bit mask. Tunnel endpoints are always
// 16 bytes: an IPv4 underlay is stored IPv4-mapped (::ffff:a.b.c.d).
//
// Shared fields, as in OVS:
//   nw_src/nw_dst    IPv4 source/destination, or ARP sender/target protocol address.
//   tp_src/tp_dst    TCP/UDP/SCTP ports; for ICMP and ICMPv6 the type and the code, each
//                    widened to 16 bits (network order: byte 0 is zero, byte 1 the value).
//   arp_sha/arp_tha  ARP sender/target hardware address, or for IPv6 neighbour discovery
//                    the source (in a solicitation) / target (in an advertisement)
//                    link-layer address option.
// A layer the parser did not reach, or found malformed, leaves its fields zero.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "turnout/flowtable/byte_order.h"
#include "turnout/flowtable/flow_hash.h"

namespace turnout::flowtable {

// nw_frag bits.
inline constexpr uint8_t kFragAny = 0x01;    // the packet is a fragment (first or later)
inline constexpr uint8_t kFragLater = 0x02;  // not the first fragment: it carries no L4 header

// tun_flags bits (host order; set by the overlay on decapsulation).
inline constexpr uint16_t kTunnelFlagDontFragment = 0x0001;
inline constexpr uint16_t kTunnelFlagChecksum = 0x0002;
inline constexpr uint16_t kTunnelFlagKeyPresent = 0x0004;
inline constexpr uint16_t kTunnelFlagOam = 0x0008;

// TCP flag bits inside tcp_flags (after from_be16): FIN..NS, the low 12 bits of the
// data-offset/flags word.
inline constexpr uint16_t kTcpFlagsMask = 0x0fff;

struct VlanTag {
  Be16 tpid;  // 0x8100 or 0x88a8; zero when the tag is absent (presence = non-zero TPID)
  Be16 tci;   // PCP, DEI and VID exactly as on the wire
};

struct alignas(8) FlowKey {
  // w0: where the packet entered (always set) and the recirculation pass.
  uint32_t in_port;
  uint32_t recirc_id;
  // w1-w6: tunnel metadata, written by the overlay after decapsulation.
  Be64 tun_id;
  uint8_t tun_src[16];
  uint8_t tun_dst[16];
  uint16_t tun_flags;
  uint8_t pad_tunnel[6];
  // w7-w8: Ethernet. dl_type is the innermost EtherType after VLAN tags (or the
  // LLC/SNAP type; 0x05ff for an 802.3 frame without SNAP, as OVS does).
  uint8_t dl_dst[6];
  uint8_t dl_src[6];
  Be16 dl_type;
  uint8_t pad_ethernet[2];
  // w9: outer tag first. A third tag is not parsed: dl_type is then its TPID.
  VlanTag vlans[2];
  // w10: IPv4 or ARP addresses.
  Be32 nw_src;
  Be32 nw_dst;
  // w11-w14: IPv6 addresses.
  uint8_t ipv6_src[16];
  uint8_t ipv6_dst[16];
  // w15: the rest of L3. ipv6_label holds the 20-bit flow label (network order).
  // nw_tos is the whole IPv4 TOS / IPv6 traffic-class byte (DSCP and ECN).
  // nw_proto is the upper-layer protocol after any IPv6 extension headers.
  Be32 ipv6_label;
  uint8_t nw_frag;
  uint8_t nw_tos;
  uint8_t nw_ttl;
  uint8_t nw_proto;
  // w16: L4 plus the ARP opcode (never both present).
  Be16 tp_src;
  Be16 tp_dst;
  Be16 tcp_flags;  // low 12 bits of the TCP offset/flags word, network order
  Be16 arp_op;
  // w17-w18: ARP hardware addresses / IPv6 ND link-layer options.
  uint8_t arp_sha[6];
  uint8_t arp_tha[6];
  uint8_t pad_arp[4];
  // w19-w20: IPv6 ND target address.
  uint8_t nd_target[16];
};

inline constexpr unsigned kFlowKeyWords = sizeof(FlowKey) / sizeof(uint64_t);

static_assert(std::is_trivially_copyable_v<FlowKey> && std::is_standard_layout_v<FlowKey>);
static_assert(std::has_unique_object_representations_v<FlowKey>,
              "FlowKey must have no implicit padding: equality is word equality");
static_assert(sizeof(FlowKey) % sizeof(uint64_t) == 0 && alignof(FlowKey) == 8);
static_assert(kFlowKeyWords == 21);
static_assert(kFlowKeyWords <= 64, "a Miniflow map is one 64-bit word");
static_assert(kFlowKeyWords <= kMaxHashedWords, "flow_hash.h has a position key per word");

// Word index of a field, for code that works on words (classifier partitions, masks).
inline constexpr unsigned kInPortWord = offsetof(FlowKey, in_port) / 8;
inline constexpr unsigned kTunnelIdWord = offsetof(FlowKey, tun_id) / 8;
inline constexpr unsigned kEthernetFirstWord = offsetof(FlowKey, dl_dst) / 8;
inline constexpr unsigned kVlanWord = offsetof(FlowKey, vlans) / 8;
inline constexpr unsigned kIpv4AddressWord = offsetof(FlowKey, nw_src) / 8;
inline constexpr unsigned kL3InfoWord = offsetof(FlowKey, nw_proto) / 8;
inline constexpr unsigned kL4Word = offsetof(FlowKey, tp_src) / 8;
static_assert(kInPortWord == 0 && kTunnelIdWord == 1 && kEthernetFirstWord == 7 &&
              kVlanWord == 9 && kIpv4AddressWord == 10 && kL3InfoWord == 15 && kL4Word == 16);

// Words are read and written through memcpy (a single load/store once compiled) so the
// per-field view and the per-word view never break aliasing rules.
inline uint64_t flow_key_word(const FlowKey& key, unsigned index) {
  uint64_t word;
  std::memcpy(&word, reinterpret_cast<const unsigned char*>(&key) + index * 8, 8);
  return word;
}
inline void set_flow_key_word(FlowKey& key, unsigned index, uint64_t word) {
  std::memcpy(reinterpret_cast<unsigned char*>(&key) + index * 8, &word, 8);
}

inline bool operator==(const FlowKey& a, const FlowKey& b) {
  return std::memcmp(&a, &b, sizeof(FlowKey)) == 0;
}

// What a packet carries besides its bytes: the input port and, after decapsulation or
// recirculation, the tunnel metadata and recirculation id.
struct FlowMetadata {
  uint32_t in_port = 0;
  uint32_t recirc_id = 0;
  Be64 tun_id = 0;
  uint8_t tun_src[16] = {};
  uint8_t tun_dst[16] = {};
  uint16_t tun_flags = 0;
};

}  // namespace turnout::flowtable
