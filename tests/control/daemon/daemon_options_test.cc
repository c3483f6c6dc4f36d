#include "turnout/control/daemon_options.h"

#include <gtest/gtest.h>

#include "turnout/dataplane/cpu.h"

namespace turnout::control {
namespace {

Result<ParsedCommandLine> parse(std::vector<std::string> args) {
  args.insert(args.begin(), "turnoutd");
  std::vector<const char*> argv;
  for (auto& a : args) argv.push_back(a.c_str());
  return parse_daemon_command_line(static_cast<int>(argv.size()), argv.data());
}

TEST(DaemonOptions, DefaultsPutOnePmdOnTheHighestCpuAndControlOnTheLowest) {
  auto cpus = dataplane::allowed_cpus();
  auto r = parse({});
  ASSERT_TRUE(r) << r.message();
  const DaemonOptions& o = r->options;
  ASSERT_EQ(o.pmd_cpus.size(), 1u);
  EXPECT_EQ(o.pmd_cpus[0], cpus.back());
  EXPECT_EQ(o.main_cpu, cpus.size() > 1 ? cpus.front() : cpus.back());
  EXPECT_EQ(o.run_dir, "turnout-run");
  EXPECT_EQ(o.unixctl_path, "turnout-run/turnoutd.ctl");
  EXPECT_EQ(o.pmd_sleep_max_us, 250u);
}

TEST(DaemonOptions, PortsCarryTheirDevargsAndPerPortSettings) {
  auto r = parse({"--port", "vh0=net_vhost0,iface=/tmp/a.sock,queues=2", "--port", "p=0000:01:00.0",
                  "--port-config", "vh0:n_rxq=2,mtu=9000", "--forward", "vh0:p"});
  ASSERT_TRUE(r) << r.message();
  auto& ports = r->options.ports;
  ASSERT_EQ(ports.size(), 2u);
  EXPECT_EQ(ports[0].name, "vh0");
  EXPECT_EQ(ports[0].devargs, "net_vhost0,iface=/tmp/a.sock,queues=2");
  EXPECT_EQ(ports[0].n_rxq, 2);
  EXPECT_EQ(ports[0].mtu, 9000u);
  EXPECT_EQ(ports[1].n_rxq, 1);
  ASSERT_EQ(r->options.forwards.size(), 1u);
  EXPECT_EQ(r->options.forwards[0], (std::pair<std::string, std::string>{"vh0", "p"}));
}

TEST(DaemonOptions, EalArgumentsAreSplitOnWhitespace) {
  auto r = parse({"--eal-args", "--socket-mem 512  -d /x"});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->options.eal_args, (std::vector<std::string>{"--socket-mem", "512", "-d", "/x"}));
}

TEST(DaemonOptions, HelpAndVersionAreActionsNotErrors) {
  auto help = parse({"--help"});
  ASSERT_TRUE(help);
  EXPECT_EQ(help->action, ParsedCommandLine::Action::kHelp);
  EXPECT_NE(help->text.find("--pmd-cpu-mask"), std::string::npos);
  auto version = parse({"--version"});
  ASSERT_TRUE(version);
  EXPECT_EQ(version->text, "turnoutd (Turnout) 0.1.0\n");
}

TEST(DaemonOptions, PortConfigForAnUnknownPortIsAnError) {
  auto r = parse({"--port-config", "ghost:mtu=1500"});
  ASSERT_FALSE(r);
  EXPECT_NE(r.message().find("no --port named 'ghost'"), std::string::npos);
}

}  // namespace
}  // namespace turnout::control
