#pragma once
// What must hold for key extraction on any input whatsoever; shared by the libFuzzer
// target and the GoogleTest replay that runs the same checks in every CI build.

#include <cstddef>
#include <cstdint>
#include <string>

namespace turnout::flowtable::testing {

// Extracts a key from `data` (which must be exactly `size` readable bytes: callers put it
// where reading one byte further faults or is caught by ASan) and checks every invariant.
// Returns an empty string when all hold, otherwise what broke.
std::string check_flow_key_invariants(const uint8_t* data, size_t size);

}  // namespace turnout::flowtable::testing
