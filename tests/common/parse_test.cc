#include "turnout/common/parse.h"

#include <gtest/gtest.h>

namespace turnout {
namespace {

TEST(ParseUint, AcceptsDecimalWithinRange) {
  EXPECT_EQ(*parse_uint("0"), 0u);
  EXPECT_EQ(*parse_uint("18446744073709551615"), UINT64_MAX);
  EXPECT_EQ(*parse_uint("42", 1, 100), 42u);
}

TEST(ParseUint, RejectsGarbageSignsOverflowAndRange) {
  EXPECT_FALSE(parse_uint(""));
  EXPECT_FALSE(parse_uint("-1"));
  EXPECT_FALSE(parse_uint("12x"));
  EXPECT_FALSE(parse_uint("18446744073709551616"));
  auto r = parse_uint("101", 1, 100);
  ASSERT_FALSE(r);
  EXPECT_NE(r.message().find("out of range"), std::string::npos);
}

TEST(ParseCpuMask, ReadsHexWithOrWithoutPrefix) {
  EXPECT_EQ(*parse_cpu_mask("0x2"), (std::vector<unsigned>{1}));
  EXPECT_EQ(*parse_cpu_mask("6"), (std::vector<unsigned>{1, 2}));
  EXPECT_EQ(*parse_cpu_mask("0x1F0"), (std::vector<unsigned>{4, 5, 6, 7, 8}));
}

TEST(ParseCpuMask, RejectsEmptyZeroAndNonHex) {
  EXPECT_FALSE(parse_cpu_mask(""));
  EXPECT_FALSE(parse_cpu_mask("0x"));
  EXPECT_FALSE(parse_cpu_mask("0x0"));
  EXPECT_FALSE(parse_cpu_mask("0xg"));
}

TEST(ParseKeyValues, SplitsPairsAndRejectsDuplicates) {
  auto kv = parse_key_values("n_rxq=2,mtu=9000");
  ASSERT_TRUE(kv);
  EXPECT_EQ(kv->at("n_rxq"), "2");
  EXPECT_EQ(kv->at("mtu"), "9000");
  EXPECT_FALSE(parse_key_values("a=1,a=2"));
  EXPECT_FALSE(parse_key_values("novalue"));
  EXPECT_FALSE(parse_key_values("=1"));
  EXPECT_TRUE(parse_key_values("")->empty());
}

}  // namespace
}  // namespace turnout
