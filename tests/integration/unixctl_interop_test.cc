// Debian's ovs-appctl and Turnout's turnoutctl both drive turnoutd's control socket.

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>

#include "switch_fixture.h"

namespace turnout::testing {
namespace {

class UnixctlInterop : public ::testing::Test {
 protected:
  void SetUp() override {
    sw_ = std::make_unique<Turnoutd>(dir_.path(), std::vector<std::string>{
                                                      "--port", "n0=net_ring0",
                                                      "--port", "n1=net_ring1",
                                                      "--forward", "n0:n1"});
    ASSERT_TRUE(sw_->ok()) << sw_->startup_error();
  }
  CommandResult appctl(std::vector<std::string> args) {
    args.insert(args.begin(), {"/usr/bin/ovs-appctl", "-t", sw_->socket()});
    return run_command(args);
  }
  TempDir dir_{"unixctl"};
  std::unique_ptr<Turnoutd> sw_;
};

TEST_F(UnixctlInterop, OvsAppctlListsCommandsAndReadsVersion) {
  auto list = appctl({"list-commands"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  for (const char* cmd : {"dpif-netdev/pmd-stats-show", "dpif-netdev/pmd-stats-clear",
                          "dpif-netdev/pmd-rxq-show", "dpif-netdev/pmd-rxq-rebalance",
                          "port/show", "exit", "version", "list-commands"})
    EXPECT_NE(list.out.find(cmd), std::string::npos) << cmd;
  auto version = appctl({"version"});
  EXPECT_EQ(version.out, "turnoutd (Turnout) 0.1.0\n");
}

TEST_F(UnixctlInterop, OvsAppctlShowsPmdStatsAndRxqs) {
  auto stats = appctl({"dpif-netdev/pmd-stats-show"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_NE(stats.out.find("pmd thread numa_id 0 core_id"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("avg processing cycles per packet:"), std::string::npos);
  auto rxqs = appctl({"dpif-netdev/pmd-rxq-show"});
  EXPECT_NE(rxqs.out.find("port: n0"), std::string::npos) << rxqs.out;
  EXPECT_NE(rxqs.out.find("queue-id:  0 (enabled)   pmd usage:"), std::string::npos) << rxqs.out;
  EXPECT_EQ(appctl({"dpif-netdev/pmd-stats-clear"}).exit_code, 0);
  auto rebalance = appctl({"dpif-netdev/pmd-rxq-rebalance"});
  EXPECT_EQ(rebalance.exit_code, 0) << rebalance.err;
  EXPECT_NE(rebalance.out.find("rxq rebalance"), std::string::npos);
}

TEST_F(UnixctlInterop, UnknownCommandAndBadArgumentsExitTwoWithTheReason) {
  auto unknown = appctl({"no-such-command"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("\"no-such-command\" is not a valid command"), std::string::npos)
      << unknown.err;
  auto too_many = appctl({"port/del", "a", "b"});
  EXPECT_EQ(too_many.exit_code, 2);
  EXPECT_NE(too_many.err.find("at most 1 arguments"), std::string::npos) << too_many.err;
  auto bad = sw_->ctl({"dpif-netdev/pmd-sleep-set", "lots"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("not a number"), std::string::npos) << bad.err;
}

TEST_F(UnixctlInterop, TurnoutctlChangesPmdSleepAndForwarding) {
  EXPECT_EQ(sw_->ctl({"dpif-netdev/pmd-sleep-set", "100"}).exit_code, 0);
  EXPECT_NE(sw_->ctl({"dpif-netdev/pmd-sleep-show"}).out.find("max sleep 100 us"),
            std::string::npos);
  EXPECT_EQ(sw_->ctl({"forward/show"}).out, "n0 -> n1\n");
  EXPECT_EQ(sw_->ctl({"forward/del", "n0"}).exit_code, 0);
  EXPECT_EQ(sw_->ctl({"forward/show"}).out, "");
}

TEST_F(UnixctlInterop, ExitStopsTheDaemonCleanly) {
  auto r = appctl({"exit"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto code = sw_->process().wait(std::chrono::seconds(15));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
  EXPECT_FALSE(std::filesystem::exists(sw_->socket()));
}

}  // namespace
}  // namespace turnout::testing
