// turnout-pktgen: the project's DPDK traffic generator. See `turnout-pktgen --help`.

#include <cstdio>

#include "turnout/common/log.h"
#include "turnout/pktgen/noise_meter.h"
#include "turnout/pktgen/options.h"
#include "turnout/pktgen/port_session.h"
#include "turnout/pktgen/report.h"
#include "turnout/pktgen/stop_signal.h"
#include "turnout/pktgen/traffic_loop.h"

namespace {

using namespace turnout;
using namespace turnout::pktgen;

constexpr int kExitOk = 0;
constexpr int kExitSetupError = 1;
constexpr int kExitBadOptions = 2;
constexpr int kExitLoss = 3;

Result<RunReport> run(const Options& options) {
  auto builder = PacketBuilder::create(options.frame);
  if (!builder) return builder.error();
  const FlowSet flows(options.flows);
  // Opened here, on the thread that becomes the busy lcore, so it measures that thread.
  auto noise = NoiseMeter::open(options.switch_schedstat_paths);
  if (!noise) return noise.error();
  auto session = PortSession::open(options);
  if (!session) return session.error();

  const TrafficPorts ports{(*session)->tx_port(), (*session)->rx_port(), (*session)->tx_pool()};
  const TrafficResult result =
      run_traffic(TrafficPlan::from(options), ports, *builder, flows, *noise);
  return make_report(result, options.frame.size, options.flows);
}

}  // namespace

int main(int argc, char** argv) {
  auto command_line = parse_command_line(argc, argv);
  if (!command_line) {
    std::fprintf(stderr, "turnout-pktgen: %s (see --help)\n", command_line.message().c_str());
    return kExitBadOptions;
  }
  if (command_line->help) {
    std::fputs(command_line->help_text.c_str(), stdout);
    return kExitOk;
  }
  const Options& options = command_line->options;
  log::set_level(options.progress ? log::Level::kInfo : log::Level::kWarn);
  install_signal_handlers();

  auto report = run(options);
  if (!report) {
    std::fprintf(stderr, "turnout-pktgen: %s\n", report.message().c_str());
    return kExitSetupError;
  }
  std::fputs(format_summary(*report).c_str(), stderr);
  std::printf("%s\n", format_result_line(*report).c_str());
  std::fflush(stdout);
  if (options.expect_no_loss && report->lost != 0) {
    std::fprintf(stderr, "turnout-pktgen: %ld of %lu packets lost (--expect-no-loss)\n",
                 report->lost, report->tx_pkts);
    return kExitLoss;
  }
  return kExitOk;
}
