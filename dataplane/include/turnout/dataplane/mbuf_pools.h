#pragma once
// mbuf pools shared by ports on the same NUMA socket with the same buffer size, sized
// from what the ports attached to them can hold at once (rx rings, tx rings, per-PMD
// bursts and caches). A port that does not fit in an existing pool gets a new one, so
// adding ports at run time never starves ports already running.

#include <rte_mempool.h>

#include <cstdint>
#include <string>
#include <vector>

#include "turnout/common/result.h"

namespace turnout::dataplane {

struct MbufDemand {
  int socket = 0;            // NUMA socket of the port
  uint32_t frame_size = 0;   // largest L2 frame the port carries (MTU + headers)
  uint32_t mbufs = 0;        // mbufs the port may hold at once
};

// What a port with this configuration may hold at once.
uint32_t mbufs_needed(uint16_t n_rxq, uint16_t rxq_size, uint16_t n_txq, uint16_t txq_size,
                      unsigned n_pmds);

// Largest L2 frame for an MTU: Ethernet header + two VLAN tags + FCS.
uint32_t frame_size_for_mtu(uint32_t mtu);

class MbufPools {
 public:
  struct Lease {
    rte_mempool* pool = nullptr;
    uint32_t mbufs = 0;
  };

  MbufPools() = default;
  MbufPools(const MbufPools&) = delete;
  MbufPools& operator=(const MbufPools&) = delete;
  ~MbufPools();

  Result<Lease> acquire(const MbufDemand& demand);
  void release(const Lease& lease);

  struct PoolInfo {
    std::string name;
    int socket;
    uint32_t data_room;
    uint32_t size;
    uint32_t reserved;
    uint32_t in_use;  // mbufs currently allocated (not in the pool or its caches)
  };
  std::vector<PoolInfo> info() const;

 private:
  struct Pool {
    rte_mempool* mp;
    int socket;
    uint32_t data_room;
    uint32_t size;
    uint32_t reserved;
  };
  std::vector<Pool> pools_;
};

}  // namespace turnout::dataplane
