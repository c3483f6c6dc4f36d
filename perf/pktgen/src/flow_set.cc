#include "turnout/pktgen/flow_set.h"

#include <algorithm>

namespace turnout::pktgen {

FlowSet::FlowSet(uint32_t count)
    : count_(count), address_pairs_(std::min(count, kAddressPairs)) {}

FlowTuple FlowSet::tuple(uint32_t flow) const {
  const uint32_t address_step = flow % address_pairs_;
  const uint32_t port_step = flow / address_pairs_;
  return FlowTuple{
      .src_ip = kFirstSrcIp - address_step,
      .dst_ip = kFirstDstIp + address_step,
      .src_port = static_cast<uint16_t>(kBasePort + port_step),
      .dst_port = kBasePort,
  };
}

}  // namespace turnout::pktgen
