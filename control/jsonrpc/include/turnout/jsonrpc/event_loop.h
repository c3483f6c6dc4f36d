#pragma once
// The daemon's control-thread loop: one thread, poll(2), fds + timers + posted tasks.
//
// Threading: everything except post() and stop() must be called on the thread that runs
// run() (or on any thread before run() starts, e.g. while wiring the daemon). post() is
// the way in from other threads; stop() is also async-signal-safe, so a SIGTERM handler
// may call it directly.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "turnout/common/unique_fd.h"

namespace turnout::jsonrpc {

// What a watcher wants to hear about. Hang-up and errors are always reported.
enum class Interest : unsigned { kNone = 0, kRead = 1, kWrite = 2, kReadWrite = 3 };

struct IoEvents {
  bool readable = false;
  bool writable = false;
  bool hangup = false;  // peer closed both directions (POLLHUP)
  bool error = false;   // POLLERR / POLLNVAL
};

using WatchId = uint64_t;
using TimerId = uint64_t;

class EventLoop {
 public:
  using Clock = std::chrono::steady_clock;
  using IoCallback = std::function<void(IoEvents)>;
  using Task = std::function<void()>;

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // The loop does not own `fd`; unwatch() before closing it. Returns a never-reused id.
  WatchId watch_fd(int fd, Interest interest, IoCallback callback);
  void set_interest(WatchId id, Interest interest);
  // Safe from inside any callback, including the watcher's own: a removed watcher is
  // never called again, even if its fd was ready in the current poll round.
  void unwatch(WatchId id);

  TimerId add_timer(std::chrono::milliseconds delay, Task callback);
  // First run after `interval`, then every `interval` (no catch-up bursts after a stall).
  TimerId add_periodic_timer(std::chrono::milliseconds interval, Task callback);
  // False if the timer already fired (one-shot) or was cancelled. Safe from callbacks.
  bool cancel_timer(TimerId id);

  // Thread-safe. The task runs on the loop thread in a later iteration, in FIFO order.
  void post(Task task);

  // Runs until stop(). Returns at once if stop() was requested before run() started.
  void run();
  // Thread-safe and async-signal-safe: makes run() return after the current iteration.
  void stop();

  bool in_loop_thread() const;
  size_t watch_count() const { return watches_.size(); }
  size_t timer_count() const { return timers_.size(); }

 private:
  struct Watch {
    int fd;
    Interest interest;
    std::shared_ptr<IoCallback> callback;
  };
  struct Timer {
    Clock::time_point deadline;
    Clock::duration interval;  // zero for one-shot
    std::shared_ptr<Task> callback;
  };

  void poll_once();
  int poll_timeout_ms() const;
  void run_due_timers();
  void run_posted_tasks();
  void drain_wakeup_fd();
  void wake();
  TimerId schedule(Clock::duration delay, Clock::duration interval, Task callback);

  UniqueFd wakeup_fd_;  // eventfd: post()/stop() from other threads interrupt poll()
  std::map<WatchId, Watch> watches_;
  WatchId next_watch_id_ = 1;

  std::map<TimerId, Timer> timers_;
  std::set<std::pair<Clock::time_point, TimerId>> timer_queue_;
  TimerId next_timer_id_ = 1;

  std::mutex posted_mutex_;
  std::vector<Task> posted_;
  std::atomic<bool> has_posted_{false};

  std::atomic<bool> stop_requested_{false};
  std::atomic<std::thread::id> loop_thread_{};
};

}  // namespace turnout::jsonrpc
