#pragma once
// Ethernet addresses as they appear on the command line ("02:00:00:00:00:01").

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "turnout/common/result.h"

namespace turnout::pktgen {

using MacAddress = std::array<uint8_t, 6>;

Result<MacAddress> parse_mac(std::string_view text);
std::string format_mac(const MacAddress& mac);

}  // namespace turnout::pktgen
