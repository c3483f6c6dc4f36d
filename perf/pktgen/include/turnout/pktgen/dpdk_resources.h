#pragma once
// RAII for the DPDK objects the generator owns: the EAL, mbuf pools and started ports.
// Destroy in reverse order of creation: ports, then pools, then the EAL.

#include <rte_mempool.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "turnout/common/result.h"

namespace turnout::pktgen {

class EalSession {
 public:
  // rte_eal_init can run once per process; a second session is an error.
  static Result<std::unique_ptr<EalSession>> init(const std::vector<std::string>& args);
  ~EalSession();
  EalSession(const EalSession&) = delete;
  EalSession& operator=(const EalSession&) = delete;

 private:
  EalSession() = default;
};

struct MempoolDeleter {
  void operator()(rte_mempool* pool) const { rte_mempool_free(pool); }
};
using MempoolPtr = std::unique_ptr<rte_mempool, MempoolDeleter>;

// data_room includes RTE_PKTMBUF_HEADROOM. Every buffer starts zeroed.
Result<MempoolPtr> create_mbuf_pool(const std::string& name, unsigned mbufs, uint16_t data_room);

// An ethdev port configured with one RX and one TX queue, started, stopped and closed on
// destruction. Descriptor counts are upper bounds; virtio-user clamps them to its
// queue_size (256 by default).
class StartedPort {
 public:
  static Result<StartedPort> start(uint16_t port_id, rte_mempool* rx_pool,
                                   uint16_t rx_descriptors, uint16_t tx_descriptors);
  StartedPort(StartedPort&& other) noexcept;
  StartedPort& operator=(StartedPort&&) = delete;
  ~StartedPort();

  uint16_t id() const { return port_id_; }
  bool link_up() const;

 private:
  explicit StartedPort(uint16_t port_id) : port_id_(port_id) {}

  uint16_t port_id_;
  bool owned_ = true;
};

}  // namespace turnout::pktgen
