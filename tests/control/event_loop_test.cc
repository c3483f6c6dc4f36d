#include "turnout/jsonrpc/event_loop.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include "test_support.h"
#include "turnout/common/unique_fd.h"

namespace turnout::jsonrpc {
namespace {

using namespace std::chrono_literals;

struct Pipe {
  UniqueFd read_end, write_end;
  Pipe() {
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_NONBLOCK | O_CLOEXEC), 0);
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
};

TEST(EventLoop, OneShotTimersFireInDeadlineOrder) {
  EventLoop loop;
  std::vector<int> order;
  loop.add_timer(20ms, [&] {
    order.push_back(2);
    loop.stop();
  });
  loop.add_timer(0ms, [&] { order.push_back(1); });
  loop.run();
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
  EXPECT_EQ(loop.timer_count(), 0u);
}

TEST(EventLoop, PeriodicTimerRepeatsUntilCancelledFromItsOwnCallback) {
  EventLoop loop;
  int runs = 0;
  TimerId id = 0;
  id = loop.add_periodic_timer(1ms, [&] {
    if (++runs == 5) {
      EXPECT_TRUE(loop.cancel_timer(id));
    }
  });
  loop.add_timer(50ms, [&] { loop.stop(); });
  loop.run();
  EXPECT_EQ(runs, 5);
  EXPECT_FALSE(loop.cancel_timer(id));
}

TEST(EventLoop, CancelledTimerNeverFires) {
  EventLoop loop;
  bool fired = false;
  TimerId id = loop.add_timer(1ms, [&] { fired = true; });
  // Cancelled by an earlier timer due in the same round.
  loop.add_timer(0ms, [&] { loop.cancel_timer(id); });
  loop.add_timer(20ms, [&] { loop.stop(); });
  loop.run();
  EXPECT_FALSE(fired);
}

TEST(EventLoop, PostFromAnotherThreadRunsOnTheLoopThread) {
  EventLoop loop;
  std::thread::id ran_on;
  std::thread poster([&] {
    loop.post([&] {
      ran_on = std::this_thread::get_id();
      loop.stop();
    });
  });
  loop.run();
  poster.join();
  EXPECT_EQ(ran_on, std::this_thread::get_id());
}

TEST(EventLoop, StopFromAnotherThreadWakesABlockedPoll) {
  EventLoop loop;
  testing::LoopThread thread(loop);
  thread.start();
  auto start = std::chrono::steady_clock::now();
  thread.stop();  // loop sits in poll(-1): only the eventfd can wake it
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST(EventLoop, StopBeforeRunMakesRunReturnAtOnce) {
  EventLoop loop;
  loop.stop();
  loop.run();
  // The request is consumed: a second run() keeps going until stopped again.
  bool ran = false;
  loop.post([&] {
    ran = true;
    loop.stop();
  });
  loop.run();
  EXPECT_TRUE(ran);
}

TEST(EventLoop, PostedTasksRunInOrder) {
  EventLoop loop;
  std::vector<int> order;
  for (int i = 0; i < 5; ++i) loop.post([&, i] { order.push_back(i); });
  loop.post([&] { loop.stop(); });
  loop.run();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(EventLoop, ReadableFdInvokesCallback) {
  EventLoop loop;
  Pipe pipe;
  std::string got;
  loop.watch_fd(pipe.read_end.get(), Interest::kRead, [&](IoEvents events) {
    EXPECT_TRUE(events.readable);
    char buffer[16];
    ssize_t n = ::read(pipe.read_end.get(), buffer, sizeof buffer);
    got.assign(buffer, static_cast<size_t>(std::max<ssize_t>(n, 0)));
    loop.stop();
  });
  ASSERT_EQ(::write(pipe.write_end.get(), "hi", 2), 2);
  loop.run();
  EXPECT_EQ(got, "hi");
}

TEST(EventLoop, WatcherRemovedDuringDispatchIsNotCalled) {
  EventLoop loop;
  Pipe a, b;
  int calls = 0;
  WatchId watch_a = 0, watch_b = 0;
  // Whichever runs first removes the other, although both fds are ready this round.
  watch_a = loop.watch_fd(a.read_end.get(), Interest::kRead, [&](IoEvents) {
    ++calls;
    loop.unwatch(watch_a);
    loop.unwatch(watch_b);
  });
  watch_b = loop.watch_fd(b.read_end.get(), Interest::kRead, [&](IoEvents) {
    ++calls;
    loop.unwatch(watch_a);
    loop.unwatch(watch_b);
  });
  ASSERT_EQ(::write(a.write_end.get(), "x", 1), 1);
  ASSERT_EQ(::write(b.write_end.get(), "x", 1), 1);
  loop.add_timer(20ms, [&] { loop.stop(); });
  loop.run();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(loop.watch_count(), 0u);
}

TEST(EventLoop, InterestCanBeSwitchedToWriteAndOff) {
  EventLoop loop;
  Pipe pipe;
  int writable_events = 0;
  WatchId id = 0;
  id = loop.watch_fd(pipe.write_end.get(), Interest::kNone, [&](IoEvents events) {
    EXPECT_TRUE(events.writable);
    ++writable_events;
    loop.set_interest(id, Interest::kNone);
  });
  loop.add_timer(5ms, [&] { loop.set_interest(id, Interest::kWrite); });
  loop.add_timer(30ms, [&] { loop.stop(); });
  loop.run();
  EXPECT_EQ(writable_events, 1);
}

}  // namespace
}  // namespace turnout::jsonrpc
