// Outcomes are counted by name: every layer and problem has one, and every pair its own
// counter slot.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "turnout/flowtable/parse_outcome.h"

namespace turnout::flowtable {
namespace {

TEST(ParseOutcome, EveryLayerAndProblemHasADistinctName) {
  std::set<std::string_view> layers, problems;
  for (unsigned i = 0; i < kParseLayerCount; ++i) {
    const std::string_view name = parse_layer_name(static_cast<ParseLayer>(i));
    EXPECT_FALSE(name.empty());
    layers.insert(name);
  }
  for (unsigned i = 0; i < kParseProblemCount; ++i) {
    const std::string_view name = parse_problem_name(static_cast<ParseProblem>(i));
    EXPECT_FALSE(name.empty());
    problems.insert(name);
  }
  EXPECT_EQ(layers.size(), kParseLayerCount);
  EXPECT_EQ(problems.size(), kParseProblemCount);
  EXPECT_EQ(parse_layer_name(ParseLayer::kIpv6Extension), "ipv6-extension");
  EXPECT_EQ(parse_problem_name(ParseProblem::kBadTotalLength), "bad total length");
}

TEST(ParseOutcome, CounterIndicesAreDenseAndDistinct) {
  std::set<unsigned> seen;
  for (unsigned l = 0; l < kParseLayerCount; ++l)
    for (unsigned p = 0; p < kParseProblemCount; ++p) {
      const unsigned index =
          outcome_counter_index({static_cast<ParseLayer>(l), static_cast<ParseProblem>(p)});
      EXPECT_LT(index, kParseOutcomeCounters);
      seen.insert(index);
    }
  EXPECT_EQ(seen.size(), kParseOutcomeCounters);
}

TEST(ParseOutcome, OkMeansNoProblemAtAnyLayer) {
  EXPECT_TRUE((ParseOutcome{ParseLayer::kTcp, ParseProblem::kNone}).ok());
  EXPECT_FALSE((ParseOutcome{ParseLayer::kEthernet, ParseProblem::kTruncated}).ok());
}

}  // namespace
}  // namespace turnout::flowtable
