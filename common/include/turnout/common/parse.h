#pragma once
// Strict parsers for the small values that arrive on command lines and control sockets.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "turnout/common/result.h"

namespace turnout {

// Decimal unsigned integer within [min, max]; no sign, no trailing garbage.
Result<uint64_t> parse_uint(std::string_view text, uint64_t min = 0,
                            uint64_t max = UINT64_MAX);

// A CPU mask as OVS accepts it: hex with or without 0x ("0x6", "6"). Returns the set
// CPU numbers in ascending order; an empty mask is an error.
Result<std::vector<unsigned>> parse_cpu_mask(std::string_view text);

// "a=1,b=2" -> {a:1, b:2}. Keys must be unique and non-empty.
Result<std::map<std::string, std::string>> parse_key_values(std::string_view text);

std::vector<std::string> split(std::string_view text, char sep);

}  // namespace turnout
