#pragma once
// How much of a measured period the generator thread and the switch's forwarding threads
// spent runnable but not running (preempted by other load).

#include <cstdint>
#include <string>
#include <vector>

#include "turnout/common/result.h"
#include "turnout/pktgen/schedstat.h"

namespace turnout::pktgen {

struct NoiseShares {
  double generator_wait_pct = 0;
  // Worst of the switch's threads, so one preempted forwarding thread is not averaged
  // away; NaN when no switch threads were given.
  double switch_wait_pct = 0;
};

class NoiseMeter {
 public:
  // Must be called on the generator thread.
  static Result<NoiseMeter> open(const std::vector<std::string>& switch_schedstat_paths);

  void start();
  NoiseShares stop(uint64_t elapsed_ns);

 private:
  NoiseMeter(SchedstatReader generator, std::vector<SchedstatReader> switch_threads)
      : generator_(std::move(generator)), switch_threads_(std::move(switch_threads)) {}

  static uint64_t wait_or_zero(const SchedstatReader& reader);

  SchedstatReader generator_;
  std::vector<SchedstatReader> switch_threads_;
  uint64_t generator_start_ = 0;
  std::vector<uint64_t> switch_start_;
};

}  // namespace turnout::pktgen
