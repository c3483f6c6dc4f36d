#include "turnout/dataplane/port.h"

#include <rte_bus.h>
#include <rte_dev.h>
#include <rte_errno.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "turnout/common/log.h"
#include "turnout/common/parse.h"
#include "turnout/common/unique_fd.h"

namespace turnout::dataplane {
namespace {

std::string errno_text(int err) { return rte_strerror(err < 0 ? -err : err); }

// A vhost-user server socket path is busy if something accepts on it; a leftover file
// from a dead process is removed so the new port can bind.
Status claim_vhost_server_socket(const std::string& devargs) {
  auto parts = split(devargs, ',');
  if (parts.empty() || !parts[0].starts_with("net_vhost")) return {};
  std::string iface;
  bool client = false;
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].starts_with("iface=")) iface = parts[i].substr(6);
    if (parts[i] == "client=1") client = true;
  }
  if (iface.empty() || client) return {};
  struct stat st;
  if (stat(iface.c_str(), &st) != 0) return {};
  if (!S_ISSOCK(st.st_mode))
    return make_error("vhost-user socket path " + iface + " exists and is not a socket");
  UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (iface.size() >= sizeof addr.sun_path)
    return make_error("vhost-user socket path " + iface + " is too long");
  std::memcpy(addr.sun_path, iface.c_str(), iface.size());
  if (connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0)
    return make_error("vhost-user socket path " + iface +
                      " is busy (another process is listening on it)");
  LOG_INFO("port", "removing stale vhost-user socket %s", iface.c_str());
  unlink(iface.c_str());
  return {};
}

Result<uint16_t> find_port(const std::string& devargs) {
  uint16_t port_id;
  rte_dev_iterator it;
  RTE_ETH_FOREACH_MATCHING_DEV(port_id, devargs.c_str(), &it) {
    rte_eth_iterator_cleanup(&it);
    return port_id;
  }
  return make_error("no ethdev port for '" + devargs + "'");
}

}  // namespace

Status apply_port_options(PortConfig& config, std::string_view options) {
  auto kv = parse_key_values(options);
  if (!kv) return kv.error();
  for (auto& [key, value] : *kv) {
    auto bad = [&](const Error& e) {
      return make_error("port " + config.name + ": " + key + ": " + e.message);
    };
    if (key == "n_rxq" || key == "n_txq") {
      auto n = parse_uint(value, key == "n_rxq" ? 1 : 0, 1024);
      if (!n) return bad(n.error());
      (key == "n_rxq" ? config.n_rxq : config.n_txq) = static_cast<uint16_t>(*n);
    } else if (key == "rxq_size" || key == "txq_size") {
      auto n = parse_uint(value, 32, 32768);
      if (!n) return bad(n.error());
      (key == "rxq_size" ? config.rxq_size : config.txq_size) = static_cast<uint16_t>(*n);
    } else if (key == "mtu") {
      auto n = parse_uint(value, 68, 9710);
      if (!n) return bad(n.error());
      config.mtu = static_cast<uint32_t>(*n);
    } else {
      return make_error("port " + config.name + ": unknown option '" + key +
                        "' (known: n_rxq, n_txq, rxq_size, txq_size, mtu)");
    }
  }
  return {};
}

