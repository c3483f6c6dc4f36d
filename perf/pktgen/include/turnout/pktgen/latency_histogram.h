#pragma once
// Log-linear histogram of latencies (in TSC cycles): exact below 64, above that every
// power-of-two range is split into 64 equal buckets, so any reported percentile is within
// 1/64 (1.6 %) of a recorded value. Recording is a count-leading-zeros and an increment.

#include <bit>
#include <cstdint>
#include <memory>

namespace turnout::pktgen {

class LatencyHistogram {
 public:
  LatencyHistogram();

  void record(uint64_t value) {
    ++buckets_[bucket_of(value)];
    ++count_;
    if (value > max_) max_ = value;
  }

  uint64_t count() const { return count_; }
  uint64_t max() const { return max_; }
  // Smallest recorded value v such that at least `fraction` (0..1] of the samples are <= v,
  // reported as the middle of v's bucket. 0 when nothing was recorded.
  uint64_t percentile(double fraction) const;

 private:
  static constexpr unsigned kSubBucketBits = 6;
  static constexpr uint64_t kSubBuckets = uint64_t{1} << kSubBucketBits;
  static constexpr size_t kBucketCount = kSubBuckets * (64 - kSubBucketBits + 1);

  static size_t bucket_of(uint64_t value) {
    if (value < kSubBuckets) return static_cast<size_t>(value);
    const unsigned exponent = 63u - static_cast<unsigned>(std::countl_zero(value));
    const unsigned shift = exponent - kSubBucketBits;
    // (value >> shift) is in [64, 128): the top bit selects the range, the rest the bucket.
    return static_cast<size_t>(kSubBuckets * shift + (value >> shift));
  }
  static uint64_t bucket_low(size_t bucket);
  static uint64_t bucket_high(size_t bucket);  // inclusive

  std::unique_ptr<uint64_t[]> buckets_;
  uint64_t count_ = 0;
  uint64_t max_ = 0;
};

}  // namespace turnout::pktgen
