#pragma once
// Which PMD polls which rx queue. Pure policy, no threads: the datapath feeds it measured
// cycles and applies the result.

#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "turnout/common/result.h"

namespace turnout::dataplane {

struct RxqId {
  uint32_t port_no = 0;
  uint16_t queue = 0;
  auto operator<=>(const RxqId&) const = default;
};

struct RxqLoad {
  RxqId id;
  int numa = -1;        // -1: the device has no NUMA affinity (virtual devices)
  uint64_t cycles = 0;  // measured busy cycles over the recent history
};

struct PmdSlot {
  unsigned index = 0;
  unsigned cpu = 0;
  int numa = 0;
};

enum class RxqAssignPolicy { kCycles, kRoundRobin };

Result<RxqAssignPolicy> parse_rxq_assign_policy(std::string_view name);
std::string_view rxq_assign_policy_name(RxqAssignPolicy policy);

using RxqAssignment = std::map<RxqId, unsigned>;  // rxq -> PMD index

// Assigns every rxq in `rxqs` to a PMD on its NUMA node (any PMD when its node has none,
// with a note in `warnings`). Rxqs present in `keep` stay where they are when that PMD
// still exists; the others are placed by `policy`: kCycles puts the busiest first onto
// the least-loaded PMD, kRoundRobin deals them out in port/queue order.
RxqAssignment assign_rxqs(const std::vector<RxqLoad>& rxqs, const std::vector<PmdSlot>& pmds,
                          RxqAssignPolicy policy, const RxqAssignment& keep = {},
                          std::vector<std::string>* warnings = nullptr);

}  // namespace turnout::dataplane
