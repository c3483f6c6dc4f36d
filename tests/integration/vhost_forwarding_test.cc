// Packets sent by a real vhost-user frontend (DPDK virtio-user in turnout-pktgen) through
// turnoutd all arrive, in both socket roles and at both ends of the frame-size range.

#include <gtest/gtest.h>

#include <filesystem>

#include "switch_fixture.h"

namespace turnout::testing {
namespace {

struct Case {
  std::string role;  // what turnoutd is on the vhost-user socket
  int size;
  std::string vdev_opts;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << "turnoutd " << c.role << ", " << c.size << "-byte frames" << c.vdev_opts;
}

std::string name_of(const ::testing::TestParamInfo<Case>& info) {
  return info.param.role + "_" + std::to_string(info.param.size) +
         (info.param.vdev_opts.empty() ? "" : "_packed");
}

class VhostForwarding : public ::testing::TestWithParam<Case> {};

TEST_P(VhostForwarding, DeliversEveryPacketAndCountsThem) {
  const Case& c = GetParam();
  TempDir dir("vhost-fwd");
  std::string client = c.role == "client" ? ",client=1" : "";
  std::string s0 = dir / "vh0.sock", s1 = dir / "vh1.sock";
  // In the client role turnoutd connects to sockets the generator creates; it retries
  // until they exist, so the daemon may start first.
  Turnoutd sw(dir.path(), {"--port", "vh0=net_vhost0,iface=" + s0 + client,
                           "--port", "vh1=net_vhost1,iface=" + s1 + client,
                           "--forward", "vh0:vh1", "--forward", "vh1:vh0"});
  ASSERT_TRUE(sw.ok()) << sw.startup_error();
  const uint64_t n = 200000;
  std::vector<std::string> opts = {"--tx-sock", s0, "--rx-sock", s1, "--switch-role", c.role,
                                   "--size", std::to_string(c.size), "--flows", "64",
                                   "--count", std::to_string(n), "--rate-mpps", "1",
                                   "--expect-no-loss"};
  if (!c.vdev_opts.empty()) opts.insert(opts.end(), {"--vdev-opts", c.vdev_opts});
  auto r = run_pktgen(dir / "pktgen", opts);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.count("tx_pkts"), n);
  EXPECT_EQ(r.count("rx_pkts"), n);
  EXPECT_EQ(r.count("lost"), 0u);
  EXPECT_EQ(r.count("foreign"), 0u);

  auto show = sw.ctl({"port/show", "vh0"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("rx: " + std::to_string(n) + " packets, " +
                          std::to_string(n * uint64_t(c.size)) + " bytes"),
            std::string::npos)
      << show.out;
  auto out = sw.ctl({"port/show", "vh1"});
  EXPECT_NE(out.out.find("tx: " + std::to_string(n) + " packets"), std::string::npos) << out.out;
  EXPECT_NE(out.out.find("tx queue full 0"), std::string::npos) << out.out;
  auto stats = sw.ctl({"dpif-netdev/pmd-stats-show"});
  EXPECT_NE(stats.out.find("packets received: " + std::to_string(n)), std::string::npos)
      << stats.out;
  EXPECT_EQ(sw.stop(), 0);
}

INSTANTIATE_TEST_SUITE_P(Roles, VhostForwarding,
                         ::testing::Values(Case{"server", 64, ""}, Case{"server", 1518, ""},
                                           Case{"client", 64, ""}, Case{"client", 1518, ""},
                                           Case{"server", 64, ",packed_vq=1"}),
                         name_of);

TEST(RingPortForwarding, LoopsThroughANetRingPort) {
  // vh0 -> ring0 (a net_ring port receives what it transmits) -> vh1.
  TempDir dir("ring-fwd");
  std::string s0 = dir / "vh0.sock", s1 = dir / "vh1.sock";
  Turnoutd sw(dir.path(), {"--port", "vh0=net_vhost0,iface=" + s0,
                           "--port", "vh1=net_vhost1,iface=" + s1,
                           "--port", "ring0=net_ring0",
                           "--forward", "vh0:ring0", "--forward", "ring0:vh1"});
  ASSERT_TRUE(sw.ok()) << sw.startup_error();
  auto r = run_pktgen(dir / "pktgen", {"--tx-sock", s0, "--rx-sock", s1, "--count", "50000",
                                       "--rate-mpps", "0.5", "--expect-no-loss"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.count("rx_pkts"), 50000u);
  auto ring = sw.ctl({"port/show", "ring0"});
  EXPECT_NE(ring.out.find("rx: 50000 packets"), std::string::npos) << ring.out;
  EXPECT_NE(ring.out.find("tx: 50000 packets"), std::string::npos) << ring.out;
}

TEST(PcapPortForwarding, WritesEveryForwardedFrameToThePcapFile) {
  TempDir dir("pcap-fwd");
  std::string s0 = dir / "vh0.sock", s1 = dir / "vh1.sock", pcap = dir / "out.pcap";
  Turnoutd sw(dir.path(), {"--port", "vh0=net_vhost0,iface=" + s0,
                           "--port", "vh1=net_vhost1,iface=" + s1,
                           "--port", "cap=net_pcap0,tx_pcap=" + pcap,
                           "--forward", "vh0:cap"});
  ASSERT_TRUE(sw.ok()) << sw.startup_error();
  auto r = run_pktgen(dir / "pktgen", {"--tx-sock", s0, "--rx-sock", s1, "--count", "1000",
                                       "--rate-mpps", "0.1", "--size", "128"});
  EXPECT_EQ(r.count("tx_pkts"), 1000u) << r.err;
  auto show = sw.ctl({"port/show", "cap"});
  EXPECT_NE(show.out.find("tx: 1000 packets, 128000 bytes"), std::string::npos) << show.out;
  // Detaching the port closes (flushes) the capture file.
  ASSERT_EQ(sw.ctl({"port/del", "cap"}).exit_code, 0);
  // pcap: 24-byte file header, then a 16-byte record header per frame.
  EXPECT_EQ(std::filesystem::file_size(pcap), 24u + 1000u * (16 + 128));
}

TEST(UnforwardedTraffic, IsDroppedAndCountedAsNoForwardingEntry) {
  TempDir dir("nofwd");
  std::string s0 = dir / "vh0.sock", s1 = dir / "vh1.sock";
  Turnoutd sw(dir.path(), {"--port", "vh0=net_vhost0,iface=" + s0,
                           "--port", "vh1=net_vhost1,iface=" + s1});
  ASSERT_TRUE(sw.ok()) << sw.startup_error();
  auto r = run_pktgen(dir / "pktgen", {"--tx-sock", s0, "--rx-sock", s1, "--count", "10000",
                                       "--rate-mpps", "0.5"});
  EXPECT_EQ(r.count("rx_pkts"), 0u);
  auto show = sw.ctl({"port/show", "vh0"});
  EXPECT_NE(show.out.find("no forwarding entry 10000"), std::string::npos) << show.out;
}

}  // namespace
}  // namespace turnout::testing
