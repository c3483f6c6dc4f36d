#include "turnout/control/dpif_reports.h"

#include "turnout/common/log.h"

namespace turnout::control {
namespace {

double pct(uint64_t part, uint64_t whole) { return whole ? 100.0 * double(part) / double(whole) : 0.0; }
double ratio(uint64_t a, uint64_t b) { return b ? double(a) / double(b) : 0.0; }
unsigned long long ull(uint64_t v) { return static_cast<unsigned long long>(v); }

std::string pmd_header(const dataplane::PmdReport& p) {
  return strformat("pmd thread numa_id %d core_id %u:\n", p.numa, p.cpu);
}

}  // namespace

std::string format_pmd_stats(const std::vector<dataplane::PmdReport>& pmds, double tsc_hz) {
  std::string out;
  for (auto& p : pmds) {
    const auto& v = p.since_clear;
    uint64_t dropped = 0;
    for (auto d : v.drops) dropped += d;
    uint64_t total = v.busy_cycles + v.idle_cycles;
    out += pmd_header(p);
    out += strformat("  packets received: %llu\n", ull(v.rx_packets));
    out += strformat("  packets transmitted: %llu\n", ull(v.tx_packets));
    out += strformat("  packets dropped: %llu\n", ull(dropped));
    for (unsigned d = 0; d < dataplane::kDropReasonCount; ++d)
      out += strformat("    %s: %llu\n", std::string(dataplane::kDropReasonNames[d]).c_str(),
                       ull(v.drops[d]));
    out += strformat("  avg. packets per output batch: %.2f\n", ratio(v.tx_packets, v.tx_bursts));
    out += strformat("  idle cycles: %llu (%.2f%%)\n", ull(v.idle_cycles), pct(v.idle_cycles, total));
    out += strformat("  processing cycles: %llu (%.2f%%)\n", ull(v.busy_cycles),
                     pct(v.busy_cycles, total));
    out += strformat("  sleep time: %.0f us (%.2f%%), max sleep %u us\n",
                     tsc_hz > 0 ? double(v.sleep_cycles) / tsc_hz * 1e6 : 0.0,
                     pct(v.sleep_cycles, total), p.sleep_max_us);
    out += strformat("  avg cycles per packet: %.2f (%llu/%llu)\n", ratio(total, v.rx_packets),
                     ull(total), ull(v.rx_packets));
    out += strformat("  avg processing cycles per packet: %.2f (%llu/%llu)\n",
                     ratio(v.busy_cycles, v.rx_packets), ull(v.busy_cycles), ull(v.rx_packets));
    out += strformat("  rx rate since last clear: %.3f Mpps over %.2f s\n",
                     p.seconds_since_clear > 0 ? double(v.rx_packets) / p.seconds_since_clear / 1e6 : 0.0,
                     p.seconds_since_clear);
  }
  return out;
}

std::string format_pmd_rxqs(const std::vector<dataplane::PmdReport>& pmds,
                            const std::vector<dataplane::RxqReport>& rxqs) {
  std::string out;
  for (auto& p : pmds) {
    out += pmd_header(p);
    out += "  isolated : false\n";
    for (auto& r : rxqs) {
      if (r.pmd_index != p.index) continue;
      out += strformat("  port: %-16s queue-id: %2u (enabled)   pmd usage: %3.0f %%\n",
                       r.port_name.c_str(), r.queue, r.usage_pct);
    }
  }
  return out;
}

std::string format_ports(const std::vector<dataplane::PortReport>& ports) {
  std::string out;
  for (auto& p : ports) {
    out += strformat("port %u: %s\n", p.port_no, p.name.c_str());
    out += strformat("  devargs: %s\n", p.devargs.c_str());
    out += strformat("  driver: %s, numa %d, mtu %u\n", p.driver.c_str(), p.numa, p.mtu);
    if (p.link.up)
      out += strformat("  link: up, %u Mbps, %s duplex\n", p.link.speed_mbps,
                       p.link.full_duplex ? "full" : "half");
    else
      out += "  link: down\n";
    out += strformat("  queues: %u rxq, %u txq (%s)\n", p.n_rxq, p.n_txq,
                     p.txq_locked ? "shared by PMDs under a lock" : "one per PMD, lockless");
    out += strformat("  forward: %s\n", p.forward_to ? p.forward_to->c_str() : "(none)");
    out += strformat("  rx: %llu packets, %llu bytes\n", ull(p.rx_packets), ull(p.rx_bytes));
    out += strformat("  tx: %llu packets, %llu bytes\n", ull(p.tx_packets), ull(p.tx_bytes));
    out += "  drops:";
    for (unsigned d = 0; d < dataplane::kDropReasonCount; ++d)
      out += strformat("%s %s %llu", d ? "," : "",
                       std::string(dataplane::kDropReasonNames[d]).c_str(), ull(p.drops[d]));
    out += "\n";
    out += strformat("  device: rx %llu packets, rx missed %llu, rx errors %llu, rx no mbuf %llu, "
                     "tx %llu packets, tx errors %llu\n",
                     ull(p.device.ipackets), ull(p.device.imissed), ull(p.device.ierrors),
                     ull(p.device.rx_nombuf), ull(p.device.opackets), ull(p.device.oerrors));
  }
  return out;
}

std::string format_pools(const std::vector<dataplane::MbufPools::PoolInfo>& pools) {
  std::string out;
  for (auto& p : pools)
    out += strformat("mbuf pool %s: socket %d, %u bytes per mbuf, %u mbufs, %u reserved by "
                     "ports, %u in use\n",
                     p.name.c_str(), p.socket, p.data_room, p.size, p.reserved, p.in_use);
  return out;
}

}  // namespace turnout::control
