#include "turnout/pktgen/rate_pacer.h"

#include <gtest/gtest.h>

namespace turnout::pktgen {
namespace {

constexpr uint64_t kHz = 2'596'000'000;  // this machine's TSC
constexpr uint64_t kStart = 1'000'000'000'000;

// Polls the pacer every `step` cycles for `cycles`, sending everything it allows.
uint64_t packets_sent(RatePacer& pacer, uint64_t from, uint64_t cycles, uint64_t step,
                      uint32_t* largest_burst = nullptr) {
  uint64_t sent = 0;
  for (uint64_t now = from; now < from + cycles; now += step) {
    const uint32_t allowed = pacer.allowance(now);
    pacer.consume(allowed);
    sent += allowed;
    if (largest_burst && allowed > *largest_burst) *largest_burst = allowed;
  }
  return sent;
}

TEST(RatePacer, HoldsTheRateWhenPolledOften) {
  RatePacer pacer(1e6, kHz, 32, kStart);
  uint32_t largest = 0;
  const uint64_t sent = packets_sent(pacer, kStart, kHz / 10, 500, &largest);  // 100 ms
  EXPECT_NEAR(static_cast<double>(sent), 100000, 2);
  EXPECT_LE(largest, 1u);  // 2596 cycles per packet, polled every 500: one at a time
}

TEST(RatePacer, HoldsTheRateWhenPolledRarelyWithBursts) {
  RatePacer pacer(10e6, kHz, 32, kStart);
  uint32_t largest = 0;
  const uint64_t sent = packets_sent(pacer, kStart, kHz, 2000, &largest);  // 1 s
  EXPECT_NEAR(static_cast<double>(sent), 10e6, 10);
  EXPECT_LE(largest, 32u);
}

TEST(RatePacer, FractionalPeriodsDoNotDrift) {
  // 2596 / 1.5 = 1730.67 cycles per packet.
  RatePacer pacer(1.5e6, kHz, 32, kStart);
  const uint64_t sent = packets_sent(pacer, kStart, 2 * kHz, 997);
  EXPECT_NEAR(static_cast<double>(sent), 3e6, 2);
}

TEST(RatePacer, NothingBeforeTheStart) {
  RatePacer pacer(1e6, kHz, 32, kStart);
  EXPECT_EQ(pacer.allowance(kStart - 1), 0u);
  EXPECT_EQ(pacer.allowance(kStart), 1u);
}

TEST(RatePacer, CatchesUpAtMostOneBurstAfterAStall) {
  RatePacer pacer(1e6, kHz, 32, kStart);
  // Nobody polled for a whole second (preempted); a million packets are "overdue".
  const uint64_t later = kStart + kHz;
  const uint32_t first = pacer.allowance(later);
  EXPECT_EQ(first, 32u);
  pacer.consume(first);
  EXPECT_LE(pacer.allowance(later), 1u);
  // ... and the rate after the stall is the configured one again.
  const uint64_t sent = packets_sent(pacer, later + 1, kHz / 10, 500);
  EXPECT_NEAR(static_cast<double>(sent), 100000, 3);
}

TEST(RatePacer, RatesAboveOnePerCycleAreClamped) {
  RatePacer pacer(1e12, kHz, 32, kStart);
  EXPECT_EQ(pacer.allowance(kStart + 1000), 32u);
}

}  // namespace
}  // namespace turnout::pktgen
