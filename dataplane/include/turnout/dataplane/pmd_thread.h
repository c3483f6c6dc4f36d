#pragma once
// A poll-mode driver thread: pinned to one CPU, it polls the rx queues its snapshot
// plan names, forwards each burst, and backs off into short sleeps when idle.

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "turnout/common/result.h"
#include "turnout/dataplane/counter.h"
#include "turnout/dataplane/drop_reason.h"
#include "turnout/dataplane/limits.h"
#include "turnout/dataplane/snapshot.h"

namespace turnout::dataplane {

// Cumulative since the thread started; written only by the PMD.
struct alignas(kCacheLine) PmdCounters {
  Counter rx_packets;
  Counter tx_packets;
  Counter tx_bursts;       // non-empty tx_burst calls (packets per output batch)
  std::array<Counter, kDropReasonCount> drops;
  Counter busy_cycles;     // polls that returned packets, and their processing
  Counter idle_cycles;     // empty polls and sleeps
  Counter sleep_cycles;    // part of idle_cycles spent sleeping
  Counter iterations;
};

struct PmdCounterValues {
  uint64_t rx_packets = 0, tx_packets = 0, tx_bursts = 0;
  std::array<uint64_t, kDropReasonCount> drops{};
  uint64_t busy_cycles = 0, idle_cycles = 0, sleep_cycles = 0, iterations = 0;

  static PmdCounterValues read(const PmdCounters& c);
  PmdCounterValues operator-(const PmdCounterValues& base) const;
};

class PmdThread {
 public:
  PmdThread(unsigned index, unsigned cpu, int numa, SnapshotPublisher& publisher,
            uint32_t sleep_max_us);
  ~PmdThread();
  PmdThread(const PmdThread&) = delete;
  PmdThread& operator=(const PmdThread&) = delete;

  // Starts the thread; fails if it cannot be pinned to its CPU or registered with DPDK.
  Status start();
  void stop();

  unsigned index() const { return index_; }
  unsigned cpu() const { return cpu_; }
  int numa() const { return numa_; }
  std::string thread_name() const { return "pmd-c" + std::to_string(cpu_); }
  const PmdCounters& counters() const { return counters_; }
  void set_sleep_max_us(uint32_t us) { sleep_max_us_.store(us, std::memory_order_relaxed); }
  uint32_t sleep_max_us() const { return sleep_max_us_.load(std::memory_order_relaxed); }

 private:
  void run(std::atomic<int>* start_status);

  const unsigned index_;
  const unsigned cpu_;
  const int numa_;
  SnapshotPublisher& publisher_;
  std::atomic<uint32_t> sleep_max_us_;
  std::atomic<bool> stop_{false};
  PmdCounters counters_;
  std::thread thread_;
};

}  // namespace turnout::dataplane
