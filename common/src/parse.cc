#include "turnout/common/parse.h"

#include <cctype>

namespace turnout {

Result<uint64_t> parse_uint(std::string_view text, uint64_t min, uint64_t max) {
  if (text.empty()) return make_error("empty number");
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return make_error("'" + std::string(text) + "' is not a number");
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10)
      return make_error("'" + std::string(text) + "' is too large");
    value = value * 10 + digit;
  }
  if (value < min || value > max)
    return make_error("'" + std::string(text) + "' is out of range [" + std::to_string(min) +
                      ", " + std::to_string(max) + "]");
  return value;
}

Result<std::vector<unsigned>> parse_cpu_mask(std::string_view text) {
  std::string_view digits = text;
  if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
  if (digits.empty()) return make_error("empty CPU mask '" + std::string(text) + "'");
  std::vector<unsigned> cpus;
  unsigned bit = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it, bit += 4) {
    int nibble;
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(*it)));
    if (c >= '0' && c <= '9')
      nibble = c - '0';
    else if (c >= 'a' && c <= 'f')
      nibble = c - 'a' + 10;
    else
      return make_error("invalid CPU mask '" + std::string(text) + "' (expected hex, e.g. 0x2)");
    for (unsigned i = 0; i < 4; ++i)
      if (nibble & (1 << i)) cpus.push_back(bit + i);
  }
  if (cpus.empty()) return make_error("CPU mask '" + std::string(text) + "' selects no CPU");
  // Collected from low nibble upward, so already ascending.
  return cpus;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(sep, start);
    parts.emplace_back(text.substr(start, pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

Result<std::map<std::string, std::string>> parse_key_values(std::string_view text) {
  std::map<std::string, std::string> out;
  if (text.empty()) return out;
  for (auto& item : split(text, ',')) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      return make_error("expected key=value, got '" + item + "'");
    auto [it, inserted] = out.emplace(item.substr(0, eq), item.substr(eq + 1));
    if (!inserted) return make_error("duplicate key '" + it->first + "'");
  }
  return out;
}

}  // namespace turnout
