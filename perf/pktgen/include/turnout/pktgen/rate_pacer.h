#pragma once
// Spreads packets evenly over time at a fixed rate, with the TSC as the clock.
//
// The send schedule is kept in whole cycles plus a 32-bit fraction, so rates whose period
// is not a whole number of cycles do not drift. After a stall (preemption, back-pressure)
// the pacer catches up by at most one burst instead of flooding the switch with the backlog.

#include <cstdint>

namespace turnout::pktgen {

class RatePacer {
 public:
  // packets_per_second > 0; max_burst >= 1.
  RatePacer(double packets_per_second, uint64_t tsc_hz, uint32_t max_burst, uint64_t start_tsc);

  // Packets that may be sent at `now` (0..max_burst). Call consume() with what was sent.
  uint32_t allowance(uint64_t now) {
    if (now < next_whole_) return 0;
    uint64_t behind = now - next_whole_;
    if (behind > max_lag_cycles_) {
      next_whole_ = now - max_lag_cycles_;
      next_fraction_ = 0;
      behind = max_lag_cycles_;
    }
    const uint64_t due = behind / period_whole_ + 1;
    return due < max_burst_ ? static_cast<uint32_t>(due) : max_burst_;
  }

  void consume(uint32_t packets) {
    const uint64_t fraction = uint64_t{next_fraction_} + uint64_t{packets} * period_fraction_;
    next_whole_ += uint64_t{packets} * period_whole_ + (fraction >> 32);
    next_fraction_ = static_cast<uint32_t>(fraction);
  }

 private:
  uint64_t period_whole_;     // cycles per packet, integer part (>= 1)
  uint32_t period_fraction_;  // ... and fraction, in 1/2^32 cycles
  uint32_t max_burst_;
  uint64_t max_lag_cycles_;
  uint64_t next_whole_;  // when the next packet is due
  uint32_t next_fraction_ = 0;
};

}  // namespace turnout::pktgen
