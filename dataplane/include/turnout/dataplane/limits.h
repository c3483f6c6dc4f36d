#pragma once
// Fixed sizes of the fast path. Arrays sized by these live in per-PMD state, so the hot
// path never allocates.

#include <cstdint>

namespace turnout::dataplane {

inline constexpr unsigned kBurstSize = 32;   // packets per rx/tx burst
inline constexpr unsigned kMaxPmds = 64;     // PMD threads per daemon
inline constexpr unsigned kMaxPorts = 256;   // ports attached at once
inline constexpr unsigned kCacheLine = 64;

}  // namespace turnout::dataplane
