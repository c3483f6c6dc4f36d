#pragma once
// The EAL command line the generator hands to rte_eal_init: one lcore, no PCI, memory
// kept in memfds (--in-memory --single-file-segments) so the vhost-user backend can map it,
// and the two net_virtio_user ports (port 0 = TX, port 1 = RX sink).

#include <string>
#include <vector>

#include "turnout/pktgen/options.h"

namespace turnout::pktgen {

inline constexpr const char* kTxPortName = "net_virtio_user0";
inline constexpr const char* kRxPortName = "net_virtio_user1";

std::vector<std::string> build_eal_args(const Options& options);

}  // namespace turnout::pktgen
