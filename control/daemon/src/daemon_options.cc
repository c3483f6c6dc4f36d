#include "turnout/control/daemon_options.h"

#include <boost/program_options.hpp>
#include <set>
#include <sstream>

#include "turnout/common/parse.h"
#include "turnout/dataplane/cpu.h"

namespace turnout::control {
namespace po = boost::program_options;
namespace {

std::string default_pmd_mask_text(const std::vector<unsigned>& allowed) {
  // One PMD on the highest CPU leaves the lowest one for the control thread and, on a
  // two-core machine, for a traffic generator or a guest.
  unsigned cpu = allowed.empty() ? 0 : allowed.back();
  std::ostringstream s;
  s << "0x" << std::hex << (1ull << cpu);
  return s.str();
}

Result<dataplane::PortConfig> parse_port(const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    return make_error("--port expects NAME=DEVARGS, got '" + text + "'");
  dataplane::PortConfig port;
  port.name = text.substr(0, eq);
  port.devargs = text.substr(eq + 1);
  return port;
}

}  // namespace

Result<ParsedCommandLine> parse_daemon_command_line(int argc, const char* const* argv) {
  auto allowed = dataplane::allowed_cpus();
  ParsedCommandLine out;
  DaemonOptions& o = out.options;
  std::string pmd_mask, rxq_assign = "cycles", log_level = "info", eal_args;
  std::vector<std::string> ports, port_configs, forwards;
  int main_cpu = -1;

  po::options_description desc(
      "turnoutd: Turnout's switch daemon.\n\n"
      "Poll-mode threads forward packets between DPDK ports (vhost-user, virtio-user,\n"
      "NICs, ring/tap/af_packet/pcap vdevs). Control it at run time with\n"
      "'turnoutctl COMMAND' or 'ovs-appctl -t RUN_DIR/turnoutd.ctl COMMAND'.\n\nOptions");
  desc.add_options()
      ("help,h", "print this help and exit")
      ("version,V", "print the version and exit")
      ("run-dir", po::value(&o.run_dir)->default_value(o.run_dir),
       "directory for the control socket (turnoutd.ctl), log (turnoutd.log) and pid file; "
       "created if missing")
      ("unixctl", po::value(&o.unixctl_path),
       "control socket path (default RUN_DIR/turnoutd.ctl)")
      ("pmd-cpu-mask", po::value(&pmd_mask)->default_value(default_pmd_mask_text(allowed)),
       "hex mask of CPUs that run one pinned PMD thread each (default: the highest "
       "available CPU)")
      ("main-cpu", po::value(&main_cpu),
       "CPU of the control thread and DPDK main lcore (default: the lowest available CPU "
       "outside the PMD mask)")
      ("port", po::value(&ports)->composing(),
       "NAME=DEVARGS: attach a DPDK device as port NAME, e.g. "
       "vh0=net_vhost0,iface=/tmp/vh0.sock,queues=1 (repeatable)")
      ("port-config", po::value(&port_configs)->composing(),
       "NAME:KEY=VALUE[,...]: per-port settings n_rxq, n_txq (0 = one per PMD), rxq_size, "
       "txq_size, mtu (repeatable)")
      ("forward", po::value(&forwards)->composing(),
       "IN:OUT: send everything received on port IN out of port OUT (repeatable; the flow "
       "table replaces this)")
      ("pmd-sleep-max-us", po::value(&o.pmd_sleep_max_us)->default_value(o.pmd_sleep_max_us),
       "longest sleep of an idle PMD in microseconds (0: busy-poll always); like OVS's "
       "pmd-sleep-max")
      ("rxq-assign", po::value(&rxq_assign)->default_value(rxq_assign),
       "rx queue placement: cycles (by measured load) or roundrobin")
      ("log-level", po::value(&log_level)->default_value(log_level),
       "error, warn, info or debug")
      ("file-prefix", po::value(&o.file_prefix),
       "DPDK --file-prefix (default turnoutd-PID, unique per instance)")
      ("eal-args", po::value(&eal_args),
       "extra DPDK EAL arguments, space separated, e.g. \"--socket-mem 512\"");

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return make_error(std::string(e.what()) + " (see --help)");
  }
  if (vm.count("help")) {
    std::ostringstream s;
    s << desc;
    out.action = ParsedCommandLine::Action::kHelp;
    out.text = s.str();
    return out;
  }
  if (vm.count("version")) {
    out.action = ParsedCommandLine::Action::kVersion;
    out.text = std::string("turnoutd (Turnout) ") + kVersion + "\n";
    return out;
  }

