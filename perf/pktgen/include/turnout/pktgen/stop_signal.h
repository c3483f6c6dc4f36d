#pragma once
// SIGINT/SIGTERM ask the run to stop (the result is still printed). SIGALRM does nothing
// but interrupt a blocking system call; the connect watchdog uses it. No handler sets
// SA_RESTART, so blocked calls return EINTR instead of silently resuming.

#include <pthread.h>

namespace turnout::pktgen {

void install_signal_handlers();
bool stop_requested();
// Interrupts whatever system call `thread` is blocked in.
void interrupt_thread(pthread_t thread);

}  // namespace turnout::pktgen
