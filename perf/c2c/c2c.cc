// turnout-c2c: core-to-core cache-line ping-pong probe.
//
// Two threads, pinned to --cpu-a and --cpu-b, bounce one cache line back and forth and
// time the round trips. On a small VM the cost of vhost-user forwarding follows how the
// host currently places the vCPUs (same CCX / other CCX / other die), and this probe is the
// cheapest way to see that placement. perf/run.sh runs it right before every measurement
// and labels the run with the mode printed here.
//
// The RTT is the median over batches of --batch round trips, not the total time divided by
// the number of round trips: when the switch's PMD is busy-polling on --cpu-b, the pong
// thread only gets part of that CPU, and the batches in which it was descheduled are
// outliers that the median ignores. c2c_mean_ns (total time / round trips) is also printed;
// it is what a naive probe would report and is inflated by such time sharing (about 2x
// beside a busy-polling thread).
//
// Output (one line): c2c_rtt_ns=X c2c_p10_ns=X c2c_p90_ns=X c2c_mean_ns=X c2c_samples=N
//                    c2c_mode=fast|middle|slow cpu_a=A cpu_b=B
// Exit status: 0 ok, 1 the pong side never answered (timeout), 2 usage/pinning error.

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <boost/program_options.hpp>

namespace {

using Clock = std::chrono::steady_clock;

struct alignas(64) Line {
  std::atomic<uint64_t> value{0};
};

Line g_token;  // the bounced line: ping writes odd values, pong answers with value + 1
Line g_stop;   // written once at the end; read-shared while the probe runs

bool pin_self(unsigned cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(pthread_self(), sizeof(set), &set) == 0;
}

void pong(unsigned cpu, std::atomic<int>* pinned) {
  if (!pin_self(cpu)) {
    pinned->store(-1);
    return;
  }
  pinned->store(1);
  uint64_t expect = 1;
  for (;;) {
    uint64_t v = g_token.value.load(std::memory_order_acquire);
    if (v == expect) {
      g_token.value.store(v + 1, std::memory_order_release);
      expect += 2;
    } else if (g_stop.value.load(std::memory_order_relaxed) != 0) {
      return;
    }
  }
}

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return NAN;
  size_t idx = static_cast<size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(idx, sorted.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = boost::program_options;
  unsigned cpu_a = 0, cpu_b = 1, batch = 32;
  unsigned duration_ms = 100, timeout_ms = 3000, warmup = 2000;
  double fast_max_ns = 200, slow_min_ns = 550;

  po::options_description desc(
      "turnout-c2c: core-to-core cache-line round-trip probe\nOptions");
  desc.add_options()("help,h", "show this help")(
      "cpu-a", po::value(&cpu_a)->default_value(0), "CPU of the pinging thread")(
      "cpu-b", po::value(&cpu_b)->default_value(1), "CPU of the answering thread")(
      "duration-ms", po::value(&duration_ms)->default_value(100), "measuring time")(
      "batch", po::value(&batch)->default_value(32), "round trips per timed sample")(
      "warmup", po::value(&warmup)->default_value(2000), "untimed round trips first")(
      "timeout-ms", po::value(&timeout_ms)->default_value(3000),
      "give up if one round trip takes longer than this")(
      "fast-max-ns", po::value(&fast_max_ns)->default_value(200),
      "RTT below this is mode 'fast'")(
      "slow-min-ns", po::value(&slow_min_ns)->default_value(550),
      "RTT at or above this is mode 'slow' (between: 'middle')");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "turnout-c2c: " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return 0;
  }
  if (cpu_a == cpu_b || batch == 0 || duration_ms == 0) {
    std::cerr << "turnout-c2c: need two different CPUs, batch > 0, duration-ms > 0\n";
    return 2;
  }
  if (!pin_self(cpu_a)) {
    std::cerr << "turnout-c2c: cannot pin to CPU " << cpu_a << "\n";
    return 2;
  }

  std::atomic<int> pinned{0};
  std::thread peer(pong, cpu_b, &pinned);
  auto give_up_at = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (pinned.load() == 0 && Clock::now() < give_up_at) std::this_thread::yield();
  if (pinned.load() != 1) {
    g_stop.value.store(1);
    peer.join();
    std::cerr << "turnout-c2c: cannot pin to CPU " << cpu_b << "\n";
    return 2;
  }

  uint64_t seq = 1;  // next odd value to send
  bool timed_out = false;
  // One round trip; false on timeout. The clock is read only every 64k spins.
  auto round_trip = [&]() -> bool {
    g_token.value.store(seq, std::memory_order_release);
    uint64_t want = seq + 1;
    seq += 2;
    uint32_t spins = 0;
    while (g_token.value.load(std::memory_order_acquire) != want) {
      if (++spins == 65536) {
        spins = 0;
        if (Clock::now() > give_up_at) return false;
      }
    }
    return true;
  };

  give_up_at = Clock::now() + std::chrono::milliseconds(timeout_ms);
  for (unsigned i = 0; i < warmup && !timed_out; ++i) timed_out = !round_trip();

  std::vector<double> samples;
  samples.reserve(1u << 16);
  uint64_t total_rt = 0;
  auto start = Clock::now();
  auto end_at = start + std::chrono::milliseconds(duration_ms);
  Clock::time_point now = start;
  while (!timed_out && now < end_at) {
    auto t0 = Clock::now();
    give_up_at = t0 + std::chrono::milliseconds(timeout_ms);
    for (unsigned i = 0; i < batch; ++i) {
      if (!round_trip()) {
        timed_out = true;
        break;
      }
    }
    now = Clock::now();
    if (timed_out) break;
    total_rt += batch;
    samples.push_back(std::chrono::duration<double, std::nano>(now - t0).count() / batch);
  }
  double wall_ns = std::chrono::duration<double, std::nano>(now - start).count();
  g_stop.value.store(1);
  // Unblock the pong thread if it is waiting for a value that will never come.
  g_token.value.store(seq, std::memory_order_release);
  peer.join();

  if (timed_out || samples.empty()) {
    std::printf("c2c_rtt_ns=nan c2c_p10_ns=nan c2c_p90_ns=nan c2c_mean_ns=nan c2c_samples=0 "
                "c2c_mode=unknown cpu_a=%u cpu_b=%u\n",
                cpu_a, cpu_b);
    std::fprintf(stderr, "turnout-c2c: CPU %u did not answer within %u ms\n", cpu_b, timeout_ms);
    return 1;
  }
  std::sort(samples.begin(), samples.end());
  double med = percentile(samples, 0.5);
  const char* mode = med < fast_max_ns ? "fast" : (med < slow_min_ns ? "middle" : "slow");
  std::printf("c2c_rtt_ns=%.1f c2c_p10_ns=%.1f c2c_p90_ns=%.1f c2c_mean_ns=%.1f c2c_samples=%zu "
              "c2c_mode=%s cpu_a=%u cpu_b=%u\n",
              med, percentile(samples, 0.1), percentile(samples, 0.9),
              wall_ns / static_cast<double>(total_rt), samples.size(), mode, cpu_a, cpu_b);
  return 0;
}
