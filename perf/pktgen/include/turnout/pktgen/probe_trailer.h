#pragma once
// The 20-byte probe trailer that ends every generated frame.
//
// It sits at the very end of the frame rather than right after the UDP header, so the sink
// finds it without parsing headers: a switch that adds or strips headers in front (VLAN,
// VXLAN encap/decap) or a later IPv6 builder does not move it. It fits a 64-byte frame
// with IPv4/UDP headers (42 bytes) and 2 bytes to spare.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace turnout::pktgen {

// Layout, host byte order (the generator is the only writer and the only reader):
//   offset  0  u32  magic
//   offset  4  u64  sequence number << 22 | flow index
//   offset 12  u64  TSC when the packet was built
inline constexpr size_t kProbeTrailerSize = 20;
inline constexpr uint32_t kProbeMagic = 0x6770'6e54;  // "Tnpg" in memory order
inline constexpr unsigned kProbeFlowBits = 22;
inline constexpr uint64_t kProbeMaxFlows = uint64_t{1} << kProbeFlowBits;  // 4M
// 42 bits of sequence number: wraps after 4.4e12 packets (40 hours at 30 Mpps).
inline constexpr uint64_t kProbeSeqMask = (uint64_t{1} << (64 - kProbeFlowBits)) - 1;

struct ProbeFields {
  uint64_t seq = 0;
  uint32_t flow = 0;
  uint64_t tx_tsc = 0;
};

inline void write_probe_trailer(uint8_t* at, uint64_t seq, uint32_t flow, uint64_t tx_tsc) {
  const uint32_t magic = kProbeMagic;
  const uint64_t seq_and_flow = (seq << kProbeFlowBits) | flow;
  std::memcpy(at, &magic, sizeof magic);
  std::memcpy(at + 4, &seq_and_flow, sizeof seq_and_flow);
  std::memcpy(at + 12, &tx_tsc, sizeof tx_tsc);
}

// False when the bytes do not start with the magic, i.e. the frame is not one of ours.
inline bool read_probe_trailer(const uint8_t* at, ProbeFields* out) {
  uint32_t magic;
  std::memcpy(&magic, at, sizeof magic);
  if (magic != kProbeMagic) return false;
  uint64_t seq_and_flow;
  std::memcpy(&seq_and_flow, at + 4, sizeof seq_and_flow);
  std::memcpy(&out->tx_tsc, at + 12, sizeof out->tx_tsc);
  out->seq = seq_and_flow >> kProbeFlowBits;
  out->flow = static_cast<uint32_t>(seq_and_flow & (kProbeMaxFlows - 1));
  return true;
}

}  // namespace turnout::pktgen
