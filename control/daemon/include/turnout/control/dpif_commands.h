#pragma once
// The datapath's unixctl commands (pmd stats, rxq placement, ports, forwarding).

#include "turnout/dataplane/datapath.h"
#include "turnout/jsonrpc/unixctl_server.h"

namespace turnout::control {

// Registers one command; a clash of names is a programming error and is logged.
void register_command(jsonrpc::UnixctlServer& server, std::string name, std::string usage,
                      size_t min_args, size_t max_args, jsonrpc::UnixctlServer::Handler handler);

void register_dpif_commands(jsonrpc::UnixctlServer& server, dataplane::Datapath& datapath);

}  // namespace turnout::control
