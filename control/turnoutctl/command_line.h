#pragma once
// turnoutctl's command line: options before COMMAND, everything after it passed verbatim.

#include <chrono>
#include <string>
#include <vector>

#include "turnout/common/result.h"

namespace turnout::turnoutctl {

struct CommandLine {
  std::string target;                     // unixctl socket path
  std::chrono::milliseconds timeout{-1};  // negative: wait forever
  std::string command;
  std::vector<std::string> args;
  bool show_help = false;
  bool show_version = false;
};

std::string usage_text();
Result<CommandLine> parse_command_line(int argc, const char* const argv[]);

}  // namespace turnout::turnoutctl
