#include "turnout/dataplane/cycle_history.h"

#include <gtest/gtest.h>

namespace turnout::dataplane {
namespace {

TEST(CycleHistory, RecentIncludesTheIntervalInProgress) {
  CycleHistory h(100);
  EXPECT_EQ(h.recent(150), 50u);
  h.sample(200);
  EXPECT_EQ(h.recent(260), 160u);
}

TEST(CycleHistory, ForgetsIntervalsOlderThanTheWindow) {
  CycleHistory h(0);
  h.sample(1000);  // one busy interval
  for (unsigned i = 0; i < CycleHistory::kIntervals - 1; ++i) h.sample(1000);
  EXPECT_EQ(h.recent(1000), 1000u);
  h.sample(1000);  // pushes the busy interval out
  EXPECT_EQ(h.recent(1000), 0u);
}

}  // namespace
}  // namespace turnout::dataplane
