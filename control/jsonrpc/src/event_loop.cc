#include "turnout/jsonrpc/event_loop.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "turnout/common/log.h"

namespace turnout::jsonrpc {
namespace {

short poll_mask(Interest interest) {
  short mask = 0;
  if (static_cast<unsigned>(interest) & static_cast<unsigned>(Interest::kRead)) mask |= POLLIN;
  if (static_cast<unsigned>(interest) & static_cast<unsigned>(Interest::kWrite)) mask |= POLLOUT;
  return mask;
}

}  // namespace

EventLoop::EventLoop() : wakeup_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  if (!wakeup_fd_) {
    // Without the wake-up fd post() from other threads would only be noticed at the next
    // timer or fd event; that is a broken process, not a recoverable input error.
    LOG_ERROR("jsonrpc", "eventfd failed: %s", std::strerror(errno));
    std::abort();
  }
}

EventLoop::~EventLoop() = default;

WatchId EventLoop::watch_fd(int fd, Interest interest, IoCallback callback) {
  WatchId id = next_watch_id_++;
  watches_.emplace(id, Watch{fd, interest, std::make_shared<IoCallback>(std::move(callback))});
  return id;
}

void EventLoop::set_interest(WatchId id, Interest interest) {
  auto it = watches_.find(id);
  if (it != watches_.end()) it->second.interest = interest;
}

void EventLoop::unwatch(WatchId id) { watches_.erase(id); }

TimerId EventLoop::add_timer(std::chrono::milliseconds delay, Task callback) {
  return schedule(delay, Clock::duration::zero(), std::move(callback));
}

TimerId EventLoop::add_periodic_timer(std::chrono::milliseconds interval, Task callback) {
  // A zero interval would spin the loop; one millisecond is the poll(2) resolution anyway.
  auto period = std::max<Clock::duration>(interval, std::chrono::milliseconds(1));
  return schedule(period, period, std::move(callback));
}

TimerId EventLoop::schedule(Clock::duration delay, Clock::duration interval, Task callback) {
  TimerId id = next_timer_id_++;
  auto deadline = Clock::now() + std::max<Clock::duration>(delay, Clock::duration::zero());
  timers_.emplace(id, Timer{deadline, interval, std::make_shared<Task>(std::move(callback))});
  timer_queue_.emplace(deadline, id);
  return id;
}

bool EventLoop::cancel_timer(TimerId id) {
  auto it = timers_.find(id);
  if (it == timers_.end()) return false;
  timer_queue_.erase({it->second.deadline, id});
  timers_.erase(it);
  return true;
}

void EventLoop::post(Task task) {
  {
    std::lock_guard lock(posted_mutex_);
    posted_.push_back(std::move(task));
  }
  has_posted_.store(true, std::memory_order_release);
  wake();
}

void EventLoop::stop() {
  stop_requested_.store(true, std::memory_order_release);
  wake();
}

void EventLoop::wake() {
  uint64_t one = 1;
  // EAGAIN means the counter is already non-zero: the loop will wake up anyway.
  [[maybe_unused]] ssize_t n = ::write(wakeup_fd_.get(), &one, sizeof one);
}

bool EventLoop::in_loop_thread() const {
  auto owner = loop_thread_.load(std::memory_order_acquire);
  return owner == std::thread::id() || owner == std::this_thread::get_id();
}

void EventLoop::run() {
  loop_thread_.store(std::this_thread::get_id(), std::memory_order_release);
  while (!stop_requested_.load(std::memory_order_acquire)) poll_once();
  stop_requested_.store(false, std::memory_order_release);
  loop_thread_.store(std::thread::id(), std::memory_order_release);
}

int EventLoop::poll_timeout_ms() const {
  if (has_posted_.load(std::memory_order_acquire)) return 0;
  if (timer_queue_.empty()) return -1;
  auto wait = timer_queue_.begin()->first - Clock::now();
  if (wait <= Clock::duration::zero()) return 0;
  // Round up: waking a little early would just cost an empty iteration.
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(wait).count();
  return static_cast<int>(std::min<int64_t>(ms, 60'000));
}

void EventLoop::poll_once() {
  std::vector<pollfd> fds;
  std::vector<WatchId> ids;
  fds.reserve(watches_.size() + 1);
  ids.reserve(watches_.size());
  fds.push_back({wakeup_fd_.get(), POLLIN, 0});
  for (const auto& [id, watch] : watches_) {
    fds.push_back({watch.fd, poll_mask(watch.interest), 0});
    ids.push_back(id);
  }

  int ready = ::poll(fds.data(), fds.size(), poll_timeout_ms());
  if (ready < 0) {
    if (errno != EINTR) LOG_ERROR("jsonrpc", "poll failed: %s", std::strerror(errno));
    return;
  }
  if (fds[0].revents) drain_wakeup_fd();

  for (size_t i = 1; i < fds.size() && ready > 0; ++i) {
    short revents = fds[i].revents;
    if (!revents) continue;
    auto it = watches_.find(ids[i - 1]);
    if (it == watches_.end()) continue;  // removed by an earlier callback this round
    IoEvents events;
    events.readable = revents & POLLIN;
    events.writable = revents & POLLOUT;
    events.hangup = revents & POLLHUP;
    events.error = revents & (POLLERR | POLLNVAL);
    // Hold the callback: it may unwatch itself (destroying the map entry) while running.
    auto callback = it->second.callback;
    (*callback)(events);
  }

  run_due_timers();
  run_posted_tasks();
}

void EventLoop::run_due_timers() {
  auto now = Clock::now();
  // Only timers due at entry run; a callback that re-arms for "now" waits a round.
  std::vector<TimerId> due;
  for (auto it = timer_queue_.begin(); it != timer_queue_.end() && it->first <= now; ++it)
    due.push_back(it->second);
  for (TimerId id : due) {
    auto it = timers_.find(id);
    if (it == timers_.end()) continue;  // cancelled by an earlier timer
    Timer& timer = it->second;
    auto callback = timer.callback;
    timer_queue_.erase({timer.deadline, id});
    if (timer.interval == Clock::duration::zero()) {
      timers_.erase(it);
    } else {
      timer.deadline = std::max(timer.deadline + timer.interval, now);
      timer_queue_.emplace(timer.deadline, id);
    }
    (*callback)();
  }
}

void EventLoop::run_posted_tasks() {
  if (!has_posted_.load(std::memory_order_acquire)) return;
  std::vector<Task> tasks;
  {
    std::lock_guard lock(posted_mutex_);
    tasks.swap(posted_);
    has_posted_.store(false, std::memory_order_release);
  }
  for (auto& task : tasks) task();
}

void EventLoop::drain_wakeup_fd() {
  uint64_t count;
  [[maybe_unused]] ssize_t n = ::read(wakeup_fd_.get(), &count, sizeof count);
}

}  // namespace turnout::jsonrpc
