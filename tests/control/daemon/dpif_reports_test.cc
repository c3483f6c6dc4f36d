#include "turnout/control/dpif_reports.h"

#include <gtest/gtest.h>

namespace turnout::control {
namespace {

dataplane::PmdReport busy_pmd() {
  dataplane::PmdReport p;
  p.index = 0;
  p.cpu = 1;
  p.numa = 0;
  p.sleep_max_us = 250;
  p.since_clear.rx_packets = 1000;
  p.since_clear.tx_packets = 990;
  p.since_clear.tx_bursts = 33;
  p.since_clear.drops[static_cast<unsigned>(dataplane::DropReason::kTxQueueFull)] = 10;
  p.since_clear.busy_cycles = 150000;
  p.since_clear.idle_cycles = 50000;
  p.seconds_since_clear = 2.0;
  return p;
}

TEST(DpifReports, PmdStatsUseOvsShapesAndDeriveCyclesPerPacket) {
  std::string text = format_pmd_stats({busy_pmd()}, 2e9);
  EXPECT_NE(text.find("pmd thread numa_id 0 core_id 1:\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  packets received: 1000\n"), std::string::npos);
  EXPECT_NE(text.find("  packets dropped: 10\n"), std::string::npos);
  EXPECT_NE(text.find("    tx queue full: 10\n"), std::string::npos);
  EXPECT_NE(text.find("  avg. packets per output batch: 30.00\n"), std::string::npos);
  EXPECT_NE(text.find("  processing cycles: 150000 (75.00%)\n"), std::string::npos);
  EXPECT_NE(text.find("  avg cycles per packet: 200.00 (200000/1000)\n"), std::string::npos);
  EXPECT_NE(text.find("  avg processing cycles per packet: 150.00 (150000/1000)\n"),
            std::string::npos);
  EXPECT_NE(text.find("rx rate since last clear: 0.001 Mpps over 2.00 s"), std::string::npos);
}

TEST(DpifReports, RxqShowListsEachPmdsQueuesWithUsage) {
  dataplane::RxqReport r{0, 1, "vh0", 0, 42.4, 5};
  std::string text = format_pmd_rxqs({busy_pmd()}, {r});
  EXPECT_NE(text.find("  port: vh0              queue-id:  0 (enabled)   pmd usage:  42 %\n"),
            std::string::npos)
      << text;
}

TEST(DpifReports, PortShowNamesDropReasonsAndTxqSharing) {
  dataplane::PortReport p;
  p.port_no = 3;
  p.name = "ring0";
  p.devargs = "net_ring0";
  p.driver = "net_ring";
  p.mtu = 1500;
  p.n_rxq = 1;
  p.n_txq = 1;
  p.txq_locked = true;
  p.rx_packets = 7;
  p.drops[static_cast<unsigned>(dataplane::DropReason::kNoForwardingEntry)] = 7;
  std::string text = format_ports({p});
  EXPECT_NE(text.find("port 3: ring0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("link: down"), std::string::npos);
  EXPECT_NE(text.find("1 rxq, 1 txq (shared by PMDs under a lock)"), std::string::npos);
  EXPECT_NE(text.find("forward: (none)"), std::string::npos);
  EXPECT_NE(text.find("no forwarding entry 7, tx queue full 0"), std::string::npos);
}

}  // namespace
}  // namespace turnout::control
