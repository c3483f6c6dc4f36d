#pragma once
// Every packet the datapath drops is counted under one of these reasons.

#include <array>
#include <cstdint>
#include <string_view>

namespace turnout::dataplane {

enum class DropReason : uint8_t {
  kNoForwardingEntry,  // arrived on a port with nowhere to go
  kTxQueueFull,        // the output queue did not take it (peer ring full)
  kCount
};

inline constexpr unsigned kDropReasonCount = static_cast<unsigned>(DropReason::kCount);

inline constexpr std::array<std::string_view, kDropReasonCount> kDropReasonNames = {
    "no forwarding entry",
    "tx queue full",
};

inline std::string_view drop_reason_name(DropReason r) {
  return kDropReasonNames[static_cast<unsigned>(r)];
}

}  // namespace turnout::dataplane
