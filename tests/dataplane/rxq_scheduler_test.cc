#include "turnout/dataplane/rxq_scheduler.h"

#include <gtest/gtest.h>

namespace turnout::dataplane {
namespace {

std::vector<PmdSlot> two_pmds_numa0() { return {{0, 1, 0}, {1, 2, 0}}; }

TEST(RxqScheduler, CyclesPolicyBalancesBusiestQueuesFirst) {
  std::vector<RxqLoad> rxqs = {
      {{1, 0}, 0, 100}, {{2, 0}, 0, 900}, {{3, 0}, 0, 500}, {{4, 0}, 0, 400}};
  auto a = assign_rxqs(rxqs, two_pmds_numa0(), RxqAssignPolicy::kCycles);
  ASSERT_EQ(a.size(), 4u);
  // 900 goes alone to one PMD; 500 + 400 + 100 balance on the other.
  EXPECT_NE(a.at(RxqId(2, 0)), a.at(RxqId(3, 0)));
  EXPECT_EQ(a.at(RxqId(3, 0)), a.at(RxqId(4, 0)));
  EXPECT_EQ(a.at(RxqId(1, 0)), a.at(RxqId(2, 0)));
}

TEST(RxqScheduler, RoundRobinDealsQueuesInPortOrder) {
  std::vector<RxqLoad> rxqs = {{{2, 0}, 0, 0}, {{1, 1}, 0, 0}, {{1, 0}, 0, 0}};
  auto a = assign_rxqs(rxqs, two_pmds_numa0(), RxqAssignPolicy::kRoundRobin);
  EXPECT_EQ(a.at(RxqId(1, 0)), 0u);
  EXPECT_EQ(a.at(RxqId(1, 1)), 1u);
  EXPECT_EQ(a.at(RxqId(2, 0)), 0u);
}

TEST(RxqScheduler, PrefersPmdsOnTheQueuesNumaNode) {
  std::vector<PmdSlot> pmds = {{0, 1, 0}, {1, 9, 1}};
  std::vector<RxqLoad> rxqs = {{{1, 0}, 1, 10}, {{1, 1}, 1, 10}, {{2, 0}, 0, 10}};
  auto a = assign_rxqs(rxqs, pmds, RxqAssignPolicy::kCycles);
  EXPECT_EQ(a.at(RxqId(1, 0)), 1u);
  EXPECT_EQ(a.at(RxqId(1, 1)), 1u);
  EXPECT_EQ(a.at(RxqId(2, 0)), 0u);
}

TEST(RxqScheduler, FallsBackToAnotherNodeWithAWarning) {
  std::vector<PmdSlot> pmds = {{0, 1, 0}};
  std::vector<RxqLoad> rxqs = {{{1, 0}, 1, 10}};
  std::vector<std::string> warnings;
  auto a = assign_rxqs(rxqs, pmds, RxqAssignPolicy::kCycles, {}, &warnings);
  EXPECT_EQ(a.at(RxqId(1, 0)), 0u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("NUMA node 1"), std::string::npos);
}

TEST(RxqScheduler, KeepsExistingPlacementAndPlacesOnlyNewQueues) {
  std::vector<RxqLoad> rxqs = {{{1, 0}, 0, 1000}, {{2, 0}, 0, 10}, {{3, 0}, 0, 0}};
  RxqAssignment keep = {{RxqId{1, 0}, 1}, {RxqId{2, 0}, 1}};
  auto a = assign_rxqs(rxqs, two_pmds_numa0(), RxqAssignPolicy::kCycles, keep);
  EXPECT_EQ(a.at(RxqId(1, 0)), 1u);
  EXPECT_EQ(a.at(RxqId(2, 0)), 1u);
  EXPECT_EQ(a.at(RxqId(3, 0)), 0u);  // the idle PMD takes the new queue
}

TEST(RxqScheduler, ReassignsQueuesWhosePmdIsGone) {
  std::vector<RxqLoad> rxqs = {{{1, 0}, 0, 5}};
  RxqAssignment keep = {{RxqId{1, 0}, 7}};
  auto a = assign_rxqs(rxqs, two_pmds_numa0(), RxqAssignPolicy::kCycles, keep);
  EXPECT_LT(a.at(RxqId(1, 0)), 2u);
}

TEST(RxqScheduler, ParsesPolicyNames) {
  EXPECT_EQ(*parse_rxq_assign_policy("cycles"), RxqAssignPolicy::kCycles);
  EXPECT_EQ(*parse_rxq_assign_policy("roundrobin"), RxqAssignPolicy::kRoundRobin);
  EXPECT_FALSE(parse_rxq_assign_policy("random"));
}

}  // namespace
}  // namespace turnout::dataplane
