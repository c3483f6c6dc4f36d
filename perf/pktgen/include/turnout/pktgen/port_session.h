#pragma once
// Everything the traffic loop needs from DPDK, brought up and connected: the EAL, the mbuf
// pools and both net_virtio_user ports with their vhost-user links up. All of it must
// happen within --connect-timeout; failures come back as one clear line.

#include <rte_mempool.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "turnout/common/result.h"
#include "turnout/pktgen/connect_watchdog.h"
#include "turnout/pktgen/dpdk_resources.h"
#include "turnout/pktgen/options.h"

namespace turnout::pktgen {

class PortSession {
 public:
  static Result<std::unique_ptr<PortSession>> open(const Options& options);
  ~PortSession();
  PortSession(const PortSession&) = delete;
  PortSession& operator=(const PortSession&) = delete;

  uint16_t tx_port() const { return tx_port_->id(); }
  uint16_t rx_port() const { return rx_port_->id(); }
  rte_mempool* tx_pool() const { return tx_pool_.get(); }

 private:
  PortSession() = default;

  Status start_ports(const Options& options, const ConnectWatchdog& watchdog);

  // Declaration order is destruction order in reverse: ports, pools, then the EAL.
  std::unique_ptr<EalSession> eal_;
  MempoolPtr tx_pool_;
  MempoolPtr rx_pool_;
  std::optional<StartedPort> tx_port_;
  std::optional<StartedPort> rx_port_;
  // Socket files the generator listened on (switch-is-client role), removed at the end.
  std::vector<std::string> own_sockets_;
};

}  // namespace turnout::pktgen
