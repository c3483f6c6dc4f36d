#pragma once
// turnoutd: brings up the run directory, the control socket, DPDK and the datapath, then
// runs the control loop until `exit` or SIGINT/SIGTERM, and tears everything down in
// reverse order.

#include "turnout/control/daemon_options.h"

namespace turnout::control {

// Returns the process exit code. Startup failures are logged as one line.
int run_daemon(const DaemonOptions& options);

}  // namespace turnout::control
