#include "turnout/pktgen/noise_meter.h"

#include <algorithm>
#include <cmath>

namespace turnout::pktgen {

Result<NoiseMeter> NoiseMeter::open(const std::vector<std::string>& switch_schedstat_paths) {
  auto generator = SchedstatReader::open_calling_thread();
  if (!generator) return generator.error();
  std::vector<SchedstatReader> switch_threads;
  for (const std::string& path : switch_schedstat_paths) {
    auto reader = SchedstatReader::open(path);
    if (!reader) return reader.error();
    switch_threads.push_back(std::move(*reader));
  }
  return NoiseMeter(std::move(*generator), std::move(switch_threads));
}

// A switch thread that exits mid-run must not abort the run; it simply stops adding wait.
uint64_t NoiseMeter::wait_or_zero(const SchedstatReader& reader) {
  auto wait = reader.wait_ns();
  return wait ? *wait : 0;
}

void NoiseMeter::start() {
  generator_start_ = wait_or_zero(generator_);
  switch_start_.clear();
  for (const auto& reader : switch_threads_) switch_start_.push_back(wait_or_zero(reader));
}

NoiseShares NoiseMeter::stop(uint64_t elapsed_ns) {
  const auto share = [elapsed_ns](uint64_t before, uint64_t after) {
    if (elapsed_ns == 0 || after < before) return 0.0;
    return 100.0 * static_cast<double>(after - before) / static_cast<double>(elapsed_ns);
  };
  NoiseShares shares;
  shares.generator_wait_pct = share(generator_start_, wait_or_zero(generator_));
  shares.switch_wait_pct = switch_threads_.empty() ? std::nan("") : 0.0;
  for (size_t i = 0; i < switch_threads_.size(); ++i)
    shares.switch_wait_pct =
        std::max(shares.switch_wait_pct, share(switch_start_[i], wait_or_zero(switch_threads_[i])));
  return shares;
}

}  // namespace turnout::pktgen
