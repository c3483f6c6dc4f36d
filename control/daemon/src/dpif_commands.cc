#include "turnout/control/dpif_commands.h"

#include <rte_cycles.h>

#include "turnout/common/parse.h"
#include "turnout/control/dpif_reports.h"
#include "turnout/common/log.h"

namespace turnout::control {

using Args = std::vector<std::string>;

void register_command(jsonrpc::UnixctlServer& server, std::string name, std::string usage,
                      size_t min_args, size_t max_args, jsonrpc::UnixctlServer::Handler handler) {
  std::string copy = name;
  if (auto ok = server.register_command(std::move(name), std::move(usage), min_args, max_args,
                                        std::move(handler));
      !ok)
    LOG_ERROR("unixctl", "cannot register command %s: %s", copy.c_str(), ok.message().c_str());
}

void register_dpif_commands(jsonrpc::UnixctlServer& server, dataplane::Datapath& dp) {
  auto pmd_stats_show = [&dp](const Args&) -> Result<std::string> {
    return format_pmd_stats(dp.pmd_reports(), double(rte_get_tsc_hz()));
  };
  auto pmd_stats_clear = [&dp](const Args&) -> Result<std::string> {
    dp.clear_pmd_stats();
    return std::string();
  };
  register_command(server, "dpif-netdev/pmd-stats-show", "", 0, 0, pmd_stats_show);
  register_command(server, "pmd-stats-show", "", 0, 0, pmd_stats_show);
  register_command(server, "dpif-netdev/pmd-stats-clear", "", 0, 0, pmd_stats_clear);
  register_command(server, "pmd-stats-clear", "", 0, 0, pmd_stats_clear);

  register_command(server, "dpif-netdev/pmd-rxq-show", "", 0, 0,
                          [&dp](const Args&) -> Result<std::string> {
                            return format_pmd_rxqs(dp.pmd_reports(), dp.rxq_reports());
                          });
  register_command(server, "dpif-netdev/pmd-rxq-rebalance", "", 0, 0,
                          [&dp](const Args&) -> Result<std::string> { return dp.rebalance(); });
  register_command(server, 
      "dpif-netdev/pmd-sleep-set", "MAX_US", 1, 1, [&dp](const Args& a) -> Result<std::string> {
        auto us = parse_uint(a[0], 0, 10000);
        if (!us) return make_error("pmd-sleep-set: " + us.message());
        dp.set_pmd_sleep_max_us(static_cast<uint32_t>(*us));
        return std::string();
      });
  register_command(server, "dpif-netdev/pmd-sleep-show", "", 0, 0,
                          [&dp](const Args&) -> Result<std::string> {
                            std::string out;
                            for (auto& p : dp.pmd_reports())
                              out += strformat("pmd thread core %u: max sleep %u us\n", p.cpu,
                                               p.sleep_max_us);
                            return out;
                          });

  register_command(server, 
      "port/show", "[NAME]", 0, 1, [&dp](const Args& a) -> Result<std::string> {
        auto ports = dp.port_reports();
        if (!a.empty()) {
          std::erase_if(ports, [&](auto& p) { return p.name != a[0]; });
          if (ports.empty()) return make_error("no port named " + a[0]);
        }
        return format_ports(ports);
      });
  register_command(server, 
      "port/add", "NAME DEVARGS [n_rxq=N,n_txq=N,rxq_size=N,txq_size=N,mtu=N]", 2, 3,
      [&dp](const Args& a) -> Result<std::string> {
        dataplane::PortConfig config;
        config.name = a[0];
        config.devargs = a[1];
        if (a.size() == 3)
          if (auto ok = dataplane::apply_port_options(config, a[2]); !ok) return ok.error();
        auto port_no = dp.add_port(config);
        if (!port_no) return port_no.error();
        return strformat("port %s added as port %u\n", config.name.c_str(), *port_no);
      });
  register_command(server, "port/del", "NAME", 1, 1, [&dp](const Args& a) -> Result<std::string> {
    if (auto ok = dp.remove_port(a[0]); !ok) return ok.error();
    return std::string();
  });

  register_command(server, "forward/add", "IN OUT", 2, 2,
                          [&dp](const Args& a) -> Result<std::string> {
                            if (auto ok = dp.set_forward(a[0], a[1]); !ok) return ok.error();
                            return std::string();
                          });
  register_command(server, "forward/del", "IN", 1, 1, [&dp](const Args& a) -> Result<std::string> {
    if (auto ok = dp.clear_forward(a[0]); !ok) return ok.error();
    return std::string();
  });
  register_command(server, "forward/show", "", 0, 0, [&dp](const Args&) -> Result<std::string> {
    std::string out;
    for (auto& p : dp.port_reports())
      if (p.forward_to) out += p.name + " -> " + *p.forward_to + "\n";
    return out;
  });
  register_command(server, "memory/show", "", 0, 0, [&dp](const Args&) -> Result<std::string> {
    return strformat("ports: %zu\n", dp.port_count()) + format_pools(dp.pool_reports());
  });
}

}  // namespace turnout::control
