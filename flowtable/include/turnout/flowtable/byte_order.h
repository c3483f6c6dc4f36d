#pragma once
// Network-byte-order value types for key fields. They are plain integers (so a key stays a
// trivially copyable bag of words); the alias only records, in the declaration, that the
// bytes are in wire order. Converting is explicit, through the helpers below.

#include <bit>
#include <cstdint>
#include <cstring>

namespace turnout::flowtable {

using Be16 = uint16_t;
using Be32 = uint32_t;
using Be64 = uint64_t;

constexpr Be16 to_be16(uint16_t host) {
  if constexpr (std::endian::native == std::endian::little) return __builtin_bswap16(host);
  return host;
}
constexpr Be32 to_be32(uint32_t host) {
  if constexpr (std::endian::native == std::endian::little) return __builtin_bswap32(host);
  return host;
}
constexpr Be64 to_be64(uint64_t host) {
  if constexpr (std::endian::native == std::endian::little) return __builtin_bswap64(host);
  return host;
}
constexpr uint16_t from_be16(Be16 wire) { return to_be16(wire); }
constexpr uint32_t from_be32(Be32 wire) { return to_be32(wire); }
constexpr uint64_t from_be64(Be64 wire) { return to_be64(wire); }

// Unaligned loads of wire bytes (headers after a VLAN tag or IPv4 options are not aligned).
inline Be16 load_wire16(const uint8_t* p) {
  Be16 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline Be32 load_wire32(const uint8_t* p) {
  Be32 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline uint16_t load_host16(const uint8_t* p) { return from_be16(load_wire16(p)); }

}  // namespace turnout::flowtable
