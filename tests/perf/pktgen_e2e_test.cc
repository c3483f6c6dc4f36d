// End to end: turnout-pktgen against dpdk-testpmd io-forwarding between two net_vhost
// ports (the "limit" switch of perf/), both roles of the vhost-user sockets.
// Layout as in the perf anchors: testpmd forwards on CPU 1, the generator busy-polls CPU 0.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "child_process.h"

namespace turnout::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPktgen = TURNOUT_PKTGEN_BIN;

std::map<std::string, std::string> parse_result_line(const std::string& stdout_text) {
  std::map<std::string, std::string> fields;
  std::istringstream lines(stdout_text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("RESULT ", 0) != 0) continue;
    std::istringstream words(line.substr(7));
    std::string word;
    while (words >> word) {
      const size_t equals = word.find('=');
      if (equals != std::string::npos) fields[word.substr(0, equals)] = word.substr(equals + 1);
    }
  }
  return fields;
}

bool testpmd_installed() {
  for (const char* dir : {"/usr/bin", "/usr/local/bin"})
    if (std::filesystem::exists(std::string(dir) + "/dpdk-testpmd")) return true;
  return false;
}

long free_hugepages() {
  std::istringstream meminfo(read_file("/proc/meminfo"));
  std::string line;
  while (std::getline(meminfo, line))
    if (line.rfind("HugePages_Free:", 0) == 0) return std::stol(line.substr(15));
  return 0;
}

class PktgenE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testpmd_installed()) GTEST_SKIP() << "dpdk-testpmd not installed";
    // 256 MiB each for testpmd and the generator, in 2 MiB pages.
    if (free_hugepages() < 256) GTEST_SKIP() << "fewer than 256 free hugepages";
    ASSERT_TRUE(dir_.ok());
  }

  // testpmd listens on the sockets (role server) or connects to them (role client).
  void start_testpmd(bool switch_is_client) {
    const std::string client = switch_is_client ? ",client=1" : "";
    testpmd_.emplace(
        std::vector<std::string>{
            "dpdk-testpmd", "-l", "0,1", "--main-lcore", "0",
            "--file-prefix", "turnout-e2e-testpmd-" + std::to_string(::getpid()),
            "--in-memory", "--no-pci", "-m", "256",
            "--vdev", "net_vhost0,iface=" + tx_sock() + ",queues=1" + client,
            "--vdev", "net_vhost1,iface=" + rx_sock() + ",queues=1" + client,
            "--", "--forward-mode=io", "--nb-cores=1", "--rxq=1", "--txq=1",
            "--total-num-mbufs=16384", "--auto-start", "--no-mlockall",
            // Without a stats period, non-interactive testpmd quits at stdin EOF.
            "--stats-period", "30"},
        dir_.file("testpmd.out"), dir_.file("testpmd.err"));
    ASSERT_TRUE(testpmd_->started());
  }

  std::optional<int> run_pktgen(std::vector<std::string> extra, std::chrono::seconds timeout) {
    std::vector<std::string> argv = {kPktgen, "--tx-sock", tx_sock(), "--rx-sock", rx_sock(),
                                     "--cpu", "0", "--file-prefix",
                                     "turnout-e2e-pktgen-" + std::to_string(::getpid())};
    argv.insert(argv.end(), extra.begin(), extra.end());
    ChildProcess pktgen(argv, dir_.file("pktgen.out"), dir_.file("pktgen.err"));
    const auto status = pktgen.wait(timeout);
    if (!status) pktgen.stop(SIGINT, 5s);
    return status;
  }

  std::string tx_sock() const { return dir_.file("tx.sock"); }
  std::string rx_sock() const { return dir_.file("rx.sock"); }
  std::string pktgen_stdout() const { return read_file(dir_.file("pktgen.out")); }
  std::string diagnostics() const {
    return "\n--- pktgen stderr:\n" + read_file(dir_.file("pktgen.err")) +
           "\n--- testpmd stdout (tail):\n" + tail(read_file(dir_.file("testpmd.out")));
  }

  void expect_lossless_count(const std::vector<std::string>& extra) {
    const auto status = run_pktgen(extra, 30s);
    ASSERT_TRUE(status.has_value()) << "turnout-pktgen timed out" << diagnostics();
    EXPECT_EQ(*status, 0) << diagnostics();
    auto result = parse_result_line(pktgen_stdout());
    ASSERT_FALSE(result.empty()) << "no RESULT line" << diagnostics();
    EXPECT_EQ(result["tx_pkts"], "20000") << diagnostics();
    EXPECT_EQ(result["rx_pkts"], result["tx_pkts"]) << diagnostics();
    EXPECT_EQ(result["lost"], "0");
    EXPECT_EQ(result["foreign"], "0");
    EXPECT_EQ(result["reordered"], "0");
    EXPECT_EQ(result["size"], "64");
    EXPECT_NE(result["lat_p50_us"], "nan");
  }

  static std::string tail(const std::string& text) {
    return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
  }

  TempDir dir_;  // declared first: removed after both processes are gone
  std::optional<ChildProcess> testpmd_;
};

TEST_F(PktgenE2E, SendsExactCountThroughTestpmdWithoutLoss) {
  start_testpmd(/*switch_is_client=*/false);
  // No wait for testpmd's sockets: the generator retries until they exist.
  expect_lossless_count({"--count", "20000", "--rate-mpps", "1", "--expect-no-loss"});
  EXPECT_TRUE(testpmd_->running()) << diagnostics();
  EXPECT_EQ(testpmd_->stop(SIGINT, 5s), 0) << diagnostics();
}

TEST_F(PktgenE2E, ListensWhenTheSwitchIsTheVhostUserClient) {
  start_testpmd(/*switch_is_client=*/true);
  expect_lossless_count({"--switch-role", "client", "--count", "20000", "--rate-mpps", "1",
                         "--expect-no-loss"});
  EXPECT_EQ(testpmd_->stop(SIGINT, 5s), 0) << diagnostics();
}

TEST_F(PktgenE2E, ReportsAMissingSwitchInOneLine) {
  const auto status = run_pktgen({"--count", "10", "--connect-timeout", "0.5"}, 20s);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(*status, 1);
  const std::string error = read_file(dir_.file("pktgen.err"));
  EXPECT_EQ(error, "turnout-pktgen: cannot connect to " + tx_sock() +
                       ": No such file or directory\n");
  EXPECT_EQ(pktgen_stdout(), "");
}

}  // namespace
}  // namespace turnout::testing
