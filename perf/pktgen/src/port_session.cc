#include "turnout/pktgen/port_session.h"

#include <rte_ethdev.h>
#include <rte_mbuf.h>

#include <unistd.h>

#include <chrono>
#include <thread>

#include "turnout/common/log.h"
#include "turnout/pktgen/connect_watchdog.h"
#include "turnout/pktgen/eal_args.h"
#include "turnout/pktgen/stop_signal.h"
#include "turnout/pktgen/vhost_sockets.h"

namespace turnout::pktgen {
namespace {

using Clock = std::chrono::steady_clock;

// Enough for the virtio rings (at most 1024 descriptors each), a burst in flight and the
// per-lcore cache, with room to spare.
constexpr unsigned kTxPoolMbufs = 8191;
constexpr unsigned kRxPoolMbufs = 8191;  // refills both ports' RX rings
// Packets in flight between the generator's TX ring and its sink ring are bounded by the TX
// descriptors plus what the switch holds (a burst of 32). Keeping that below the sink ring
// (virtio-user's default queue_size of 256) means a generator hiccup can never make the
// switch drop for lack of sink buffers (given a switch that holds at most a burst).
constexpr uint16_t kTxDescriptors = 128;
constexpr uint16_t kSinkDescriptors = 1024;  // as many as the device allows
constexpr auto kLinkPollInterval = std::chrono::milliseconds(10);
constexpr auto kLinkSettleTime = std::chrono::milliseconds(250);

std::string seconds_text(double seconds) { return strformat("%g s", seconds); }

Status check_ready(const Options& o, Clock::time_point deadline) {
  for (const std::string* path : {&o.tx_socket, &o.rx_socket}) {
    Status ready = o.switch_role == SwitchRole::kServer ? wait_for_listener(*path, deadline)
                                                        : remove_stale_socket(*path);
    if (!ready) return ready;
  }
  return {};
}

// Why a virtio-user device did not come out of rte_eal_init.
std::string missing_port_reason(const Options& o, const std::string& path, bool timed_out) {
  if (stop_requested()) return "interrupted while connecting to " + path;
  if (o.switch_role == SwitchRole::kClient)
    return timed_out ? "the switch did not connect to " + path + " within " +
                           seconds_text(o.connect_timeout_s)
                     : "cannot listen on " + path + " (see the DPDK log above)";
  return "cannot connect to " + path +
         (timed_out ? ": no vhost-user handshake within " + seconds_text(o.connect_timeout_s)
                    : ": vhost-user handshake failed (see the DPDK log above)");
}

std::string port_failure(const Options& o, const std::string& path, const std::string& what,
                         const ConnectWatchdog& watchdog) {
  if (stop_requested()) return "interrupted while connecting to " + path;
  if (watchdog.timed_out())
    return "no vhost-user handshake on " + path + " within " + seconds_text(o.connect_timeout_s) +
           " (" + what + ")";
  return path + ": " + what;
}

}  // namespace

Result<std::unique_ptr<PortSession>> PortSession::open(const Options& o) {
  const auto deadline =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(o.connect_timeout_s));
  if (o.switch_role == SwitchRole::kServer)
    LOG_INFO("pktgen", "connecting to %s and %s", o.tx_socket.c_str(), o.rx_socket.c_str());
  else
    LOG_INFO("pktgen", "waiting for the switch to connect to %s and %s", o.tx_socket.c_str(),
             o.rx_socket.c_str());
  if (Status ready = check_ready(o, deadline); !ready) return ready.error();

  std::unique_ptr<PortSession> session(new PortSession());
  if (o.switch_role == SwitchRole::kClient) session->own_sockets_ = {o.tx_socket, o.rx_socket};
  ConnectWatchdog watchdog(deadline, "timed out after " + seconds_text(o.connect_timeout_s) +
                                         " connecting to " + o.tx_socket + " and " + o.rx_socket);
  auto eal = EalSession::init(build_eal_args(o));
  if (!eal) return eal.error();
  session->eal_ = std::move(*eal);
  if (Status started = session->start_ports(o, watchdog); !started) return started.error();

  // Both links must be up before the first packet: a switch drops what arrives on a port
  // whose peer is not connected yet.
  while (!(session->tx_port_->link_up() && session->rx_port_->link_up())) {
    if (stop_requested()) return make_error("interrupted while waiting for the links");
    if (Clock::now() >= deadline) {
      const bool tx_up = session->tx_port_->link_up();
      return make_error("link to " + (tx_up ? o.rx_socket : o.tx_socket) +
                        " did not come up within " + seconds_text(o.connect_timeout_s));
    }
    std::this_thread::sleep_for(kLinkPollInterval);
  }
  // A link is up on our side once the last vhost-user message is acknowledged, which can
  // be before the switch has set the port up (DPDK vhost calls new_device after the ack,
  // on a control thread that may share our CPU). Sleep, not spin, so that thread can run.
  std::this_thread::sleep_for(kLinkSettleTime);
  return session;
}

PortSession::~PortSession() {
  tx_port_.reset();
  rx_port_.reset();
  for (const std::string& path : own_sockets_) ::unlink(path.c_str());
}

Status PortSession::start_ports(const Options& o, const ConnectWatchdog& watchdog) {
  uint16_t tx_id = 0;
  uint16_t rx_id = 0;
  if (rte_eth_dev_get_port_by_name(kTxPortName, &tx_id) != 0)
    return make_error(missing_port_reason(o, o.tx_socket, watchdog.timed_out()));
  if (rte_eth_dev_get_port_by_name(kRxPortName, &rx_id) != 0)
    return make_error(missing_port_reason(o, o.rx_socket, watchdog.timed_out()));

  const uint32_t tx_room = RTE_ALIGN_CEIL(RTE_PKTMBUF_HEADROOM + o.frame.size, RTE_CACHE_LINE_SIZE);
  auto tx_pool = create_mbuf_pool("pktgen_tx", kTxPoolMbufs, static_cast<uint16_t>(tx_room));
  if (!tx_pool) return tx_pool.error();
  tx_pool_ = std::move(*tx_pool);
  auto rx_pool = create_mbuf_pool("pktgen_rx", kRxPoolMbufs, RTE_MBUF_DEFAULT_BUF_SIZE);
  if (!rx_pool) return rx_pool.error();
  rx_pool_ = std::move(*rx_pool);

  // Starting a port runs the rest of the vhost-user handshake, which the watchdog bounds.
  auto tx_port = StartedPort::start(tx_id, rx_pool_.get(), kSinkDescriptors, kTxDescriptors);
  if (!tx_port) return make_error(port_failure(o, o.tx_socket, tx_port.message(), watchdog));
  tx_port_.emplace(std::move(*tx_port));
  auto rx_port = StartedPort::start(rx_id, rx_pool_.get(), kSinkDescriptors, kTxDescriptors);
  if (!rx_port) return make_error(port_failure(o, o.rx_socket, rx_port.message(), watchdog));
  rx_port_.emplace(std::move(*rx_port));
  return {};
}

}  // namespace turnout::pktgen
