#include "turnout/pktgen/packet_builder.h"

#include <netinet/in.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include <string>

namespace turnout::pktgen {

Result<PacketBuilder> PacketBuilder::create(const FrameSpec& spec) {
  if (spec.size < kMinFrameSize || spec.size > kMaxFrameSize)
    return make_error("frame size " + std::to_string(spec.size) + " is outside [" +
                      std::to_string(kMinFrameSize) + ", " + std::to_string(kMaxFrameSize) + "]");
  PacketBuilder builder;
  builder.frame_size_ = spec.size;
  builder.trailer_offset_ = spec.size - static_cast<uint32_t>(kProbeTrailerSize);

  uint8_t* bytes = builder.header_.data();
  auto* eth = reinterpret_cast<rte_ether_hdr*>(bytes);
  std::memcpy(eth->dst_addr.addr_bytes, spec.dst_mac.data(), RTE_ETHER_ADDR_LEN);
  std::memcpy(eth->src_addr.addr_bytes, spec.src_mac.data(), RTE_ETHER_ADDR_LEN);
  eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);

  auto* ip = reinterpret_cast<rte_ipv4_hdr*>(bytes + kIpOffset);
  ip->version_ihl = RTE_IPV4_VHL_DEF;
  ip->type_of_service = 0;
  ip->total_length = rte_cpu_to_be_16(static_cast<uint16_t>(spec.size - sizeof(rte_ether_hdr)));
  ip->packet_id = 0;
  ip->fragment_offset = 0;
  ip->time_to_live = 64;
  ip->next_proto_id = IPPROTO_UDP;
  ip->hdr_checksum = 0;
  ip->src_addr = 0;  // per flow
  ip->dst_addr = 0;  // per flow
  builder.ip_partial_sum_ = rte_raw_cksum(ip, sizeof *ip);

  auto* udp = reinterpret_cast<rte_udp_hdr*>(bytes + kIpOffset + sizeof(rte_ipv4_hdr));
  udp->src_port = rte_cpu_to_be_16(FlowSet::kBasePort);  // per flow
  udp->dst_port = rte_cpu_to_be_16(FlowSet::kBasePort);
  udp->dgram_len = rte_cpu_to_be_16(
      static_cast<uint16_t>(spec.size - sizeof(rte_ether_hdr) - sizeof(rte_ipv4_hdr)));
  udp->dgram_cksum = 0;  // "no checksum" is legal for UDP over IPv4 and keeps ports cheap
  return builder;
}

}  // namespace turnout::pktgen
