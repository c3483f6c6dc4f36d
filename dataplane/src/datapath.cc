#include "turnout/dataplane/datapath.h"

#include <algorithm>

#include "turnout/common/log.h"
#include "turnout/dataplane/cpu.h"

namespace turnout::dataplane {

Datapath::Datapath(const DatapathConfig& config)
    : config_(config), publisher_(static_cast<unsigned>(config.pmd_cpus.size())) {}

Result<std::unique_ptr<Datapath>> Datapath::create(const DatapathConfig& config) {
  if (config.pmd_cpus.empty()) return make_error("no PMD CPUs given");
  if (config.pmd_cpus.size() > kMaxPmds)
    return make_error("at most " + std::to_string(kMaxPmds) + " PMD threads are supported");
  const auto& allowed = config.available_cpus;
  for (unsigned cpu : config.pmd_cpus)
    if (std::find(allowed.begin(), allowed.end(), cpu) == allowed.end())
      return make_error("PMD CPU " + std::to_string(cpu) +
                        " is not available to this process (allowed CPUs: " +
                        format_cpu_list(allowed) + ")");

  std::unique_ptr<Datapath> dp(new Datapath(config));
  for (unsigned i = 0; i < config.pmd_cpus.size(); ++i) {
    unsigned cpu = config.pmd_cpus[i];
    dp->pmds_.push_back(std::make_unique<PmdThread>(i, cpu, cpu_numa_node(cpu), dp->publisher_,
                                                    config.pmd_sleep_max_us));
    dp->pmd_history_.emplace_back(0);
    dp->clear_baseline_.emplace_back();
    if (auto started = dp->pmds_.back()->start(); !started) return started.error();
  }
  dp->cleared_at_ = std::chrono::steady_clock::now();
  return dp;
}

Datapath::~Datapath() {
  for (auto& pmd : pmds_) pmd->stop();
  ports_.clear();  // PMDs are gone, so nothing polls these any more
}

Datapath::AttachedPort* Datapath::find(std::string_view name) {
  for (auto& [no, p] : ports_)
    if (p.port->name() == name) return &p;
  return nullptr;
}

const Datapath::AttachedPort* Datapath::find(std::string_view name) const {
  return const_cast<Datapath*>(this)->find(name);
}

std::vector<PmdSlot> Datapath::pmd_slots() const {
  std::vector<PmdSlot> slots;
  for (auto& pmd : pmds_) slots.push_back(PmdSlot{pmd->index(), pmd->cpu(), pmd->numa()});
  return slots;
}

std::vector<RxqLoad> Datapath::rxq_loads() const {
  std::vector<RxqLoad> loads;
  for (auto& [no, p] : ports_) {
    // Virtual devices report no NUMA affinity; Port stores those as socket 0, so the
    // driver's raw value decides whether the queue is pinned to a node.
    int numa = rte_eth_dev_socket_id(p.port->port_id());
    for (uint16_t q = 0; q < p.port->n_rxq(); ++q)
      loads.push_back(RxqLoad{RxqId{no, q}, numa < 0 ? -1 : numa,
                              p.rxq_history[q].recent(p.rxqs[q]->busy_cycles.get())});
  }
  return loads;
}

std::unique_ptr<Snapshot> Datapath::build_snapshot(const RxqAssignment& assignment) const {
  auto snap = std::make_unique<Snapshot>();
  const unsigned n_pmds = static_cast<unsigned>(pmds_.size());
  snap->pmds.resize(n_pmds);
  std::map<uint32_t, int16_t> slot_of;
  int16_t slot = 0;
  for (auto& [no, p] : ports_) slot_of[no] = slot++;

  for (unsigned i = 0; i < n_pmds; ++i) {
    PmdPlan& plan = snap->pmds[i];
    for (auto& [no, p] : ports_) {
      PortRuntime* rt = p.runtime.get();
      uint16_t txq = static_cast<uint16_t>(i % rt->n_txq);
      plan.tx.push_back(TxTarget{rt->port_id, txq,
                                 rt->n_txq < n_pmds ? &rt->txq_locks[txq] : nullptr, rt});
    }
  }
  for (auto& [id, pmd] : assignment) {
    auto it = ports_.find(id.port_no);
    if (it == ports_.end() || pmd >= n_pmds) continue;
    const AttachedPort& p = it->second;
    int16_t out = p.forward_to ? slot_of.at(*p.forward_to) : kNoOutput;
    snap->pmds[pmd].rxqs.push_back(RxqPoll{p.runtime->port_id, id.queue, p.runtime.get(),
                                           p.rxqs[id.queue].get(), out});
  }
  return snap;
}

Status Datapath::apply(const RxqAssignment& next) {
  RxqAssignment interim;
  bool moves = false;
  for (auto& [id, pmd] : next) {
    auto old = assignment_.find(id);
    if (old != assignment_.end() && old->second != pmd)
      moves = true;
    else
      interim[id] = pmd;
  }
  if (moves) {
    if (!publisher_.publish(build_snapshot(interim)))
      return make_error("a PMD thread did not reach a quiescent point; configuration not applied");
    assignment_ = interim;  // what the PMDs now poll, even if the next step fails
  }
  if (!publisher_.publish(build_snapshot(next)))
    return make_error("a PMD thread did not reach a quiescent point");
  assignment_ = next;
  return {};
}

Result<uint32_t> Datapath::add_port(const PortConfig& config) {
  if (config.name.empty()) return make_error("port name must not be empty");
  if (find(config.name)) return make_error("port " + config.name + " already exists");
  if (ports_.size() >= kMaxPorts)
    return make_error("at most " + std::to_string(kMaxPorts) + " ports are supported");
  auto port = Port::open(config, pools_, static_cast<unsigned>(pmds_.size()));
  if (!port) return port.error();

  uint32_t port_no = 1;
  while (ports_.count(port_no)) ++port_no;
  AttachedPort attached;
  attached.port = std::move(*port);
  attached.runtime = std::make_unique<PortRuntime>();
  PortRuntime& rt = *attached.runtime;
  rt.port_id = attached.port->port_id();
  rt.port_no = port_no;
  rt.name = config.name;
  rt.n_txq = attached.port->n_txq();
  rt.txq_locks.reset(new rte_spinlock_t[rt.n_txq]);
  for (uint16_t q = 0; q < rt.n_txq; ++q) rte_spinlock_init(&rt.txq_locks[q]);
  for (uint16_t q = 0; q < attached.port->n_rxq(); ++q) {
    auto rxq = std::make_unique<RxqRuntime>();
    rxq->port = &rt;
    rxq->queue = q;
    attached.rxqs.push_back(std::move(rxq));
    attached.rxq_history.emplace_back(0);
  }
  if (rt.n_txq < pmds_.size())
    LOG_INFO("dpif", "port %s has %u txqs for %zu PMDs: its txqs are shared under a lock",
             config.name.c_str(), rt.n_txq, pmds_.size());
  ports_.emplace(port_no, std::move(attached));

  std::vector<std::string> warnings;
  auto next = assign_rxqs(rxq_loads(), pmd_slots(), config_.rxq_assign, assignment_, &warnings);
  for (auto& w : warnings) LOG_WARN("dpif", "%s", w.c_str());
  if (auto applied = apply(next); !applied) {
    ports_.erase(port_no);  // not in any published snapshot
    return applied.error();
  }
  LOG_INFO("dpif", "added port %s as port %u", config.name.c_str(), port_no);
  return port_no;
}

Status Datapath::remove_port(std::string_view name) {
  AttachedPort* p = find(name);
  if (!p) return make_error("no port named " + std::string(name));
  const uint32_t port_no = p->runtime->port_no;
  for (auto& [no, other] : ports_)
    if (other.forward_to == port_no && no != port_no) {
      LOG_INFO("dpif", "forward %s -> %s removed with its output port",
               other.port->name().c_str(), std::string(name).c_str());
      other.forward_to.reset();
    }
  RxqAssignment next;
  for (auto& [id, pmd] : assignment_)
    if (id.port_no != port_no) next[id] = pmd;
  // Taken out of ports_ so the next snapshot no longer names it; `node` keeps it alive
  // for the PMDs still running on older snapshots until apply() has seen them quiesce.
  auto node = ports_.extract(port_no);
  if (auto applied = apply(next); !applied) {
    ports_.insert(std::move(node));
    return applied.error();
  }
  node.mapped().port.reset();  // no PMD can refer to it now: detach the device
  LOG_INFO("dpif", "removed port %s (port %u)", std::string(name).c_str(), port_no);
  return {};
}

Status Datapath::set_forward(std::string_view in, std::string_view out) {
  AttachedPort* from = find(in);
  AttachedPort* to = find(out);
  if (!from) return make_error("no port named " + std::string(in));
  if (!to) return make_error("no port named " + std::string(out));
  from->forward_to = to->runtime->port_no;
  return apply(assignment_);
}

Status Datapath::clear_forward(std::string_view in) {
  AttachedPort* from = find(in);
  if (!from) return make_error("no port named " + std::string(in));
  from->forward_to.reset();
  return apply(assignment_);
}

Result<std::string> Datapath::rebalance() {
  std::vector<std::string> warnings;
  auto next = assign_rxqs(rxq_loads(), pmd_slots(), config_.rxq_assign, {}, &warnings);
  for (auto& w : warnings) LOG_WARN("dpif", "%s", w.c_str());
  unsigned moved = 0;
  for (auto& [id, pmd] : next) {
    auto old = assignment_.find(id);
    if (old != assignment_.end() && old->second != pmd) ++moved;
  }
  if (auto applied = apply(next); !applied) return applied.error();
  std::string summary = "rxq rebalance (" + std::string(rxq_assign_policy_name(config_.rxq_assign)) +
                        "): " + std::to_string(next.size()) + " rxqs, " + std::to_string(moved) +
                        " moved\n";
  LOG_INFO("dpif", "%s", summary.substr(0, summary.size() - 1).c_str());
  return summary;
}

void Datapath::set_pmd_sleep_max_us(uint32_t us) {
  config_.pmd_sleep_max_us = us;
  for (auto& pmd : pmds_) pmd->set_sleep_max_us(us);
}

uint64_t Datapath::pmd_total_cycles(unsigned pmd) const {
  const PmdCounters& c = pmds_[pmd]->counters();
  return c.busy_cycles.get() + c.idle_cycles.get();
}

void Datapath::sample_cycles() {
  for (unsigned i = 0; i < pmds_.size(); ++i) pmd_history_[i].sample(pmd_total_cycles(i));
  for (auto& [no, p] : ports_)
    for (size_t q = 0; q < p.rxqs.size(); ++q) p.rxq_history[q].sample(p.rxqs[q]->busy_cycles.get());
}

void Datapath::clear_pmd_stats() {
  for (unsigned i = 0; i < pmds_.size(); ++i)
    clear_baseline_[i] = PmdCounterValues::read(pmds_[i]->counters());
  cleared_at_ = std::chrono::steady_clock::now();
}

std::vector<PmdReport> Datapath::pmd_reports() const {
  std::vector<PmdReport> out;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - cleared_at_).count();
  for (unsigned i = 0; i < pmds_.size(); ++i) {
    const PmdThread& pmd = *pmds_[i];
    out.push_back(PmdReport{pmd.index(), pmd.cpu(), pmd.numa(), pmd.thread_name(),
                            pmd.sleep_max_us(),
                            PmdCounterValues::read(pmd.counters()) - clear_baseline_[i], secs});
  }
  return out;
}