Result<std::unique_ptr<Port>> Port::open(const PortConfig& config, MbufPools& pools,
                                         unsigned n_pmds) {
  if (config.devargs.empty()) return make_error("port " + config.name + ": empty devargs");
  std::unique_ptr<Port> port(new Port());
  port->config_ = config;
  port->device_name_ = split(config.devargs, ',')[0];
  port->pools_ = &pools;
  auto fail = [&](const std::string& what) {
    return make_error("port " + config.name + " (" + port->device_name_ + "): " + what);
  };

  if (find_port(config.devargs))
    return fail("device is already attached");
  if (auto claimed = claim_vhost_server_socket(config.devargs); !claimed)
    return fail(claimed.message());
  if (int rc = rte_dev_probe(config.devargs.c_str()); rc < 0)
    return fail("cannot attach device: " + errno_text(rc) +
                (rc == -EINVAL || rc == -ENOENT || rc == -ENODEV
                     ? " (unknown device or driver, or bad devargs)"
                     : ""));
  auto port_id = find_port(config.devargs);
  if (!port_id) {
    // Probed but produced no ethdev (e.g. a non-network device): undo the probe.
    rte_eal_hotplug_remove("vdev", port->device_name_.c_str());
    return fail("device attached but is not an ethernet port");
  }
  port->port_id_ = *port_id;
  port->attached_ = true;  // from here on the destructor detaches the device

  rte_eth_dev_info info;
  if (int rc = rte_eth_dev_info_get(port->port_id_, &info); rc != 0)
    return fail("cannot read device info: " + errno_text(rc));
  port->driver_ = info.driver_name ? info.driver_name : "?";
  int socket = rte_eth_dev_socket_id(port->port_id_);
  port->socket_ = socket < 0 ? 0 : socket;

  if (config.n_rxq > info.max_rx_queues)
    return fail("n_rxq " + std::to_string(config.n_rxq) + " exceeds the device's " +
                std::to_string(info.max_rx_queues) + " rx queues");
  uint16_t want_txq = config.n_txq ? config.n_txq : static_cast<uint16_t>(n_pmds);
  if (config.n_txq > info.max_tx_queues)
    return fail("n_txq " + std::to_string(config.n_txq) + " exceeds the device's " +
                std::to_string(info.max_tx_queues) + " tx queues");
  port->n_rxq_ = config.n_rxq;
  port->n_txq_ = std::max<uint16_t>(1, std::min<uint16_t>(want_txq, info.max_tx_queues));

  uint32_t frame = frame_size_for_mtu(config.mtu);
  if (config.mtu > info.max_mtu || config.mtu < info.min_mtu)
    return fail("mtu " + std::to_string(config.mtu) + " is outside the device's range [" +
                std::to_string(info.min_mtu) + ", " + std::to_string(info.max_mtu) + "]");

  uint16_t rx_desc = config.rxq_size, tx_desc = config.txq_size;
  rte_eth_conf conf{};
  if (int rc = rte_eth_dev_configure(port->port_id_, port->n_rxq_, port->n_txq_, &conf); rc < 0)
    return fail("cannot configure queues: " + errno_text(rc));
  rte_eth_dev_adjust_nb_rx_tx_desc(port->port_id_, &rx_desc, &tx_desc);

  auto lease = pools.acquire(MbufDemand{
      port->socket_, frame,
      mbufs_needed(port->n_rxq_, rx_desc, port->n_txq_, tx_desc, n_pmds)});
  if (!lease) return fail(lease.message());
  port->lease_ = *lease;

  for (uint16_t q = 0; q < port->n_rxq_; ++q)
    if (int rc = rte_eth_rx_queue_setup(port->port_id_, q, rx_desc, port->socket_, nullptr,
                                        port->lease_.pool);
        rc < 0)
      return fail("cannot set up rx queue " + std::to_string(q) + ": " + errno_text(rc));
  for (uint16_t q = 0; q < port->n_txq_; ++q)
    if (int rc = rte_eth_tx_queue_setup(port->port_id_, q, tx_desc, port->socket_, nullptr);
        rc < 0)
      return fail("cannot set up tx queue " + std::to_string(q) + ": " + errno_text(rc));

  if (int rc = rte_eth_dev_set_mtu(port->port_id_, static_cast<uint16_t>(config.mtu)); rc < 0) {
    // Software ports (vhost, ring, null) have no MTU to program; the mbuf size above is
    // what bounds them.
    if (rc != -ENOTSUP) return fail("cannot set mtu " + std::to_string(config.mtu) + ": " +
                                    errno_text(rc));
  }
  if (int rc = rte_eth_dev_start(port->port_id_); rc < 0)
    return fail("cannot start device: " + errno_text(rc));
  port->started_ = true;
  rte_eth_promiscuous_enable(port->port_id_);  // a switch port sees every frame

  LOG_INFO("port", "port %s: %s (driver %s, socket %d) rxq %u x %u, txq %u x %u, mtu %u",
           config.name.c_str(), config.devargs.c_str(), port->driver_.c_str(), port->socket_,
           port->n_rxq_, rx_desc, port->n_txq_, tx_desc, config.mtu);
  return port;
}

Port::~Port() {
  if (!attached_) return;
  rte_eth_dev_info info;
  rte_device* device = nullptr;
  if (rte_eth_dev_info_get(port_id_, &info) == 0) device = info.device;
  if (started_) {
    // Some drivers (net_ring) free their queues on close without freeing the mbufs in
    // them; no PMD polls the port any more, so take what is left back to the pool.
    uint64_t drained = drain_rx_queues();
    if (drained)
      LOG_INFO("port", "port %s: freed %llu packets left in its rx queues", name().c_str(),
               static_cast<unsigned long long>(drained));
    if (int rc = rte_eth_dev_stop(port_id_); rc < 0)
      LOG_WARN("port", "port %s: stop failed: %s", name().c_str(), errno_text(rc).c_str());
  }
  rte_eth_dev_close(port_id_);
  if (device) {
    if (int rc = rte_dev_remove(device); rc < 0)
      LOG_WARN("port", "port %s: detach failed: %s", name().c_str(), errno_text(rc).c_str());
  }
  if (lease_.pool) pools_->release(lease_);
  LOG_INFO("port", "port %s detached", name().c_str());
}

uint64_t Port::drain_rx_queues() {
  // Bounded: a packet source such as net_null never runs dry.
  constexpr unsigned kMaxBurstsPerQueue = 4096;
  uint64_t total = 0;
  rte_mbuf* pkts[32];
  for (uint16_t q = 0; q < n_rxq_; ++q) {
    for (unsigned i = 0; i < kMaxBurstsPerQueue; ++i) {
      uint16_t n = rte_eth_rx_burst(port_id_, q, pkts, 32);
      if (n == 0) break;
      rte_pktmbuf_free_bulk(pkts, n);
      total += n;
    }
  }
  return total;
}

LinkState Port::link() const {
  rte_eth_link link{};
  LinkState out;
  if (rte_eth_link_get_nowait(port_id_, &link) == 0) {
    out.up = link.link_status == RTE_ETH_LINK_UP;
    out.speed_mbps = link.link_speed == RTE_ETH_SPEED_NUM_UNKNOWN ? 0 : link.link_speed;
    out.full_duplex = link.link_duplex == RTE_ETH_LINK_FULL_DUPLEX;
  }
  return out;
}

rte_eth_stats Port::device_stats() const {
  rte_eth_stats stats{};
  rte_eth_stats_get(port_id_, &stats);
  return stats;
}

rte_ether_addr Port::mac() const {
  rte_ether_addr mac{};
  rte_eth_macaddr_get(port_id_, &mac);
  return mac;
}

}  // namespace turnout::dataplane
