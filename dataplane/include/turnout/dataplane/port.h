#pragma once
// One DPDK ethdev (PCI NIC, net_vhost, net_virtio_user, net_ring, net_null, net_tap,
// net_af_packet, net_pcap, ...), attached by devargs and configured for the PMDs.
// Owning a Port means owning the device: destruction stops, closes and detaches it.

#include <rte_ethdev.h>

#include <cstdint>
#include <memory>
#include <string>

#include "turnout/common/result.h"
#include "turnout/dataplane/mbuf_pools.h"

namespace turnout::dataplane {

struct PortConfig {
  std::string name;      // the operator's name for the port, e.g. "vh0"
  std::string devargs;   // DPDK devargs, e.g. "net_vhost0,iface=/run/vh0.sock,queues=2"
  uint16_t n_rxq = 1;
  uint16_t n_txq = 0;    // 0: one per PMD (capped by the device)
  uint16_t rxq_size = 1024;
  uint16_t txq_size = 1024;
  uint32_t mtu = 1500;
};

// Applies "key=value,..." settings (n_rxq, n_txq, rxq_size, txq_size, mtu) to a config.
Status apply_port_options(PortConfig& config, std::string_view options);

struct LinkState {
  bool up = false;
  uint32_t speed_mbps = 0;
  bool full_duplex = false;
};

class Port {
 public:
  static Result<std::unique_ptr<Port>> open(const PortConfig& config, MbufPools& pools,
                                            unsigned n_pmds);
  ~Port();
  Port(const Port&) = delete;
  Port& operator=(const Port&) = delete;

  const PortConfig& config() const { return config_; }
  const std::string& name() const { return config_.name; }
  uint16_t port_id() const { return port_id_; }
  uint16_t n_rxq() const { return n_rxq_; }
  uint16_t n_txq() const { return n_txq_; }
  int numa_socket() const { return socket_; }
  const std::string& driver() const { return driver_; }
  LinkState link() const;
  rte_eth_stats device_stats() const;
  rte_ether_addr mac() const;

 private:
  Port() = default;
  // Frees whatever the rx queues still hold; only once no PMD polls the port.
  uint64_t drain_rx_queues();
  PortConfig config_;
  std::string device_name_;
  std::string driver_;
  uint16_t port_id_ = 0;
  uint16_t n_rxq_ = 0;
  uint16_t n_txq_ = 0;
  int socket_ = 0;
  MbufPools* pools_ = nullptr;
  MbufPools::Lease lease_;
  bool attached_ = false;
  bool started_ = false;
};

}  // namespace turnout::dataplane
