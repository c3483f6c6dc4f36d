#pragma once
// What each PMD polls and where it may send, as one immutable object. The control thread
// builds a new snapshot for every change and publishes it with an atomic pointer; each
// PMD reads the pointer once per iteration and reports the version it holds. An old
// snapshot (and anything only it referred to) is freed once every PMD reports a newer
// version: RCU with PMD iterations as the quiescent points.

#include <rte_spinlock.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "turnout/dataplane/port_runtime.h"

namespace turnout::dataplane {

// Where a PMD transmits to one port: its own txq, locked only if it must share it.
struct TxTarget {
  uint16_t port_id = 0;
  uint16_t txq = 0;
  rte_spinlock_t* lock = nullptr;
  PortRuntime* port = nullptr;
};

inline constexpr int16_t kNoOutput = -1;

struct RxqPoll {
  uint16_t port_id = 0;
  uint16_t queue = 0;
  PortRuntime* in = nullptr;
  RxqRuntime* rxq = nullptr;
  // Port-map forwarding: index into PmdPlan::tx, or kNoOutput. The flow cache replaces
  // this with a per-packet lookup whose actions index the same tx table.
  int16_t forward_slot = kNoOutput;
};

struct PmdPlan {
  std::vector<RxqPoll> rxqs;
  std::vector<TxTarget> tx;  // indexed by port slot (the port's position in the snapshot)
};

struct Snapshot {
  uint64_t version = 0;
  std::vector<PmdPlan> pmds;  // indexed by PMD index
};

// Per-PMD quiescence report, one cache line each.
struct alignas(64) QuiescentState {
  static constexpr uint64_t kOffline = UINT64_MAX;  // thread not running: holds nothing
  std::atomic<uint64_t> seen_version{kOffline};

  // Called by a reader before its first current(): from here on the publisher waits for
  // it. Sequentially consistent, paired with publish(): either the reader's first load
  // sees the new snapshot, or the publisher sees the reader online and waits for it.
  void come_online() { seen_version.store(0, std::memory_order_seq_cst); }
  void go_offline() { seen_version.store(kOffline, std::memory_order_release); }
};

class SnapshotPublisher {
 public:
  explicit SnapshotPublisher(unsigned n_pmds);
  ~SnapshotPublisher();

  // PMD side.
  const Snapshot* current() const { return current_.load(std::memory_order_seq_cst); }
  QuiescentState& quiescent(unsigned pmd) { return quiescent_[pmd]; }

  // Control side: installs `next` (its version is assigned here), waits until every
  // running PMD holds it, then frees the previous snapshot. Returns false if a PMD did
  // not pass a quiescent point within the timeout (the old snapshot is then kept alive).
  bool publish(std::unique_ptr<Snapshot> next);
  // Waits until every running PMD has passed a quiescent point after this call.
  bool synchronize();

  const Snapshot& latest() const { return *owned_; }

 private:
  std::atomic<const Snapshot*> current_{nullptr};
  std::unique_ptr<Snapshot> owned_;
  std::vector<std::unique_ptr<Snapshot>> leaked_;  // kept when a PMD was stuck
  std::unique_ptr<QuiescentState[]> quiescent_;
  unsigned n_pmds_;
  uint64_t next_version_ = 1;
};

}  // namespace turnout::dataplane
