#include "turnout/dataplane/snapshot.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace turnout::dataplane {
namespace {

// A reader that behaves like a PMD: reads the current snapshot each iteration, reports
// its version, and checks the snapshot it holds is never freed under it.
struct Reader {
  SnapshotPublisher& pub;
  unsigned index;
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> iterations{0};
  std::atomic<bool> saw_freed{false};
  std::thread thread;

  void run() {
    thread = std::thread([this] {
      pub.quiescent(index).come_online();
      while (!stop.load()) {
        const Snapshot* s = pub.current();
        pub.quiescent(index).seen_version.store(s->version, std::memory_order_release);
        // The test stores a canary in pmds[0].tx.size(); a freed snapshot would not hold it.
        for (int i = 0; i < 50; ++i)
          if (s->pmds.size() != 2 || s->pmds[0].tx.size() != 3) saw_freed = true;
        iterations++;
      }
      pub.quiescent(index).go_offline();
    });
  }
};

std::unique_ptr<Snapshot> canary_snapshot() {
  auto s = std::make_unique<Snapshot>();
  s->pmds.resize(2);
  s->pmds[0].tx.resize(3);
  return s;
}

TEST(SnapshotPublisher, PublishWaitsForEveryReaderAndNeverFreesAHeldSnapshot) {
  SnapshotPublisher pub(2);
  ASSERT_TRUE(pub.publish(canary_snapshot()));  // no readers yet: offline counts as quiescent
  Reader a{pub, 0}, b{pub, 1};
  a.run();
  b.run();
  while (a.iterations.load() == 0 || b.iterations.load() == 0) std::this_thread::yield();
  for (int i = 0; i < 200; ++i) {
    uint64_t before = pub.latest().version;
    ASSERT_TRUE(pub.publish(canary_snapshot()));
    EXPECT_GT(pub.latest().version, before);
    EXPECT_GE(pub.quiescent(0).seen_version.load(), pub.latest().version);
    EXPECT_GE(pub.quiescent(1).seen_version.load(), pub.latest().version);
  }
  a.stop = b.stop = true;
  a.thread.join();
  b.thread.join();
  EXPECT_FALSE(a.saw_freed.load());
  EXPECT_FALSE(b.saw_freed.load());
  EXPECT_GT(a.iterations.load(), 0u);
}

TEST(SnapshotPublisher, ReaderComingOnlineDuringPublishesNeverHoldsAFreedSnapshot) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    SnapshotPublisher pub(2);
    ASSERT_TRUE(pub.publish(canary_snapshot()));  // replace the canary-less initial one
    std::atomic<bool> done{false};
    std::thread control([&] {
      while (!done.load()) ASSERT_TRUE(pub.publish(canary_snapshot()));
    });
    Reader a{pub, 0}, b{pub, 1};
    a.run();
    b.run();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    done = true;
    control.join();
    a.stop = b.stop = true;
    a.thread.join();
    b.thread.join();
    EXPECT_FALSE(a.saw_freed.load());
    EXPECT_FALSE(b.saw_freed.load());
  }
}

TEST(SnapshotPublisher, ReportsAReaderThatNeverQuiesces) {
  SnapshotPublisher pub(1);
  pub.quiescent(0).seen_version.store(0);  // "running" but stuck before any snapshot
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(pub.publish(canary_snapshot()));
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
}

}  // namespace
}  // namespace turnout::dataplane
