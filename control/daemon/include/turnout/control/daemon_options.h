#pragma once
// turnoutd's command line.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "turnout/common/log.h"
#include "turnout/common/result.h"
#include "turnout/dataplane/port.h"
#include "turnout/dataplane/rxq_scheduler.h"

namespace turnout::control {

struct DaemonOptions {
  std::string run_dir = "turnout-run";
  std::string unixctl_path;  // empty: <run_dir>/turnoutd.ctl
  std::vector<unsigned> pmd_cpus;
  unsigned main_cpu = 0;
  std::vector<dataplane::PortConfig> ports;
  std::vector<std::pair<std::string, std::string>> forwards;  // in -> out, by port name
  uint32_t pmd_sleep_max_us = 250;
  dataplane::RxqAssignPolicy rxq_assign = dataplane::RxqAssignPolicy::kCycles;
  log::Level log_level = log::Level::kInfo;
  std::string file_prefix;
  std::vector<std::string> eal_args;
};

struct ParsedCommandLine {
  enum class Action { kRun, kHelp, kVersion } action = Action::kRun;
  std::string text;  // help or version text
  DaemonOptions options;
};

// Parses and validates everything that can be checked before touching DPDK.
Result<ParsedCommandLine> parse_daemon_command_line(int argc, const char* const* argv);

inline constexpr const char* kVersion = "0.1.0";

}  // namespace turnout::control
