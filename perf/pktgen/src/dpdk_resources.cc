#include "turnout/pktgen/dpdk_resources.h"

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include <atomic>
#include <cstring>

namespace turnout::pktgen {
namespace {

constexpr unsigned kPoolCacheSize = 256;

std::string port_error(uint16_t port_id, const char* step, int code) {
  return std::string(step) + " failed on port " + std::to_string(port_id) + ": " +
         rte_strerror(-code);
}

}  // namespace

Result<std::unique_ptr<EalSession>> EalSession::init(const std::vector<std::string>& args) {
  static std::atomic<bool> initialised{false};
  if (initialised.exchange(true)) return make_error("the DPDK EAL is already initialised");
  // rte_eal_init may keep pointers into argv, so the strings live as long as the process.
  static std::vector<std::string> kept_args;
  static std::vector<char*> argv;
  kept_args = args;
  for (std::string& arg : kept_args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  if (rte_eal_init(static_cast<int>(kept_args.size()), argv.data()) < 0)
    return make_error(std::string("DPDK EAL initialisation failed: ") + rte_strerror(rte_errno));
  return std::unique_ptr<EalSession>(new EalSession());
}

EalSession::~EalSession() { rte_eal_cleanup(); }

Result<MempoolPtr> create_mbuf_pool(const std::string& name, unsigned mbufs, uint16_t data_room) {
  MempoolPtr pool(rte_pktmbuf_pool_create(name.c_str(), mbufs, kPoolCacheSize, 0, data_room,
                                          static_cast<int>(rte_socket_id())));
  if (!pool)
    return make_error("cannot create mbuf pool " + name + " (" + std::to_string(mbufs) +
                      " mbufs): " + rte_strerror(rte_errno) + "; try a larger --mem");
  // The generator writes only headers and trailer, so the filler between them must start
  // out deterministic.
  rte_mempool_obj_iter(
      pool.get(),
      [](rte_mempool*, void*, void* object, unsigned) {
        auto* mbuf = static_cast<rte_mbuf*>(object);
        std::memset(mbuf->buf_addr, 0, mbuf->buf_len);
      },
      nullptr);
  return pool;
}

Result<StartedPort> StartedPort::start(uint16_t port_id, rte_mempool* rx_pool,
                                       uint16_t rx_descriptors, uint16_t tx_descriptors) {
  StartedPort port(port_id);
  rte_eth_conf config = {};
  if (int rc = rte_eth_dev_configure(port_id, 1, 1, &config); rc < 0)
    return make_error(port_error(port_id, "rte_eth_dev_configure", rc));
  if (int rc = rte_eth_dev_adjust_nb_rx_tx_desc(port_id, &rx_descriptors, &tx_descriptors); rc < 0)
    return make_error(port_error(port_id, "rte_eth_dev_adjust_nb_rx_tx_desc", rc));
  const int socket = rte_eth_dev_socket_id(port_id);
  const unsigned socket_id = socket < 0 ? SOCKET_ID_ANY : static_cast<unsigned>(socket);
  if (int rc = rte_eth_rx_queue_setup(port_id, 0, rx_descriptors, socket_id, nullptr, rx_pool);
      rc < 0)
    return make_error(port_error(port_id, "rte_eth_rx_queue_setup", rc));
  if (int rc = rte_eth_tx_queue_setup(port_id, 0, tx_descriptors, socket_id, nullptr); rc < 0)
    return make_error(port_error(port_id, "rte_eth_tx_queue_setup", rc));
  if (int rc = rte_eth_dev_start(port_id); rc < 0)
    return make_error(port_error(port_id, "rte_eth_dev_start", rc));
  // The switch may forward frames for other MACs (flooding); they must reach the sink.
  // virtio-user without a control queue cannot filter anyway, so a refusal is harmless.
  (void)rte_eth_promiscuous_enable(port_id);
  return port;
}

StartedPort::StartedPort(StartedPort&& other) noexcept
    : port_id_(other.port_id_), owned_(std::exchange(other.owned_, false)) {}

StartedPort::~StartedPort() {
  if (!owned_) return;
  (void)rte_eth_dev_stop(port_id_);
  (void)rte_eth_dev_close(port_id_);
}

bool StartedPort::link_up() const {
  rte_eth_link link = {};
  return rte_eth_link_get_nowait(port_id_, &link) == 0 && link.link_status == RTE_ETH_LINK_UP;
}

}  // namespace turnout::pktgen
