#pragma once
// A bounded view of the bytes still to parse. Every header read goes through has()
// first; skip() and window() assume the caller checked, so the bounds logic lives in
// one visible place per header instead of inside every accessor.

#include <cassert>
#include <cstdint>

namespace turnout::flowtable::detail {

class PacketCursor {
 public:
  PacketCursor(const uint8_t* data, uint32_t len) : data_(data), remaining_(len) {}

  bool has(uint32_t bytes) const { return bytes <= remaining_; }
  const uint8_t* data() const { return data_; }
  uint32_t remaining() const { return remaining_; }

  void skip(uint32_t bytes) {
    assert(has(bytes));
    data_ += bytes;
    remaining_ -= bytes;
  }

  // The `length` bytes starting `offset` bytes ahead (e.g. an IP datagram's payload,
  // which ends before any Ethernet padding).
  PacketCursor window(uint32_t offset, uint32_t length) const {
    assert(offset <= remaining_ && length <= remaining_ - offset);
    return PacketCursor(data_ + offset, length);
  }

 private:
  const uint8_t* data_;
  uint32_t remaining_;
};

}  // namespace turnout::flowtable::detail
