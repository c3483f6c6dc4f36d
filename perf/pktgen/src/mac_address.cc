#include "turnout/pktgen/mac_address.h"

#include <cstdio>

#include "turnout/common/parse.h"

namespace turnout::pktgen {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<MacAddress> parse_mac(std::string_view text) {
  const auto bad = [&] {
    return make_error("invalid MAC address '" + std::string(text) +
                      "' (expected six hex bytes like 02:00:00:00:00:01)");
  };
  const std::vector<std::string> parts = split(text, ':');
  if (parts.size() != 6) return bad();
  MacAddress mac{};
  for (size_t i = 0; i < 6; ++i) {
    const std::string& part = parts[i];
    if (part.empty() || part.size() > 2) return bad();
    int value = 0;
    for (char c : part) {
      const int digit = hex_digit(c);
      if (digit < 0) return bad();
      value = value * 16 + digit;
    }
    mac[i] = static_cast<uint8_t>(value);
  }
  return mac;
}

std::string format_mac(const MacAddress& mac) {
  char text[18];
  std::snprintf(text, sizeof text, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
                mac[3], mac[4], mac[5]);
  return text;
}

}  // namespace turnout::pktgen
