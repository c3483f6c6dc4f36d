#include "flow_key_invariants.h"

#include <cstring>

#include "turnout/flowtable/extract.h"
#include "turnout/flowtable/flow_batch.h"
#include "turnout/flowtable/flow_key.h"
#include "turnout/flowtable/flow_mask.h"
#include "turnout/flowtable/miniflow.h"

namespace turnout::flowtable::testing {

namespace {

bool all_zero(const void* field, size_t size) {
  const auto* bytes = static_cast<const uint8_t*>(field);
  for (size_t i = 0; i < size; ++i)
    if (bytes[i] != 0) return false;
  return true;
}
#define ZERO(field) all_zero(&key.field, sizeof key.field)

// Fields belong to layers; a layer that is absent or malformed leaves its fields zero.
std::string check_absent_layers_are_zero(const FlowKey& key, ParseOutcome outcome) {
  if (!ZERO(pad_tunnel) || !ZERO(pad_ethernet) || !ZERO(pad_arp)) return "padding not zero";
  const uint16_t dl_type = from_be16(key.dl_type);
  const bool ipv4 = dl_type == 0x0800, ipv6 = dl_type == 0x86dd;
  const bool arp = dl_type == 0x0806 || dl_type == 0x8035;
  const bool later_fragment = key.nw_frag & kFragLater;
  const uint8_t proto = key.nw_proto;
  const bool nd = ipv6 && proto == 58 && (from_be16(key.tp_src) == 135 || from_be16(key.tp_src) == 136) &&
                  key.tp_dst == 0;

  if (outcome.layer == ParseLayer::kEthernet && !outcome.ok() &&
      !(ZERO(dl_dst) && ZERO(dl_src) && ZERO(dl_type)))
    return "truncated Ethernet header left Ethernet fields";
  if (key.vlans[1].tpid != 0 && key.vlans[0].tpid == 0) return "inner VLAN without outer";
  if ((key.vlans[0].tpid == 0 && key.vlans[0].tci != 0) ||
      (key.vlans[1].tpid == 0 && key.vlans[1].tci != 0))
    return "VLAN TCI without TPID";
  if (!ipv4 && !arp && (key.nw_src || key.nw_dst)) return "nw_src/nw_dst outside IPv4/ARP";
  if (!ipv6 && !(ZERO(ipv6_src) && ZERO(ipv6_dst) && ZERO(ipv6_label)))
    return "IPv6 fields outside IPv6";
  if (!ipv4 && !ipv6 && (key.nw_frag || key.nw_tos || key.nw_ttl || key.nw_proto))
    return "IP fields outside IP";
  if ((key.nw_frag & kFragLater) && !(key.nw_frag & kFragAny)) return "later but not a fragment";
  if (key.nw_frag & ~(kFragAny | kFragLater)) return "unknown nw_frag bits";
  const bool has_ports = (ipv4 || ipv6) && !later_fragment &&
                         (proto == 6 || proto == 17 || proto == 132 || (ipv4 && proto == 1) ||
                          (ipv6 && proto == 58));
  if (!has_ports && (key.tp_src || key.tp_dst)) return "L4 ports without an L4 header";
  if (key.tcp_flags && !(has_ports && proto == 6)) return "TCP flags outside TCP";
  if (from_be16(key.tcp_flags) & ~kTcpFlagsMask) return "TCP flags beyond 12 bits";
  if (!arp && key.arp_op) return "ARP op outside ARP";
  if (!arp && !nd && !(ZERO(arp_sha) && ZERO(arp_tha))) return "ARP/ND addresses outside ARP/ND";
  if (!nd && !ZERO(nd_target)) return "ND target outside ND";
  if ((ipv4 && proto == 1) || (ipv6 && proto == 58))
    if (from_be16(key.tp_src) > 0xff || from_be16(key.tp_dst) > 0xff) return "ICMP type/code > 255";
  if (from_be32(key.ipv6_label) > 0xfffff) return "flow label beyond 20 bits";

  if (!outcome.ok()) {
    switch (outcome.layer) {
      case ParseLayer::kIpv4:
        if (key.nw_src || key.nw_dst || key.nw_proto || key.nw_ttl || key.nw_tos || key.nw_frag)
          return "malformed IPv4 header left IPv4 fields";
        break;
      case ParseLayer::kIpv6:
        if (!(ZERO(ipv6_src) && ZERO(ipv6_dst)) || key.nw_ttl || key.nw_proto)
          return "malformed IPv6 header left IPv6 fields";
        break;
      case ParseLayer::kIpv6Extension:
        if (key.nw_proto || key.nw_frag) return "malformed extension chain left nw_proto/nw_frag";
        break;
      case ParseLayer::kArp:
        if (key.arp_op || key.nw_src || key.nw_dst) return "malformed ARP left ARP fields";
        break;
      case ParseLayer::kTcp:
      case ParseLayer::kUdp:
      case ParseLayer::kSctp:
      case ParseLayer::kIcmp:
      case ParseLayer::kIcmpv6:
        if (key.tp_src || key.tp_dst || key.tcp_flags) return "malformed L4 header left L4 fields";
        break;
      case ParseLayer::kNeighborDiscovery:
        if (!(ZERO(nd_target) && ZERO(arp_sha) && ZERO(arp_tha))) return "malformed ND left ND fields";
        break;
      default:
        break;
    }
  }
  return {};
}
#undef ZERO

std::string check_miniflow_and_hashes(const FlowKey& key) {
  const Miniflow flow(key);
  if (!(flow.expand() == key)) return "miniflow round trip changed the key";
  unsigned nonzero = 0;
  for (unsigned i = 0; i < kFlowKeyWords; ++i) {
    nonzero += flow_key_word(key, i) != 0;
    if (flow.word(i) != flow_key_word(key, i)) return "miniflow word() disagrees with the key";
  }
  if (flow.word_count() != nonzero) return "miniflow stores zero words";
  for (uint32_t seed : {0u, 0x9e3779b9u}) {
    const uint32_t hash = flow.hash(seed);
    if (hash != flow.hash(seed)) return "miniflow hash not stable";
    if (hash != flow_key_hash(key, seed)) return "miniflow hash differs from key hash";
  }
  Miniflow copy;
  copy.assign(flow.expand());
  if (!(copy == flow)) return "miniflow equality fails on a copy";
  Miniflow scalar;
  scalar.assign_scalar(key);
  if (!(scalar == flow) || scalar.map() != flow.map()) return "scalar and SIMD compression differ";
  return {};
}

// A mask made from the key's own bytes rotated, so every run exercises a different mask.
std::string check_masks(const FlowKey& key, uint64_t salt) {
  FlowKey bits;
  for (unsigned i = 0; i < kFlowKeyWords; ++i) {
    const uint64_t source = flow_key_word(key, (i + 7) % kFlowKeyWords) ^ (salt * (i + 1));
    set_flow_key_word(bits, i, (i % 3 == 0) ? source : ((i % 3 == 1) ? ~uint64_t{0} : 0));
  }
  const FlowMask mask(bits);
  const FlowKey masked = apply_mask(key, mask);
  if (!equal_under_mask(key, masked, mask)) return "key differs from its masked copy under the mask";
  const uint32_t hash = masked_hash(key, mask, 17);
  if (hash != masked_hash(masked, mask, 17)) return "masked copy hashes differently";
  if (hash != masked_hash(Miniflow(key), mask, 17)) return "miniflow masked hash differs";
  if (!(apply_mask(masked, mask) == masked)) return "apply_mask not idempotent";
  if (!(apply_mask(key, FlowMask::exact()) == key)) return "exact mask changed the key";
  if (masked_hash(key, FlowMask(), 3) != masked_hash(FlowKey{}, FlowMask(), 3))
    return "empty mask does not hash every key alike";
  return {};
}

}  // namespace

std::string check_flow_key_invariants(const uint8_t* data, size_t size) {
  const auto len = static_cast<uint32_t>(size);
  const uint32_t in_port = size > 0 ? data[0] : 0;

  FlowKey key;
  const ParseOutcome outcome = extract_flow_key(data, len, in_port, key);
  if (key.in_port != in_port) return "in_port not kept";

  // Extraction depends on nothing but its inputs: not on what the key held before.
  FlowKey dirty;
  std::memset(&dirty, 0xa5, sizeof dirty);
  const ParseOutcome again = extract_flow_key(data, len, in_port, dirty);
  if (!(again == outcome) || !(dirty == key)) return "extraction not deterministic";

  // Metadata only touches the metadata words.
  FlowMetadata metadata;
  metadata.in_port = in_port;
  metadata.recirc_id = 7;
  metadata.tun_id = to_be64(0x123456);
  metadata.tun_src[15] = 1;
  metadata.tun_dst[15] = 2;
  metadata.tun_flags = kTunnelFlagKeyPresent;
  FlowKey tunnelled;
  if (!(extract_flow_key(data, len, metadata, tunnelled) == outcome)) return "metadata changed outcome";
  for (unsigned i = kEthernetFirstWord; i < kFlowKeyWords; ++i)
    if (flow_key_word(tunnelled, i) != flow_key_word(key, i)) return "metadata changed header words";
  if (tunnelled.recirc_id != 7 || tunnelled.tun_id != metadata.tun_id || tunnelled.tun_src[15] != 1 ||
      tunnelled.tun_dst[15] != 2 || tunnelled.tun_flags != kTunnelFlagKeyPresent)
    return "metadata not copied";

  if (std::string e = check_absent_layers_are_zero(key, outcome); !e.empty()) return e;
  if (std::string e = check_miniflow_and_hashes(key); !e.empty()) return e;
  if (std::string e = check_masks(key, size * 0x9e3779b97f4a7c15ULL); !e.empty()) return e;

  // The burst entry point agrees with the single-packet one.
  static FlowBatch batch;  // 6 KB: keep it off the fuzzer's stack
  const PacketView views[2] = {{data, len}, {data, len}};
  extract_flow_batch(views, 2, in_port, 5, batch, BatchPrefetch::kWholeBatch);
  if (batch.count != 2 || !(batch.outcomes[1] == outcome) || !(batch.flows[1] == Miniflow(key)) ||
      batch.hashes[1] != flow_key_hash(key, 5))
    return "batch extraction differs from single extraction";
  return {};
}

}  // namespace turnout::flowtable::testing
