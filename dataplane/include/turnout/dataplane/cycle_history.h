#pragma once
// Recent cycles of a cumulative counter, kept as a ring of fixed intervals (like OVS's
// PMD_INTERVAL_MAX): what the rxq scheduler balances on and pmd-rxq-show reports.

#include <array>
#include <cstdint>
#include <numeric>

namespace turnout::dataplane {

class CycleHistory {
 public:
  static constexpr unsigned kIntervals = 6;

  explicit CycleHistory(uint64_t start = 0) : at_last_sample_(start) {}

  // Closes the current interval at cumulative value `now`.
  void sample(uint64_t now) {
    intervals_[next_] = now - at_last_sample_;
    next_ = (next_ + 1) % kIntervals;
    at_last_sample_ = now;
  }
  // Cycles over the stored intervals plus the one in progress.
  uint64_t recent(uint64_t now) const {
    return std::accumulate(intervals_.begin(), intervals_.end(), uint64_t{0}) +
           (now - at_last_sample_);
  }

 private:
  std::array<uint64_t, kIntervals> intervals_{};
  unsigned next_ = 0;
  uint64_t at_last_sample_;
};

}  // namespace turnout::dataplane
