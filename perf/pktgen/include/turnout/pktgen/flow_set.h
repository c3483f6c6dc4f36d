#pragma once
// Which IPv4/UDP 5-tuple each flow index stands for.
//
// Flow i uses dst IP 198.18.0.0 + k and src IP 198.19.255.255 - k with k = i mod P, where
// P = min(flows, 131072), so both addresses stay inside the RFC 2544 benchmark range
// 198.18.0.0/15. Beyond 131072 flows the addresses repeat and the UDP source port
// (1024 + i / P) tells the flows apart. The UDP destination port is always 1024.

#include <cstdint>

namespace turnout::pktgen {

struct FlowTuple {  // host byte order
  uint32_t src_ip = 0;
  uint32_t dst_ip = 0;
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  bool operator==(const FlowTuple&) const = default;
};

class FlowSet {
 public:
  static constexpr uint32_t kMaxFlows = 1u << 22;
  static constexpr uint32_t kAddressPairs = 1u << 17;  // addresses in a /15
  static constexpr uint32_t kFirstDstIp = (198u << 24) | (18u << 16);             // 198.18.0.0
  static constexpr uint32_t kFirstSrcIp = (198u << 24) | (19u << 16) | 0xffffu;  // 198.19.255.255
  static constexpr uint16_t kBasePort = 1024;

  // count must be in [1, kMaxFlows]; options validate it.
  explicit FlowSet(uint32_t count);

  uint32_t count() const { return count_; }
  // Distinct address pairs in use; flows that share a pair differ in the source port.
  uint32_t address_pairs() const { return address_pairs_; }
  FlowTuple tuple(uint32_t flow) const;

 private:
  uint32_t count_;
  uint32_t address_pairs_;
};

// Walks the flows round-robin without a division per packet.
class FlowCursor {
 public:
  explicit FlowCursor(const FlowSet& flows)
      : count_(flows.count()), address_pairs_(flows.address_pairs()) {}

  uint32_t flow() const { return flow_; }
  uint32_t address_step() const { return address_step_; }  // flow mod address_pairs
  uint32_t port_step() const { return port_step_; }        // flow / address_pairs

  void advance() {
    if (++flow_ == count_) {
      flow_ = address_step_ = port_step_ = 0;
    } else if (++address_step_ == address_pairs_) {
      address_step_ = 0;
      ++port_step_;
    }
  }

 private:
  uint32_t count_;
  uint32_t address_pairs_;
  uint32_t flow_ = 0;
  uint32_t address_step_ = 0;
  uint32_t port_step_ = 0;
};

}  // namespace turnout::pktgen
