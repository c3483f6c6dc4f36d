#include "turnout/pktgen/latency_histogram.h"

#include <algorithm>
#include <cmath>

namespace turnout::pktgen {

LatencyHistogram::LatencyHistogram() : buckets_(new uint64_t[kBucketCount]()) {}

uint64_t LatencyHistogram::bucket_low(size_t bucket) {
  if (bucket < 2 * kSubBuckets) return bucket;  // the first two ranges are exact
  const uint64_t shift = bucket / kSubBuckets - 1;
  const uint64_t mantissa = bucket % kSubBuckets + kSubBuckets;
  return mantissa << shift;
}

uint64_t LatencyHistogram::bucket_high(size_t bucket) {
  if (bucket < 2 * kSubBuckets) return bucket;
  const uint64_t shift = bucket / kSubBuckets - 1;
  return bucket_low(bucket) + ((uint64_t{1} << shift) - 1);
}

uint64_t LatencyHistogram::percentile(double fraction) const {
  if (count_ == 0) return 0;
  fraction = std::clamp(fraction, 0.0, 1.0);
  const uint64_t rank =
      std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(fraction * static_cast<double>(count_))));
  uint64_t seen = 0;
  for (size_t bucket = 0; bucket < kBucketCount; ++bucket) {
    seen += buckets_[bucket];
    if (seen >= rank) {
      const uint64_t low = bucket_low(bucket);
      const uint64_t middle = low + (bucket_high(bucket) - low) / 2;
      return std::min(middle, max_);
    }
  }
  return max_;
}

}  // namespace turnout::pktgen