  auto cpus = parse_cpu_mask(pmd_mask);
  if (!cpus) return make_error("--pmd-cpu-mask: " + cpus.message());
  for (unsigned cpu : *cpus)
    if (std::find(allowed.begin(), allowed.end(), cpu) == allowed.end())
      return make_error("--pmd-cpu-mask " + pmd_mask + " names CPU " + std::to_string(cpu) +
                        ", which is not available (available CPUs: " +
                        dataplane::format_cpu_list(allowed) + ")");
  o.pmd_cpus = *cpus;

  if (main_cpu >= 0) {
    if (std::find(allowed.begin(), allowed.end(), unsigned(main_cpu)) == allowed.end())
      return make_error("--main-cpu " + std::to_string(main_cpu) + " is not available");
    o.main_cpu = static_cast<unsigned>(main_cpu);
  } else {
    o.main_cpu = allowed.empty() ? 0 : allowed.front();
    for (unsigned cpu : allowed)
      if (std::find(o.pmd_cpus.begin(), o.pmd_cpus.end(), cpu) == o.pmd_cpus.end()) {
        o.main_cpu = cpu;
        break;
      }
  }

  auto policy = dataplane::parse_rxq_assign_policy(rxq_assign);
  if (!policy) return make_error("--rxq-assign: " + policy.message());
  o.rxq_assign = *policy;
  auto level = log::parse_level(log_level);
  if (!level) return make_error("--log-level: " + level.message());
  o.log_level = *level;
  if (o.pmd_sleep_max_us > 10000)
    return make_error("--pmd-sleep-max-us: at most 10000 (10 ms), got " +
                      std::to_string(o.pmd_sleep_max_us));

  std::set<std::string> names;
  for (auto& text : ports) {
    auto port = parse_port(text);
    if (!port) return port.error();
    if (!names.insert(port->name).second)
      return make_error("--port: duplicate port name '" + port->name + "'");
    o.ports.push_back(*port);
  }
  for (auto& text : port_configs) {
    auto colon = text.find(':');
    if (colon == std::string::npos)
      return make_error("--port-config expects NAME:KEY=VALUE[,...], got '" + text + "'");
    std::string name = text.substr(0, colon);
    auto it = std::find_if(o.ports.begin(), o.ports.end(),
                           [&](auto& p) { return p.name == name; });
    if (it == o.ports.end())
      return make_error("--port-config: no --port named '" + name + "'");
    if (auto applied = dataplane::apply_port_options(*it, text.substr(colon + 1)); !applied)
      return make_error("--port-config: " + applied.message());
  }
  for (auto& text : forwards) {
    auto colon = text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
      return make_error("--forward expects IN:OUT, got '" + text + "'");
    std::string in = text.substr(0, colon), out_name = text.substr(colon + 1);
    for (auto* n : {&in, &out_name})
      if (!names.count(*n)) return make_error("--forward " + text + ": no --port named '" + *n + "'");
    o.forwards.emplace_back(in, out_name);
  }
  std::istringstream eal(eal_args);
  for (std::string word; eal >> word;) o.eal_args.push_back(word);
  if (o.unixctl_path.empty()) o.unixctl_path = o.run_dir + "/turnoutd.ctl";
  return out;
}

}  // namespace turnout::control
