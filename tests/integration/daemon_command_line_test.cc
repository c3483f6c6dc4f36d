// turnoutd refuses bad command lines and unusable resources with one clear line.

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "process.h"
#include "switch_fixture.h"

namespace turnout::testing {
namespace {

CommandResult turnoutd(std::vector<std::string> args) {
  args.insert(args.begin(), bin("turnoutd"));
  return run_command(args, std::chrono::seconds(60));
}

TEST(TurnoutdCommandLine, HelpDocumentsEveryOption) {
  auto r = turnoutd({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option : {"--run-dir", "--pmd-cpu-mask", "--port", "--port-config",
                             "--forward", "--log-level", "--eal-args", "--pmd-sleep-max-us",
                             "--rxq-assign", "--main-cpu", "--unixctl"})
    EXPECT_NE(r.out.find(option), std::string::npos) << option;
}

TEST(TurnoutdCommandLine, VersionPrintsTheVersion) {
  auto r = turnoutd({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "turnoutd (Turnout) 0.1.0\n");
}

struct BadOption {
  std::vector<std::string> args;
  std::string message;
};

void PrintTo(const BadOption& b, std::ostream* os) {
  for (auto& a : b.args) *os << a << ' ';
}

class TurnoutdRejects : public ::testing::TestWithParam<BadOption> {};

TEST_P(TurnoutdRejects, WithOneLineNamingTheProblem) {
  TempDir dir("badopt");
  auto args = GetParam().args;
  args.insert(args.begin(), {"--run-dir", dir.path()});
  auto r = turnoutd(args);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(GetParam().message), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    BadOptions, TurnoutdRejects,
    ::testing::Values(
        BadOption{{"--no-such-option"}, "unrecognised option '--no-such-option'"},
        BadOption{{"--pmd-cpu-mask", "0xzz"}, "invalid CPU mask"},
        BadOption{{"--pmd-cpu-mask", "0x0"}, "selects no CPU"},
        BadOption{{"--pmd-cpu-mask", "0x100000"}, "which is not available"},
        BadOption{{"--port", "novalue"}, "--port expects NAME=DEVARGS"},
        BadOption{{"--port", "a=net_null0", "--port", "a=net_null1"}, "duplicate port name 'a'"},
        BadOption{{"--port", "a=net_null0", "--forward", "a:b"}, "no --port named 'b'"},
        BadOption{{"--port", "a=net_null0", "--port-config", "a:mtu=99999"}, "mtu"},
        BadOption{{"--port", "a=net_null0", "--port-config", "a:colour=red"}, "unknown option 'colour'"},
        BadOption{{"--log-level", "loud"}, "unknown log level 'loud'"},
        BadOption{{"--rxq-assign", "random"}, "unknown rxq assignment 'random'"},
        BadOption{{"--pmd-sleep-max-us", "20000"}, "at most 10000"}));

TEST(TurnoutdStartup, UnknownDeviceFailsWithTheDeviceNamed) {
  TempDir dir("unknown-dev");
  auto r = turnoutd({"--run-dir", dir.path(), "--port", "x=net_bogus0,foo=1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("port x (net_bogus0): cannot attach device"), std::string::npos) << r.err;
}

TEST(TurnoutdStartup, SecondDaemonOnTheSameRunDirFindsTheSocketBusy) {
  TempDir dir("busy");
  Turnoutd first(dir.path(), {"--port", "n0=net_null0"});
  ASSERT_TRUE(first.ok()) << first.startup_error();
  auto r = turnoutd({"--run-dir", dir.path()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("is busy"), std::string::npos) << r.err;
  EXPECT_EQ(first.ctl({"version"}).exit_code, 0) << "the first daemon must keep running";
}

TEST(TurnoutdStartup, BusyVhostSocketPathIsReported) {
  TempDir dir("busy-vhost");
  TempDir dir2("busy-vhost2");
  std::string sock = dir / "vh.sock";
  Turnoutd first(dir.path(), {"--port", "vh=net_vhost0,iface=" + sock});
  ASSERT_TRUE(first.ok()) << first.startup_error();
  auto r = turnoutd({"--run-dir", dir2.path(), "--port", "vh=net_vhost0,iface=" + sock});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("vhost-user socket path " + sock + " is busy"), std::string::npos) << r.err;
}

TEST(TurnoutdStartup, MissingHugepagesAreReportedBeforeDpdkStarts) {
  // A private mount namespace shows turnoutd a hugepage tree with nothing free; the
  // machine's real reservation is untouched.
  TempDir dir("nohuge");
  for (const char* size : {"hugepages-2048kB", "hugepages-1048576kB"}) {
    std::filesystem::create_directories(dir / "sys" + "/" + size);
    std::ofstream(dir / "sys" + "/" + size + "/free_hugepages") << "0\n";
    std::ofstream(dir / "sys" + "/" + size + "/nr_hugepages") << "0\n";
  }
  std::string script = "mount --bind " + (dir / "sys") + " /sys/kernel/mm/hugepages && exec " +
                       bin("turnoutd") + " --run-dir " + (dir / "run");
  auto r = run_command({"/usr/bin/unshare", "--mount", "/bin/sh", "-c", script});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no free hugepages: reserve some first"), std::string::npos) << r.err;
}

TEST(TurnoutdStartup, StaleControlSocketIsReplaced) {
  TempDir dir("stale");
  {
    Turnoutd first(dir.path(), {});
    ASSERT_TRUE(first.ok()) << first.startup_error();
    first.process().signal(SIGKILL);
    first.process().wait(std::chrono::seconds(10));
  }
  Turnoutd second(dir.path(), {});
  EXPECT_TRUE(second.ok()) << second.startup_error();
}

}  // namespace
}  // namespace turnout::testing