std::vector<RxqReport> Datapath::rxq_reports() const {
  std::vector<RxqReport> out;
  for (auto& [id, pmd] : assignment_) {
    auto it = ports_.find(id.port_no);
    if (it == ports_.end()) continue;
    const AttachedPort& p = it->second;
    uint64_t total = pmd_history_[pmd].recent(pmd_total_cycles(pmd));
    uint64_t busy = p.rxq_history[id.queue].recent(p.rxqs[id.queue]->busy_cycles.get());
    out.push_back(RxqReport{pmd, id.port_no, p.port->name(), id.queue,
                            total ? 100.0 * double(busy) / double(total) : 0.0,
                            p.rxqs[id.queue]->packets.get()});
  }
  return out;
}

std::vector<PortReport> Datapath::port_reports() const {
  std::vector<PortReport> out;
  for (auto& [no, p] : ports_) {
    PortReport r;
    r.port_no = no;
    r.name = p.port->name();
    r.devargs = p.port->config().devargs;
    r.driver = p.port->driver();
    r.numa = p.port->numa_socket();
    r.link = p.port->link();
    r.mtu = p.port->config().mtu;
    r.n_rxq = p.port->n_rxq();
    r.n_txq = p.port->n_txq();
    r.txq_locked = p.runtime->n_txq < pmds_.size();
    if (p.forward_to) r.forward_to = ports_.at(*p.forward_to).port->name();
    for (unsigned i = 0; i < pmds_.size(); ++i) {
      const PortPmdCounters& c = p.runtime->counters[i];
      r.rx_packets += c.rx_packets.get();
      r.rx_bytes += c.rx_bytes.get();
      r.tx_packets += c.tx_packets.get();
      r.tx_bytes += c.tx_bytes.get();
      for (unsigned d = 0; d < kDropReasonCount; ++d) r.drops[d] += c.drops[d].get();
    }
    r.device = p.port->device_stats();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace turnout::dataplane
