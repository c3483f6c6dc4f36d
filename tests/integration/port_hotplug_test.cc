// Ports come and go at run time while traffic flows on others: nothing lost on the
// others, no crash, no mbuf leak.

#include <gtest/gtest.h>

#include <thread>

#include "switch_fixture.h"

namespace turnout::testing {
namespace {

TEST(PortHotplug, AddAndRemoveUnderTrafficLosesNothingOnOtherPorts) {
  TempDir dir("hotplug");
  std::string s0 = dir / "vh0.sock", s1 = dir / "vh1.sock";
  Turnoutd sw(dir.path(), {"--port", "vh0=net_vhost0,iface=" + s0,
                           "--port", "vh1=net_vhost1,iface=" + s1, "--forward", "vh0:vh1"});
  ASSERT_TRUE(sw.ok()) << sw.startup_error();
  uint64_t in_use_before = sw.mbufs_in_use();

  // ~8 s of traffic at 1 Mpps while ports churn beside it.
  const uint64_t n = 8000000;
  PktgenResult result;
  std::thread traffic([&] {
    result = run_pktgen(dir / "pktgen", {"--tx-sock", s0, "--rx-sock", s1, "--count",
                                         std::to_string(n), "--rate-mpps", "1", "--flows", "32",
                                         "--expect-no-loss"});
  });
  std::this_thread::sleep_for(std::chrono::seconds(2));
  for (int round = 0; round < 5; ++round) {
    std::string ring = "ring" + std::to_string(round), null = "null" + std::to_string(round);
    auto add1 = sw.ctl({"port/add", ring, "net_ring" + std::to_string(round)});
    EXPECT_EQ(add1.exit_code, 0) << add1.err;
    auto add2 = sw.ctl({"port/add", null, "net_null" + std::to_string(round), "n_rxq=2"});
    EXPECT_EQ(add2.exit_code, 0) << add2.err;
    EXPECT_EQ(sw.ctl({"forward/add", null, ring}).exit_code, 0);  // null traffic -> ring
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_EQ(sw.ctl({"port/del", ring}).exit_code, 0);
    EXPECT_EQ(sw.ctl({"port/del", null}).exit_code, 0);
  }
  traffic.join();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.count("rx_pkts"), n);
  EXPECT_EQ(result.count("lost"), 0u);

  auto ports = sw.ctl({"port/show"});
  EXPECT_EQ(ports.out.find("ring"), std::string::npos) << ports.out;
  EXPECT_TRUE(wait_until([&] { return sw.mbufs_in_use() <= in_use_before + 64; },
                         std::chrono::seconds(5)))
      << "mbufs in use grew from " << in_use_before << " to " << sw.mbufs_in_use();
  EXPECT_EQ(sw.stop(), 0);
}

TEST(PortHotplug, BadPortAtRunTimeIsAnErrorAndTheDaemonKeepsRunning) {
  TempDir dir("hotplug-bad");
  Turnoutd sw(dir.path(), {"--port", "n0=net_null0"});
  ASSERT_TRUE(sw.ok()) << sw.startup_error();
  auto r = sw.ctl({"port/add", "x", "net_bogus7"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot attach device"), std::string::npos) << r.err;
  r = sw.ctl({"port/add", "n0", "net_null5"});
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  r = sw.ctl({"port/add", "y", "net_null6", "n_rxq=5000"});
  EXPECT_EQ(r.exit_code, 2);
  r = sw.ctl({"port/add", "z", "net_null8", "mtu=99999"});
  EXPECT_NE(r.err.find("out of range"), std::string::npos) << r.err;
  r = sw.ctl({"port/del", "nope"});
  EXPECT_NE(r.err.find("no port named nope"), std::string::npos) << r.err;
  EXPECT_EQ(sw.ctl({"port/show", "n0"}).exit_code, 0);
}

TEST(PortHotplug, JumboMtuGetsMbufsLargeEnoughForItsFrames) {
  TempDir dir("jumbo");
  Turnoutd sw(dir.path(), {"--port", "n0=net_null0"});
  ASSERT_TRUE(sw.ok()) << sw.startup_error();
  auto r = sw.ctl({"port/add", "j", "net_ring3", "mtu=9000"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(sw.ctl({"port/show", "j"}).out.find("mtu 9000"), std::string::npos);
  // 9000 + Ethernet header, two VLAN tags and FCS, after the mbuf headroom.
  EXPECT_NE(sw.ctl({"memory/show"}).out.find("9154 bytes per mbuf"), std::string::npos)
      << sw.ctl({"memory/show"}).out;
}

}  // namespace
}  // namespace turnout::testing
