#pragma once
// The running switch core: PMD threads, attached ports, rxq placement and forwarding
// state. Every method is called from the control thread only; PMDs see the result as
// published snapshots.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "turnout/common/result.h"
#include "turnout/dataplane/cycle_history.h"
#include "turnout/dataplane/mbuf_pools.h"
#include "turnout/dataplane/pmd_thread.h"
#include "turnout/dataplane/port.h"
#include "turnout/dataplane/port_runtime.h"
#include "turnout/dataplane/rxq_scheduler.h"
#include "turnout/dataplane/snapshot.h"

namespace turnout::dataplane {

struct DatapathConfig {
  std::vector<unsigned> pmd_cpus;
  // CPUs the process may use, read before EAL initialisation pins the calling thread.
  std::vector<unsigned> available_cpus;
  uint32_t pmd_sleep_max_us = 250;
  RxqAssignPolicy rxq_assign = RxqAssignPolicy::kCycles;
};

struct PmdReport {
  unsigned index = 0;
  unsigned cpu = 0;
  int numa = 0;
  std::string thread_name;
  uint32_t sleep_max_us = 0;
  PmdCounterValues since_clear;
  double seconds_since_clear = 0;
};

struct RxqReport {
  unsigned pmd_index = 0;
  uint32_t port_no = 0;
  std::string port_name;
  uint16_t queue = 0;
  double usage_pct = 0;  // share of the PMD's recent cycles spent on this queue
  uint64_t packets = 0;
};

struct PortReport {
  uint32_t port_no = 0;
  std::string name, devargs, driver;
  int numa = 0;
  LinkState link;
  uint32_t mtu = 0;
  uint16_t n_rxq = 0, n_txq = 0;
  bool txq_locked = false;
  std::optional<std::string> forward_to;
  uint64_t rx_packets = 0, rx_bytes = 0, tx_packets = 0, tx_bytes = 0;
  std::array<uint64_t, kDropReasonCount> drops{};
  rte_eth_stats device{};  // the driver's own view: errors, misses, mbuf shortages
};

class Datapath {
 public:
  static Result<std::unique_ptr<Datapath>> create(const DatapathConfig& config);
  ~Datapath();
  Datapath(const Datapath&) = delete;
  Datapath& operator=(const Datapath&) = delete;

  // Attaches and starts a port and gives its rx queues to PMDs without moving any
  // other queue; returns its port number.
  Result<uint32_t> add_port(const PortConfig& config);
  // Stops polling the port, waits until no PMD refers to it, then detaches it. Forward
  // entries to or from it go with it.
  Status remove_port(std::string_view name);

  Status set_forward(std::string_view in, std::string_view out);
  Status clear_forward(std::string_view in);

  // Reassigns every rx queue by measured cycles (or round-robin); returns a summary.
  Result<std::string> rebalance();
  void set_pmd_sleep_max_us(uint32_t us);
  // Closes a cycle-measurement interval; call every kSampleInterval.
  static constexpr auto kSampleInterval = std::chrono::seconds(5);
  void sample_cycles();

  void clear_pmd_stats();
  std::vector<PmdReport> pmd_reports() const;
  std::vector<RxqReport> rxq_reports() const;
  std::vector<PortReport> port_reports() const;
  std::vector<MbufPools::PoolInfo> pool_reports() const { return pools_.info(); }
  RxqAssignPolicy rxq_assign_policy() const { return config_.rxq_assign; }
  size_t port_count() const { return ports_.size(); }

 private:
  struct AttachedPort {
    std::unique_ptr<Port> port;
    std::unique_ptr<PortRuntime> runtime;
    std::vector<std::unique_ptr<RxqRuntime>> rxqs;
    std::vector<CycleHistory> rxq_history;
    std::optional<uint32_t> forward_to;
  };

  explicit Datapath(const DatapathConfig& config);
  AttachedPort* find(std::string_view name);
  const AttachedPort* find(std::string_view name) const;
  std::vector<RxqLoad> rxq_loads() const;
  std::vector<PmdSlot> pmd_slots() const;
  std::unique_ptr<Snapshot> build_snapshot(const RxqAssignment& assignment) const;
  // Publishes `next`; an rxq that changes PMD is first withdrawn from its old PMD (and
  // quiescence awaited) so no queue is ever polled by two threads at once.
  Status apply(const RxqAssignment& next);
  uint64_t pmd_total_cycles(unsigned pmd) const;

  DatapathConfig config_;
  MbufPools pools_;  // outlives ports_ (declared first, destroyed last)
  std::map<uint32_t, AttachedPort> ports_;  // by port number; iteration order = port slot
  SnapshotPublisher publisher_;
  std::vector<std::unique_ptr<PmdThread>> pmds_;
  std::vector<CycleHistory> pmd_history_;
  RxqAssignment assignment_;
  std::vector<PmdCounterValues> clear_baseline_;
  std::chrono::steady_clock::time_point cleared_at_;
};

}  // namespace turnout::dataplane
