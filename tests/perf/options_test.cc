#include "turnout/pktgen/options.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "turnout/pktgen/eal_args.h"

namespace turnout::pktgen {
namespace {

Result<CommandLine> parse(std::vector<std::string> args) {
  args.insert(args.begin(), "turnout-pktgen");
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  return parse_command_line(static_cast<int>(argv.size()), argv.data());
}

Options parse_ok(std::vector<std::string> args) {
  auto command_line = parse(std::move(args));
  EXPECT_TRUE(command_line.ok()) << (command_line.ok() ? "" : command_line.message());
  return command_line.ok() ? command_line->options : Options{};
}

std::string parse_error(std::vector<std::string> args) {
  auto command_line = parse(std::move(args));
  EXPECT_FALSE(command_line.ok());
  return command_line.ok() ? "" : command_line.message();
}

const std::vector<std::string> kSockets = {"--tx-sock", "/run/a.sock", "--rx-sock", "/run/b.sock"};

std::vector<std::string> with_sockets(std::vector<std::string> args) {
  args.insert(args.begin(), kSockets.begin(), kSockets.end());
  return args;
}

TEST(Options, Defaults) {
  const Options o = parse_ok(kSockets);
  EXPECT_EQ(o.switch_role, SwitchRole::kServer);
  EXPECT_EQ(o.cpu, 0u);
  EXPECT_EQ(o.mem_mb, 256u);
  EXPECT_EQ(o.file_prefix.rfind("turnout-pktgen-", 0), 0u);
  EXPECT_EQ(o.frame.size, 64u);
  EXPECT_EQ(o.flows, 1u);
  EXPECT_EQ(o.rate_mpps, 0);
  EXPECT_EQ(o.duration_s, 10);
  EXPECT_EQ(o.warmup_s, 2);
  EXPECT_EQ(o.count, 0u);
  EXPECT_EQ(o.drain_ms, 200u);
  EXPECT_EQ(o.latency_sample, 16u);
  EXPECT_EQ(o.connect_timeout_s, 15);
  EXPECT_FALSE(o.expect_no_loss);
  EXPECT_EQ(format_mac(o.frame.dst_mac), "02:00:00:00:00:02");
  EXPECT_EQ(format_mac(o.frame.src_mac), "02:00:00:00:00:01");
}

TEST(Options, CountModeHasNoWarmupOrTimeLimitUnlessAsked) {
  Options o = parse_ok(with_sockets({"--count", "20000"}));
  EXPECT_EQ(o.count, 20000u);
  EXPECT_EQ(o.warmup_s, 0);
  EXPECT_EQ(o.duration_s, 0);
  o = parse_ok(with_sockets({"--count", "5", "--warmup", "1", "--duration", "3"}));
  EXPECT_EQ(o.warmup_s, 1);
  EXPECT_EQ(o.duration_s, 3);
}

TEST(Options, TrafficOptions) {
  const Options o = parse_ok(with_sockets(
      {"--size", "1518", "--flows", "4194304", "--rate-mpps", "2.5", "--dst-mac",
       "0a:0B:0c:0d:0e:0f", "--latency-sample", "1", "--expect-no-loss", "--switch-role",
       "client", "--sut-schedstat", "/proc/1/task/1/schedstat,/proc/1/task/2/schedstat"}));
  EXPECT_EQ(o.frame.size, 1518u);
  EXPECT_EQ(o.flows, 4194304u);
  EXPECT_EQ(o.rate_mpps, 2.5);
  EXPECT_EQ(format_mac(o.frame.dst_mac), "0a:0b:0c:0d:0e:0f");
  EXPECT_EQ(o.latency_sample, 1u);
  EXPECT_TRUE(o.expect_no_loss);
  EXPECT_EQ(o.switch_role, SwitchRole::kClient);
  EXPECT_EQ(o.switch_schedstat_paths.size(), 2u);
}

TEST(Options, RejectsBadValuesWithTheOptionName) {
  EXPECT_NE(parse_error({"--tx-sock", "/a"}).find("--rx-sock"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--size", "63"})).find("--size"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--size", "1519"})).find("--size"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--flows", "0"})).find("--flows"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--flows", "4194305"})).find("--flows"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--rate-mpps", "-1"})).find("--rate-mpps"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--rate-mpps", "fast"})).find("--rate-mpps"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--switch-role", "peer"})).find("--switch-role"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--dst-mac", "02:00:00"})).find("--dst-mac"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--count", "0"})).find("--count"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--latency-sample", "0"})).find("--latency-sample"), std::string::npos);
  EXPECT_NE(parse_error(with_sockets({"--bogus"})).find("bogus"), std::string::npos);
  EXPECT_NE(parse_error({"--tx-sock", "/a,b", "--rx-sock", "/c"}).find("','"), std::string::npos);
  EXPECT_NE(parse_error({"--tx-sock", "/a", "--rx-sock", "/a"}).find("differ"), std::string::npos);
}

TEST(Options, HelpIsNotAnError) {
  auto command_line = parse({"--help"});
  ASSERT_TRUE(command_line.ok());
  EXPECT_TRUE(command_line->help);
  for (const char* option : {"--tx-sock", "--rx-sock", "--switch-role", "--vdev-opts", "--cpu",
                             "--file-prefix", "--mem", "--eal-args", "--size", "--flows",
                             "--dst-mac", "--src-mac", "--rate-mpps", "--duration", "--warmup",
                             "--count", "--drain-ms", "--expect-no-loss", "--latency-sample",
                             "--connect-timeout", "--sut-schedstat"})
    EXPECT_NE(command_line->help_text.find(option), std::string::npos) << option;
}

TEST(EalArgs, ServerRoleSwitch) {
  Options o = parse_ok(with_sockets({"--cpu", "1", "--file-prefix", "pg", "--mem", "128",
                                     "--vdev-opts", "packed_vq=1", "--eal-args", "-a  --b"}));
  const std::vector<std::string> expected = {
      "turnout-pktgen", "-l", "1", "--file-prefix", "pg", "--in-memory", "--single-file-segments",
      "--no-pci", "-m", "128", "--log-level=lib.eal:warning",
      "--vdev", "net_virtio_user0,path=/run/a.sock,queues=1,packed_vq=1",
      "--vdev", "net_virtio_user1,path=/run/b.sock,queues=1,packed_vq=1", "-a", "--b"};
  EXPECT_EQ(build_eal_args(o), expected);
}

TEST(EalArgs, ClientRoleSwitchMakesTheGeneratorListen) {
  const Options o = parse_ok(with_sockets({"--switch-role", "client"}));
  const std::vector<std::string> args = build_eal_args(o);
  EXPECT_EQ(args[12], "net_virtio_user0,path=/run/a.sock,queues=1,server=1");
  EXPECT_EQ(args[14], "net_virtio_user1,path=/run/b.sock,queues=1,server=1");
}

}  // namespace
}  // namespace turnout::pktgen
