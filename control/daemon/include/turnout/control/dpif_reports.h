#pragma once
// Text for the datapath's unixctl commands, in the shapes ovs-appctl users know
// (dpif-netdev/pmd-stats-show, pmd-rxq-show) plus Turnout's port/show.

#include <string>
#include <vector>

#include "turnout/dataplane/datapath.h"

namespace turnout::control {

std::string format_pmd_stats(const std::vector<dataplane::PmdReport>& pmds, double tsc_hz);
std::string format_pmd_rxqs(const std::vector<dataplane::PmdReport>& pmds,
                            const std::vector<dataplane::RxqReport>& rxqs);
std::string format_ports(const std::vector<dataplane::PortReport>& ports);
std::string format_pools(const std::vector<dataplane::MbufPools::PoolInfo>& pools);

}  // namespace turnout::control
