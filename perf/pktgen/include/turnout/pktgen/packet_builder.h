#pragma once
// Writes generated frames: Ethernet/IPv4/UDP headers for one flow plus the probe trailer.
//
// Per packet only what differs between packets is computed: the headers are copied from a
// template, the flow's addresses and source port are patched in, and the IPv4 checksum is
// finished from a partial sum precomputed over the unchanging header words. The filler
// between headers and trailer is never written (the TX pool zeroes its buffers once).
// Other encapsulations (IPv6, VXLAN-style outer headers) would add their own template and
// patch step; the trailer stays at the frame's end either way.

#include <rte_byteorder.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "turnout/common/result.h"
#include "turnout/pktgen/flow_set.h"
#include "turnout/pktgen/mac_address.h"
#include "turnout/pktgen/probe_trailer.h"

namespace turnout::pktgen {

struct FrameSpec {
  uint32_t size = 64;  // frame length without FCS (64 = testpmd's convention)
  MacAddress dst_mac{0x02, 0, 0, 0, 0, 0x02};
  MacAddress src_mac{0x02, 0, 0, 0, 0, 0x01};
};

class PacketBuilder {
 public:
  static constexpr uint32_t kHeaderSize = 14 + 20 + 8;  // Ethernet + IPv4 + UDP
  static constexpr uint32_t kMinFrameSize = kHeaderSize + kProbeTrailerSize;
  static constexpr uint32_t kMaxFrameSize = 9018;  // jumbo frame without FCS

  static Result<PacketBuilder> create(const FrameSpec& spec);

  uint32_t frame_size() const { return frame_size_; }

  // Writes the whole frame for the cursor's flow into `frame` (frame_size() bytes).
  void write(uint8_t* frame, const FlowCursor& flow, uint64_t seq, uint64_t tx_tsc) const {
    std::memcpy(frame, header_.data(), kHeaderSize);
    const uint32_t src_ip = rte_cpu_to_be_32(FlowSet::kFirstSrcIp - flow.address_step());
    const uint32_t dst_ip = rte_cpu_to_be_32(FlowSet::kFirstDstIp + flow.address_step());
    std::memcpy(frame + kIpSrcOffset, &src_ip, sizeof src_ip);
    std::memcpy(frame + kIpDstOffset, &dst_ip, sizeof dst_ip);
    // One's-complement sums do not depend on byte order, so the 16-bit halves of the
    // big-endian words add up exactly as rte_raw_cksum would load them from the frame.
    uint32_t sum = ip_partial_sum_ + (src_ip & 0xffff) + (src_ip >> 16) + (dst_ip & 0xffff) +
                   (dst_ip >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    const uint16_t checksum = static_cast<uint16_t>(~sum);
    std::memcpy(frame + kIpChecksumOffset, &checksum, sizeof checksum);
    const uint16_t src_port =
        rte_cpu_to_be_16(static_cast<uint16_t>(FlowSet::kBasePort + flow.port_step()));
    std::memcpy(frame + kUdpSrcPortOffset, &src_port, sizeof src_port);
    write_probe_trailer(frame + trailer_offset_, seq, flow.flow(), tx_tsc);
  }

 private:
  static constexpr uint32_t kIpOffset = 14;
  static constexpr uint32_t kIpChecksumOffset = kIpOffset + 10;
  static constexpr uint32_t kIpSrcOffset = kIpOffset + 12;
  static constexpr uint32_t kIpDstOffset = kIpOffset + 16;
  static constexpr uint32_t kUdpSrcPortOffset = kIpOffset + 20;

  PacketBuilder() = default;

  std::array<uint8_t, kHeaderSize> header_{};
  uint32_t ip_partial_sum_ = 0;  // IPv4 header words without checksum and addresses
  uint32_t frame_size_ = 0;
  uint32_t trailer_offset_ = 0;
};

}  // namespace turnout::pktgen
