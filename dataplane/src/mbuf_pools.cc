#include "turnout/dataplane/mbuf_pools.h"

#include <rte_errno.h>
#include <rte_mbuf.h>

#include <algorithm>
#include <bit>

#include "turnout/common/log.h"
#include "turnout/dataplane/limits.h"

namespace turnout::dataplane {
namespace {

constexpr uint32_t kMinPoolSize = 16384 - 1;  // mempools are most efficient at 2^n - 1
constexpr uint32_t kCacheSize = 256;
// Room for packets parked in per-PMD output batches and in flight in software.
constexpr uint32_t kSlack = 4096;

}  // namespace

uint32_t frame_size_for_mtu(uint32_t mtu) { return mtu + 14 + 2 * 4 + 4; }

uint32_t mbufs_needed(uint16_t n_rxq, uint16_t rxq_size, uint16_t n_txq, uint16_t txq_size,
                      unsigned n_pmds) {
  return uint32_t(n_rxq) * rxq_size + uint32_t(n_txq) * txq_size +
         n_pmds * (kBurstSize * 2 + kCacheSize);
}

Result<MbufPools::Lease> MbufPools::acquire(const MbufDemand& demand) {
  uint32_t data_room = std::max<uint32_t>(RTE_MBUF_DEFAULT_BUF_SIZE,
                                          RTE_PKTMBUF_HEADROOM + demand.frame_size);
  if (data_room > UINT16_MAX)
    return make_error("frame size " + std::to_string(demand.frame_size) +
                      " does not fit in one mbuf (max data room 65535)");
  for (auto& p : pools_) {
    if (p.socket == demand.socket && p.data_room == data_room &&
        p.reserved + demand.mbufs <= p.size) {
      p.reserved += demand.mbufs;
      return Lease{p.mp, demand.mbufs};
    }
  }
  uint32_t want = std::max(kMinPoolSize, demand.mbufs + kSlack);
  uint32_t size = std::bit_ceil(want + 1) - 1;
  std::string name = "tn_mp_" + std::to_string(demand.socket < 0 ? 0 : demand.socket) + "_" +
                     std::to_string(data_room) + "_" + std::to_string(pools_.size());
  rte_mempool* mp = rte_pktmbuf_pool_create(name.c_str(), size, kCacheSize, 0,
                                            static_cast<uint16_t>(data_room), demand.socket);
  if (!mp)
    return make_error("cannot create mbuf pool of " + std::to_string(size) + " mbufs x " +
                      std::to_string(data_room) + " bytes on socket " +
                      std::to_string(demand.socket) + ": " + rte_strerror(rte_errno) +
                      " (not enough free hugepages?)");
  LOG_INFO("mbuf", "created pool %s: %u mbufs of %u bytes on socket %d", name.c_str(), size,
           data_room, demand.socket);
  pools_.push_back(Pool{mp, demand.socket, data_room, size, demand.mbufs});
  return Lease{mp, demand.mbufs};
}

void MbufPools::release(const Lease& lease) {
  for (auto& p : pools_)
    if (p.mp == lease.pool) p.reserved -= std::min(p.reserved, lease.mbufs);
}

std::vector<MbufPools::PoolInfo> MbufPools::info() const {
  std::vector<PoolInfo> out;
  for (auto& p : pools_)
    out.push_back(PoolInfo{p.mp->name, p.socket, p.data_room, p.size, p.reserved,
                           rte_mempool_in_use_count(p.mp)});
  return out;
}

MbufPools::~MbufPools() {
  for (auto& p : pools_) rte_mempool_free(p.mp);
}

}  // namespace turnout::dataplane
