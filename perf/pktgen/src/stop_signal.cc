#include "turnout/pktgen/stop_signal.h"

#include <signal.h>

#include <atomic>

namespace turnout::pktgen {
namespace {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "used from a signal handler");

void on_stop_signal(int) { g_stop.store(true, std::memory_order_relaxed); }
void on_interrupt_signal(int) {}

void install(int signal_number, void (*handler)(int)) {
  struct sigaction action = {};
  action.sa_handler = handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART, see header
  sigaction(signal_number, &action, nullptr);
}

}  // namespace

void install_signal_handlers() {
  install(SIGINT, on_stop_signal);
  install(SIGTERM, on_stop_signal);
  install(SIGALRM, on_interrupt_signal);
}

bool stop_requested() { return g_stop.load(std::memory_order_relaxed); }

void interrupt_thread(pthread_t thread) { pthread_kill(thread, SIGALRM); }

}  // namespace turnout::pktgen
