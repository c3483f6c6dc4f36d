// Two PMD threads, two daemons: rxqs spread and move without loss, and instances run
// side by side.

#include <gtest/gtest.h>

#include <thread>

#include "switch_fixture.h"

namespace turnout::testing {
namespace {

TEST(MultiPmd, RebalanceUnderTrafficMovesQueuesWithoutLoss) {
  TempDir dir("rebalance");
  std::string s0 = dir / "vh0.sock", s1 = dir / "vh1.sock";
  // Two PMDs on two cores shared with the generator: the idle back-off keeps this fair.
  Turnoutd sw(dir.path(), {"--pmd-cpu-mask", "0x3", "--rxq-assign", "roundrobin",
                           "--port", "vh0=net_vhost0,iface=" + s0 + ",queues=2",
                           "--port", "vh1=net_vhost1,iface=" + s1 + ",queues=2",
                           "--port-config", "vh0:n_rxq=2", "--port-config", "vh1:n_rxq=2",
                           "--forward", "vh0:vh1", "--forward", "vh1:vh0"});
  ASSERT_TRUE(sw.ok()) << sw.startup_error();
  auto rxqs = sw.ctl({"dpif-netdev/pmd-rxq-show"});
  EXPECT_NE(rxqs.out.find("core_id 0"), std::string::npos) << rxqs.out;
  EXPECT_NE(rxqs.out.find("core_id 1"), std::string::npos) << rxqs.out;
  auto ports = sw.ctl({"port/show", "vh1"});
  EXPECT_NE(ports.out.find("2 rxq, 2 txq (one per PMD, lockless)"), std::string::npos) << ports.out;

  const uint64_t n = 2000000;
  PktgenResult result;
  std::thread traffic([&] {
    result = run_pktgen(dir / "pktgen", {"--tx-sock", s0, "--rx-sock", s1, "--count",
                                         std::to_string(n), "--rate-mpps", "0.5",
                                         "--expect-no-loss"});
  });
  for (int i = 0; i < 6; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    auto r = sw.ctl({"dpif-netdev/pmd-rxq-rebalance"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  traffic.join();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.count("rx_pkts"), n);
}

TEST(MultiPmd, FewerTxqsThanPmdsAreSharedUnderALock) {
  TempDir dir("locked-txq");
  std::string s0 = dir / "vh0.sock", s1 = dir / "vh1.sock";
  Turnoutd sw(dir.path(), {"--pmd-cpu-mask", "0x3",
                           "--port", "vh0=net_vhost0,iface=" + s0,
                           "--port", "vh1=net_vhost1,iface=" + s1, "--forward", "vh0:vh1"});
  ASSERT_TRUE(sw.ok()) << sw.startup_error();
  auto ports = sw.ctl({"port/show", "vh1"});
  EXPECT_NE(ports.out.find("1 rxq, 1 txq (shared by PMDs under a lock)"), std::string::npos)
      << ports.out;
  auto r = run_pktgen(dir / "pktgen", {"--tx-sock", s0, "--rx-sock", s1, "--count", "100000",
                                       "--rate-mpps", "0.5", "--expect-no-loss"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

TEST(TwoDaemons, RunSideBySideWithTheirOwnPortsAndSockets) {
  TempDir a("daemon-a"), b("daemon-b");
  Turnoutd first(a.path(), {"--pmd-cpu-mask", "0x2", "--port", "vh0=net_vhost0,iface=" + (a / "vh0.sock"),
                            "--port", "vh1=net_vhost1,iface=" + (a / "vh1.sock"),
                            "--forward", "vh0:vh1"});
  Turnoutd second(b.path(), {"--pmd-cpu-mask", "0x2", "--port", "vh0=net_vhost0,iface=" + (b / "vh0.sock"),
                             "--port", "vh1=net_vhost1,iface=" + (b / "vh1.sock"),
                             "--forward", "vh0:vh1"});
  ASSERT_TRUE(first.ok()) << first.startup_error();
  ASSERT_TRUE(second.ok()) << second.startup_error();
  for (auto* d : {&a, &b}) {
    auto r = run_pktgen(*d / "pktgen", {"--tx-sock", *d / "vh0.sock", "--rx-sock", *d / "vh1.sock",
                                        "--count", "50000", "--rate-mpps", "0.5",
                                        "--expect-no-loss"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.count("rx_pkts"), 50000u);
  }
}

}  // namespace
}  // namespace turnout::testing
