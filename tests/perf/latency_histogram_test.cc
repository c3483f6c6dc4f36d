#include "turnout/pktgen/latency_histogram.h"

#include <gtest/gtest.h>

#include <cmath>

namespace turnout::pktgen {
namespace {

// Percentiles are bucket midpoints: within 1/64 of the true value.
void expect_close(uint64_t actual, double expected) {
  EXPECT_NEAR(static_cast<double>(actual), expected, expected / 64.0 + 1.0);
}

TEST(LatencyHistogram, EmptyReportsZero) {
  LatencyHistogram histogram;
  EXPECT_EQ(histogram.count(), 0u);
  EXPECT_EQ(histogram.percentile(0.5), 0u);
  EXPECT_EQ(histogram.max(), 0u);
}

TEST(LatencyHistogram, SmallValuesAreExact) {
  LatencyHistogram histogram;
  for (uint64_t v = 0; v < 128; ++v) histogram.record(v);
  EXPECT_EQ(histogram.percentile(0.5), 63u);  // 64th of 128 samples
  EXPECT_EQ(histogram.percentile(1.0), 127u);
  EXPECT_EQ(histogram.max(), 127u);
}

TEST(LatencyHistogram, PercentilesOfAUniformDistribution) {
  LatencyHistogram histogram;
  for (uint64_t v = 1; v <= 100000; ++v) histogram.record(v);
  EXPECT_EQ(histogram.count(), 100000u);
  expect_close(histogram.percentile(0.50), 50000);
  expect_close(histogram.percentile(0.99), 99000);
  expect_close(histogram.percentile(0.999), 99900);
  EXPECT_EQ(histogram.max(), 100000u);
}

TEST(LatencyHistogram, TailIsNotHiddenByTheBulk) {
  LatencyHistogram histogram;
  for (int i = 0; i < 998; ++i) histogram.record(2600);  // ~1 us at 2.6 GHz
  histogram.record(260000);
  histogram.record(2600000);
  expect_close(histogram.percentile(0.50), 2600);
  expect_close(histogram.percentile(0.99), 2600);
  expect_close(histogram.percentile(0.999), 260000);
  EXPECT_EQ(histogram.max(), 2600000u);
  EXPECT_LE(histogram.percentile(1.0), histogram.max());
}

TEST(LatencyHistogram, HugeValuesStayInRange) {
  LatencyHistogram histogram;
  histogram.record(UINT64_MAX);
  histogram.record(uint64_t{1} << 63);
  EXPECT_EQ(histogram.max(), UINT64_MAX);
  EXPECT_GE(histogram.percentile(0.5), (uint64_t{1} << 63) - 1);
  EXPECT_LE(histogram.percentile(1.0), UINT64_MAX);
}

}  // namespace
}  // namespace turnout::pktgen
