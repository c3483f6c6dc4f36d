#include "turnout/common/result.h"

#include <gtest/gtest.h>

#include <memory>

namespace turnout {
namespace {

Result<int> half(int x) {
  if (x % 2) return make_error("odd");
  return x / 2;
}

TEST(Result, CarriesValueOrMessage) {
  auto ok = half(4);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 2);
  auto bad = half(3);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.message(), "odd");
}

TEST(Result, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r);
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s);
  Status e = make_error("boom");
  EXPECT_FALSE(e);
  EXPECT_EQ(e.message(), "boom");
}

}  // namespace
}  // namespace turnout
