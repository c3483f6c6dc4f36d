#include "turnout/pktgen/connect_watchdog.h"

#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include "turnout/pktgen/stop_signal.h"

namespace turnout::pktgen {
namespace {

constexpr auto kInterruptPeriod = std::chrono::milliseconds(20);
constexpr auto kGracePeriod = std::chrono::seconds(3);

}  // namespace

ConnectWatchdog::ConnectWatchdog(std::chrono::steady_clock::time_point deadline,
                                 std::string last_words)
    : deadline_(deadline), last_words_(std::move(last_words)), target_(pthread_self()) {
  // The watchdog thread must never take SIGINT/SIGTERM away from the thread it guards:
  // a stop signal has to interrupt that thread's blocking call.
  sigset_t all, previous;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &previous);
  thread_ = std::thread([this] { watch(); });
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

ConnectWatchdog::~ConnectWatchdog() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ConnectWatchdog::watch() {
  std::unique_lock lock(mutex_);
  std::chrono::steady_clock::time_point give_up{};
  while (!wake_.wait_for(lock, kInterruptPeriod, [this] { return cancelled_; })) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline_) timed_out_ = true;
    if (!timed_out_ && !stop_requested()) continue;
    if (give_up == std::chrono::steady_clock::time_point{}) give_up = now + kGracePeriod;
    if (now >= give_up) {
      std::fprintf(stderr, "turnout-pktgen: %s\n", last_words_.c_str());
      ::_exit(1);
    }
    interrupt_thread(target_);
  }
}

}  // namespace turnout::pktgen
