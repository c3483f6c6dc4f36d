#include "turnout/dataplane/rxq_scheduler.h"

#include <algorithm>

namespace turnout::dataplane {

Result<RxqAssignPolicy> parse_rxq_assign_policy(std::string_view name) {
  if (name == "cycles") return RxqAssignPolicy::kCycles;
  if (name == "roundrobin") return RxqAssignPolicy::kRoundRobin;
  return make_error("unknown rxq assignment '" + std::string(name) +
                    "' (expected cycles or roundrobin)");
}

std::string_view rxq_assign_policy_name(RxqAssignPolicy policy) {
  return policy == RxqAssignPolicy::kCycles ? "cycles" : "roundrobin";
}

RxqAssignment assign_rxqs(const std::vector<RxqLoad>& rxqs, const std::vector<PmdSlot>& pmds,
                          RxqAssignPolicy policy, const RxqAssignment& keep,
                          std::vector<std::string>* warnings) {
  RxqAssignment out;
  if (pmds.empty()) return out;
  struct Load {
    uint64_t cycles = 0;
    unsigned rxqs = 0;
  };
  std::map<unsigned, Load> load;
  for (auto& p : pmds) load[p.index];

  std::vector<const RxqLoad*> pending;
  for (auto& r : rxqs) {
    auto kept = keep.find(r.id);
    if (kept != keep.end() && load.count(kept->second)) {
      out[r.id] = kept->second;
      load[kept->second].cycles += r.cycles;
      load[kept->second].rxqs++;
    } else {
      pending.push_back(&r);
    }
  }
  if (policy == RxqAssignPolicy::kCycles)
    std::stable_sort(pending.begin(), pending.end(),
                     [](auto* a, auto* b) { return a->cycles > b->cycles; });
  else
    std::stable_sort(pending.begin(), pending.end(),
                     [](auto* a, auto* b) { return a->id < b->id; });

  std::map<int, size_t> round_robin_next;  // per NUMA node
  for (const RxqLoad* r : pending) {
    std::vector<const PmdSlot*> candidates;
    for (auto& p : pmds)
      if (r->numa < 0 || p.numa == r->numa) candidates.push_back(&p);
    if (candidates.empty()) {
      for (auto& p : pmds) candidates.push_back(&p);
      if (warnings)
        warnings->push_back("no PMD on NUMA node " + std::to_string(r->numa) + " for port " +
                            std::to_string(r->id.port_no) + " queue " +
                            std::to_string(r->id.queue) + ": polling it from another node");
    }
    const PmdSlot* chosen = nullptr;
    if (policy == RxqAssignPolicy::kRoundRobin) {
      size_t& next = round_robin_next[r->numa];
      chosen = candidates[next++ % candidates.size()];
    } else {
      for (auto* c : candidates) {
        if (!chosen) {
          chosen = c;
          continue;
        }
        const Load& a = load[c->index];
        const Load& b = load[chosen->index];
        if (a.cycles < b.cycles || (a.cycles == b.cycles && a.rxqs < b.rxqs)) chosen = c;
      }
    }
    out[r->id] = chosen->index;
    load[chosen->index].cycles += r->cycles;
    load[chosen->index].rxqs++;
  }
  return out;
}

}  // namespace turnout::dataplane
