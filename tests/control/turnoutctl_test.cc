// The turnoutctl binary against a live unixctl server.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "unixctl_fixture.h"

namespace turnout::jsonrpc {
namespace {

using ::testing::HasSubstr;

class TurnoutctlTest : public testing::UnixctlFixture {
 protected:
  testing::ProcessResult turnoutctl(std::vector<std::string> args) {
    args.insert(args.begin(), TURNOUTCTL_PATH);
    return testing::run_process(args);
  }
};

TEST_F(TurnoutctlTest, ListCommandsThroughTarget) {
  auto result = turnoutctl({"-t", socket_path(), "list-commands"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, unixctl_->command_list());
}

TEST_F(TurnoutctlTest, DefaultTargetIsTurnoutdCtlInRunDir) {
  auto result = turnoutctl({"--run-dir", dir_.path(), "--timeout", "5", "version"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "turnoutd (Turnout) 0.1.0\n");
}

TEST_F(TurnoutctlTest, ArgumentsAfterCommandArePassedVerbatim) {
  auto result = turnoutctl({"--target=" + socket_path(), "test/args", "-t", "--help", "--"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "-t|--help|--|\n");
}

TEST_F(TurnoutctlTest, CommandErrorGoesToStderrWithExitCode2) {
  auto result = turnoutctl({"-t", socket_path(), "test/fail"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "cannot do that: no bridge br9\n");

  auto unknown = turnoutctl({"-t", socket_path(), "bogus"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("\"bogus\" is not a valid command"));
}

TEST_F(TurnoutctlTest, CannotConnectIsOneLineAndExitCode1) {
  std::string missing = dir_.file("nobody.ctl");
  auto result = turnoutctl({"-t", missing, "version"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err,
            "turnoutctl: cannot connect to " + missing + ": No such file or directory\n");
}

TEST_F(TurnoutctlTest, HelpDocumentsEveryOptionAndListCommands) {
  auto result = turnoutctl({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* text : {"--target", "-t", "--run-dir", "--timeout", "--help",
                           "turnoutctl list-commands", "turnoutd.ctl", "./turnout-run"})
    EXPECT_THAT(result.out, HasSubstr(text));
}

TEST_F(TurnoutctlTest, UsageErrorsExit1) {
  EXPECT_EQ(turnoutctl({}).exit_code, 1);
  EXPECT_EQ(turnoutctl({"--no-such-option", "version"}).exit_code, 1);
  EXPECT_EQ(turnoutctl({"--timeout", "soon", "version"}).exit_code, 1);
}

}  // namespace
}  // namespace turnout::jsonrpc
