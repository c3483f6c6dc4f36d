#include "turnout/pktgen/rate_pacer.h"

#include <algorithm>
#include <cmath>

namespace turnout::pktgen {

RatePacer::RatePacer(double packets_per_second, uint64_t tsc_hz, uint32_t max_burst,
                     uint64_t start_tsc)
    : max_burst_(std::max<uint32_t>(max_burst, 1)), next_whole_(start_tsc) {
  // Rates above one packet per cycle are clamped to one per cycle: nothing sends faster.
  const double period = std::max(1.0, static_cast<double>(tsc_hz) / packets_per_second);
  const double whole = std::floor(period);
  period_whole_ = static_cast<uint64_t>(whole);
  period_fraction_ = static_cast<uint32_t>(std::min((period - whole) * 4294967296.0, 4294967295.0));
  max_lag_cycles_ = period_whole_ * max_burst_;
}

}  // namespace turnout::pktgen
