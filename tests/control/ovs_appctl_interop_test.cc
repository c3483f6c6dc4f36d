// The real ovs-appctl (Debian openvswitch-common) against our unixctl server.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "unixctl_fixture.h"

namespace turnout::jsonrpc {
namespace {

using ::testing::HasSubstr;

class OvsAppctlInteropTest : public testing::UnixctlFixture {
 protected:
  void SetUp() override {
    if (::access(OVS_APPCTL_PATH, X_OK) != 0)
      GTEST_SKIP() << OVS_APPCTL_PATH << " not installed (package openvswitch-common)";
    UnixctlFixture::SetUp();
  }

  testing::ProcessResult appctl(std::vector<std::string> args) {
    std::vector<std::string> argv = {OVS_APPCTL_PATH, "-t", socket_path(), "--timeout=5"};
    argv.insert(argv.end(), args.begin(), args.end());
    return testing::run_process(argv);
  }
};

TEST_F(OvsAppctlInteropTest, ListCommands) {
  auto result = appctl({"list-commands"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, unixctl_->command_list());
  EXPECT_THAT(result.out, HasSubstr("  test/need-two           A B\n"));
}

TEST_F(OvsAppctlInteropTest, Version) {
  auto result = appctl({"version"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "turnoutd (Turnout) 0.1.0\n");
}

TEST_F(OvsAppctlInteropTest, CommandWithArguments) {
  auto result = appctl({"test/need-two", "br0", "p1"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "br0+p1\n");
  EXPECT_EQ(result.err, "");
}

TEST_F(OvsAppctlInteropTest, UnknownCommandExits2WithMessageOnStderr) {
  auto result = appctl({"no-such-cmd"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr("\"no-such-cmd\" is not a valid command (use "
                                    "\"list-commands\" to see a list of valid commands)\n"));
}

TEST_F(OvsAppctlInteropTest, FailingCommandAndBadArgumentCountExit2) {
  auto failed = appctl({"test/fail"});
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_THAT(failed.err, HasSubstr("cannot do that: no bridge br9\n"));
  auto too_few = appctl({"test/need-two"});
  EXPECT_EQ(too_few.exit_code, 2);
  EXPECT_THAT(too_few.err, HasSubstr("requires at least 2 arguments"));
}

TEST_F(OvsAppctlInteropTest, DeferredCommand) {
  auto result = appctl({"test/later"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "done later\n");
}

// The daemon's "exit": answer, then stop the loop. The reply is written before the
// posted stop runs, so ovs-appctl sees a clean exit 0.
TEST_F(OvsAppctlInteropTest, ExitCommandAnswersThenStopsTheLoop) {
  thread_.run_in_loop([&] {
    auto status = unixctl_->register_command(
        "exit", "", 0, 0, [this](const UnixctlServer::Args&) -> Result<std::string> {
          loop_.post([this] { loop_.stop(); });
          return std::string();
        });
    ASSERT_TRUE(status.ok()) << status.message();
  });
  auto result = appctl({"exit"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "");
  EXPECT_TRUE(testing::eventually([&] { return thread_.returned(); }));
}

}  // namespace
}  // namespace turnout::jsonrpc
