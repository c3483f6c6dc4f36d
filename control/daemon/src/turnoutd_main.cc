// turnoutd: the Turnout switch daemon.

#include <cstdio>

#include "turnout/control/daemon.h"
#include "turnout/control/daemon_options.h"

int main(int argc, char** argv) {
  auto parsed = turnout::control::parse_daemon_command_line(argc, argv);
  if (!parsed) {
    std::fprintf(stderr, "turnoutd: %s\n", parsed.message().c_str());
    return 2;
  }
  using Action = turnout::control::ParsedCommandLine::Action;
  if (parsed->action != Action::kRun) {
    std::fputs(parsed->text.c_str(), stdout);
    return 0;
  }
  return turnout::control::run_daemon(parsed->options);
}
