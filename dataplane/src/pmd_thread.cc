#include "turnout/dataplane/pmd_thread.h"

#include <pthread.h>
#include <rte_cycles.h>
#include <rte_lcore.h>
#include <sys/prctl.h>
#include <time.h>

#include <cstring>

#include "forward.h"
#include "turnout/common/log.h"

namespace turnout::dataplane {
namespace {

// Empty iterations before the first sleep: a few microseconds of spinning absorbs gaps
// between bursts without paying a wake-up.
constexpr uint64_t kSpinIterationsBeforeSleep = 256;

void sleep_us(uint32_t us) {
  timespec ts{0, static_cast<long>(us) * 1000};
  nanosleep(&ts, nullptr);
}

}  // namespace

PmdCounterValues PmdCounterValues::read(const PmdCounters& c) {
  PmdCounterValues v;
  v.rx_packets = c.rx_packets.get();
  v.tx_packets = c.tx_packets.get();
  v.tx_bursts = c.tx_bursts.get();
  for (unsigned i = 0; i < kDropReasonCount; ++i) v.drops[i] = c.drops[i].get();
  v.busy_cycles = c.busy_cycles.get();
  v.idle_cycles = c.idle_cycles.get();
  v.sleep_cycles = c.sleep_cycles.get();
  v.iterations = c.iterations.get();
  return v;
}

PmdCounterValues PmdCounterValues::operator-(const PmdCounterValues& b) const {
  PmdCounterValues v;
  v.rx_packets = rx_packets - b.rx_packets;
  v.tx_packets = tx_packets - b.tx_packets;
  v.tx_bursts = tx_bursts - b.tx_bursts;
  for (unsigned i = 0; i < kDropReasonCount; ++i) v.drops[i] = drops[i] - b.drops[i];
  v.busy_cycles = busy_cycles - b.busy_cycles;
  v.idle_cycles = idle_cycles - b.idle_cycles;
  v.sleep_cycles = sleep_cycles - b.sleep_cycles;
  v.iterations = iterations - b.iterations;
  return v;
}

PmdThread::PmdThread(unsigned index, unsigned cpu, int numa, SnapshotPublisher& publisher,
                     uint32_t sleep_max_us)
    : index_(index), cpu_(cpu), numa_(numa), publisher_(publisher), sleep_max_us_(sleep_max_us) {}

PmdThread::~PmdThread() { stop(); }

Status PmdThread::start() {
  std::atomic<int> status{0};  // 0 pending, 1 running, <0 failed
  thread_ = std::thread([this, &status] { run(&status); });
  while (status.load(std::memory_order_acquire) == 0) std::this_thread::yield();
  int s = status.load();
  if (s < 0) {
    thread_.join();
    if (s == -1) return make_error("cannot pin PMD thread to CPU " + std::to_string(cpu_));
    return make_error("cannot register PMD thread on CPU " + std::to_string(cpu_) +
                      " with DPDK (too many lcores?)");
  }
  return {};
}

void PmdThread::stop() {
  if (!thread_.joinable()) return;
  stop_.store(true, std::memory_order_relaxed);
  thread_.join();
}

void PmdThread::run(std::atomic<int>* start_status) {
  pthread_setname_np(pthread_self(), thread_name().c_str());
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu_, &set);
  if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) {
    start_status->store(-1, std::memory_order_release);
    return;
  }
  // Registering gives the thread an lcore id, hence its own mempool cache.
  if (rte_thread_register() != 0) {
    start_status->store(-2, std::memory_order_release);
    return;
  }
  // Without this the kernel rounds every short sleep up by ~50 us.
  prctl(PR_SET_TIMERSLACK, 1UL);
  LOG_INFO("pmd", "PMD %u running on CPU %u (NUMA %d, lcore %u)", index_, cpu_, numa_,
           rte_lcore_id());
  start_status->store(1, std::memory_order_release);

  QuiescentState& quiescent = publisher_.quiescent(index_);
  quiescent.come_online();
  PmdCounters& c = counters_;
  uint64_t empty_iterations = 0;
  uint32_t sleep = 0;
  uint64_t last = rte_rdtsc();
  rte_mbuf* pkts[kBurstSize];

  while (!stop_.load(std::memory_order_relaxed)) {
    const Snapshot* snap = publisher_.current();
    quiescent.seen_version.store(snap->version, std::memory_order_release);
    const PmdPlan& plan = snap->pmds[index_];

    uint32_t received = 0;
    for (const RxqPoll& poll : plan.rxqs) {
      uint16_t n = rte_eth_rx_burst(poll.port_id, poll.queue, pkts, kBurstSize);
      if (n) fastpath::forward_burst(plan, poll, pkts, n, index_, c);
      uint64_t now = rte_rdtsc();
      if (n) {
        c.busy_cycles.add(now - last);
        poll.rxq->busy_cycles.add(now - last);
        received += n;
      } else {
        c.idle_cycles.add(now - last);
      }
      last = now;
    }
    c.iterations.add(1);

    if (received) {
      empty_iterations = 0;
      sleep = 0;
      continue;
    }
    uint32_t sleep_max = sleep_max_us_.load(std::memory_order_relaxed);
    // A PMD with nothing to poll never spins, whatever the configured back-off.
    if (plan.rxqs.empty()) sleep_max = std::max<uint32_t>(sleep_max, 1000);
    if (sleep_max == 0 || ++empty_iterations < kSpinIterationsBeforeSleep) continue;
    sleep = sleep ? std::min(sleep * 2, sleep_max) : 1;
    sleep_us(sleep);
    uint64_t now = rte_rdtsc();
    c.sleep_cycles.add(now - last);
    c.idle_cycles.add(now - last);
    last = now;
  }
  quiescent.go_offline();
  rte_thread_unregister();
  LOG_INFO("pmd", "PMD %u on CPU %u stopped", index_, cpu_);
}

}  // namespace turnout::dataplane
