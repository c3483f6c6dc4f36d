#pragma once
// Bounds the vhost-user steps inside DPDK that have no timeout of their own: with
// server=1 (switch-is-client role) rte_eal_init blocks in accept() until the switch
// connects, and a switch that accepts but never answers stalls the handshake.
//
// Once the deadline passes, or a stop is requested, the watchdog keeps interrupting the
// thread that created it (SIGALRM, see stop_signal.h) so those calls fail with EINTR and
// the caller can report which connection is missing. Should DPDK swallow the interruption,
// the watchdog gives up after a grace period: it prints `last_words` and exits with 1.

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace turnout::pktgen {

class ConnectWatchdog {
 public:
  ConnectWatchdog(std::chrono::steady_clock::time_point deadline, std::string last_words);
  ~ConnectWatchdog();
  ConnectWatchdog(const ConnectWatchdog&) = delete;
  ConnectWatchdog& operator=(const ConnectWatchdog&) = delete;

  // True once the deadline passed (not merely a stop request).
  bool timed_out() const { return timed_out_.load(); }

 private:
  void watch();

  const std::chrono::steady_clock::time_point deadline_;
  const std::string last_words_;
  const pthread_t target_;
  std::atomic<bool> timed_out_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool cancelled_ = false;
  std::thread thread_;
};

}  // namespace turnout::pktgen
