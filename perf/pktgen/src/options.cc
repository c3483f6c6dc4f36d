#include "turnout/pktgen/options.h"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "turnout/common/parse.h"
#include "turnout/pktgen/flow_set.h"

namespace po = boost::program_options;

namespace turnout::pktgen {
namespace {

constexpr uint32_t kMinSize = 64;  // the smallest Ethernet frame, FCS excluded
constexpr uint32_t kMaxSize = 1518;
constexpr double kMaxRateMpps = 1000;

po::options_description describe_options() {
  po::options_description all("turnout-pktgen options", /*line_length=*/100,
                              /*min_description_length=*/50);
  po::options_description wiring("vhost-user wiring", 100, 50);
  wiring.add_options()
    ("tx-sock", po::value<std::string>()->value_name("PATH"),
     "vhost-user socket of the switch port to send into (required)")
    ("rx-sock", po::value<std::string>()->value_name("PATH"),
     "vhost-user socket of the switch port to receive from (required)")
    ("switch-role", po::value<std::string>()->value_name("server|client")->default_value("server"),
     "server: the switch listens on the sockets and the generator connects (retrying until "
     "they exist); client: the switch connects and the generator creates the sockets")
    ("vdev-opts", po::value<std::string>()->value_name("DEVARGS")->default_value(""),
     "extra net_virtio_user devargs for both ports, e.g. \",packed_vq=1\" or "
     "\",queue_size=1024\" (changes the switch's work too)")
    ("connect-timeout", po::value<std::string>()->value_name("S")->default_value("15"),
     "seconds to wait for both vhost-user connections and links to come up");

  po::options_description eal("DPDK EAL", 100, 50);
  eal.add_options()
    ("cpu", po::value<std::string>()->value_name("N")->default_value("0"),
     "CPU of the generator's single busy lcore")
    ("file-prefix", po::value<std::string>()->value_name("NAME"),
     "EAL --file-prefix (default turnout-pktgen-<pid>)")
    ("mem", po::value<std::string>()->value_name("MB")->default_value("256"),
     "hugepage memory in MiB (EAL -m)")
    ("eal-args", po::value<std::string>()->value_name("ARGS")->default_value(""),
     "extra EAL arguments, separated by spaces");

  po::options_description traffic("traffic", 100, 50);
  traffic.add_options()
    ("size", po::value<std::string>()->value_name("BYTES")->default_value("64"),
     "frame length without FCS, 64..1518 (64 = testpmd's convention)")
    ("flows", po::value<std::string>()->value_name("N")->default_value("1"),
     "distinct IPv4/UDP 5-tuples, 1..4194304, sent round-robin: dst IP from 198.18.0.0 "
     "upward, src IP from 198.19.255.255 downward, UDP source port 1024 + i/131072")
    ("dst-mac", po::value<std::string>()->value_name("MAC")->default_value("02:00:00:00:00:02"),
     "destination MAC of every frame")
    ("src-mac", po::value<std::string>()->value_name("MAC")->default_value("02:00:00:00:00:01"),
     "source MAC of every frame")
    ("rate-mpps", po::value<std::string>()->value_name("X")->default_value("0"),
     "offered rate in Mpps, paced with the TSC; 0 = as fast as the switch accepts. After a "
     "stall (preemption, a full TX ring) it catches up by one burst at most, so tx_mpps is "
     "what was really offered")
    ("duration", po::value<std::string>()->value_name("S"),
     "measured seconds (default 10; with --count: no time limit unless given)")
    ("warmup", po::value<std::string>()->value_name("S"),
     "seconds of traffic before measuring, not counted (default 2; 0 with --count)")
    ("count", po::value<std::string>()->value_name("N"),
     "send exactly N packets in the measured phase, then stop")
    ("drain-ms", po::value<std::string>()->value_name("MS")->default_value("200"),
     "after TX stops, keep receiving this long so that lost = tx - rx is exact")
    ("latency-sample", po::value<std::string>()->value_name("N")->default_value("16"),
     "measure latency on every Nth received packet (1 = every packet)")
    ("expect-no-loss", po::bool_switch(), "exit with code 3 if any packet was lost")
    ("progress", po::bool_switch(), "print tx/rx rates every second on stderr");

  po::options_description noise("noise instrumentation", 100, 50);
  noise.add_options()
    ("sut-schedstat", po::value<std::string>()->value_name("FILE[,FILE...]"),
     "schedstat files (/proc/PID/task/TID/schedstat) of the switch's forwarding threads; "
     "sut_wait_pct reports the worst thread's run-queue wait share");

  po::options_description general("general", 100, 50);
  general.add_options()("help,h", "print this help and exit");

  all.add(wiring).add(eal).add(traffic).add(noise).add(general);
  return all;
}

std::string help_text(const po::options_description& description) {
  std::ostringstream out;
  out << "Usage: turnout-pktgen --tx-sock PATH --rx-sock PATH [options]\n\n"
         "DPDK traffic generator for vhost-user switches: one busy lcore, two net_virtio_user\n"
         "ports. Sends IPv4/UDP probes into the switch's TX port and receives them from its\n"
         "RX port, counting loss, reordering and latency.\n\n"
      << description
      << "\nOutput: a summary on stderr and one line on stdout:\n"
         "  RESULT tx_pkts= rx_pkts= tx_mpps= rx_mpps= lost= loss_pct= foreign= rx_on_tx_port=\n"
         "         reordered= lat_p50_us= lat_p99_us= lat_p999_us= lat_max_us= gen_wait_pct=\n"
         "         sut_wait_pct= secs= size= flows=\n"
         "Exit codes: 0 success, 1 setup error, 2 bad options, 3 loss with --expect-no-loss.\n";
  return out.str();
}

Result<double> parse_number(const std::string& name, const std::string& text, double min,
                            double max) {
  const auto bad = [&](const std::string& why) {
    return make_error("--" + name + " '" + text + "' " + why);
  };
  if (text.empty()) return bad("is not a number");
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value))
    return bad("is not a number");
  if (value < min || value > max) {
    std::ostringstream range;
    range << "is out of range [" << min << ", " << max << "]";
    return bad(range.str());
  }
  return value;
}

Result<uint64_t> parse_integer(const std::string& name, const std::string& text, uint64_t min,
                               uint64_t max) {
  auto value = parse_uint(text, min, max);
  if (!value) return make_error("--" + name + ": " + value.message());
  return *value;
}

// The socket path ends up inside a devargs string, where ',' separates arguments.
Status check_socket_path(const std::string& name, const std::string& path) {
  if (path.empty()) return make_error("--" + name + " is required");
  if (path.find(',') != std::string::npos)
    return make_error("--" + name + " '" + path + "' must not contain ','");
  if (path.size() >= 108)  // sizeof(sockaddr_un::sun_path)
    return make_error("--" + name + " '" + path + "' is too long for a unix socket");
  return {};
}

Result<Options> options_from(const po::variables_map& vm) {
  Options o;
  const auto text = [&vm](const char* name) { return vm[name].as<std::string>(); };
  const auto given = [&vm](const char* name) { return vm.count(name) > 0; };

  o.tx_socket = given("tx-sock") ? text("tx-sock") : "";
  o.rx_socket = given("rx-sock") ? text("rx-sock") : "";
  if (auto ok = check_socket_path("tx-sock", o.tx_socket); !ok) return ok.error();
  if (auto ok = check_socket_path("rx-sock", o.rx_socket); !ok) return ok.error();
  if (o.tx_socket == o.rx_socket) return make_error("--tx-sock and --rx-sock must differ");

  const std::string role = text("switch-role");
  if (role == "server")
    o.switch_role = SwitchRole::kServer;
  else if (role == "client")
    o.switch_role = SwitchRole::kClient;
  else
    return make_error("--switch-role '" + role + "' must be server or client");

  o.vdev_extra = text("vdev-opts");
  if (!o.vdev_extra.empty() && o.vdev_extra.front() != ',') o.vdev_extra.insert(0, ",");
  if (o.vdev_extra.find_first_of(" \t") != std::string::npos)
    return make_error("--vdev-opts '" + o.vdev_extra + "' must not contain spaces");

  auto connect_timeout = parse_number("connect-timeout", text("connect-timeout"), 0.1, 3600);
  if (!connect_timeout) return connect_timeout.error();
  o.connect_timeout_s = *connect_timeout;

  auto cpu = parse_integer("cpu", text("cpu"), 0, 1023);
  if (!cpu) return cpu.error();
  o.cpu = static_cast<unsigned>(*cpu);
  o.file_prefix =
      given("file-prefix") ? text("file-prefix") : "turnout-pktgen-" + std::to_string(::getpid());
  if (o.file_prefix.empty() || o.file_prefix.find_first_of("/ \t") != std::string::npos)
    return make_error("--file-prefix '" + o.file_prefix + "' must be a plain name");
  auto mem = parse_integer("mem", text("mem"), 64, 1 << 20);
  if (!mem) return mem.error();
  o.mem_mb = static_cast<unsigned>(*mem);
  for (std::string& arg : split(text("eal-args"), ' '))
    if (!arg.empty()) o.extra_eal_args.push_back(std::move(arg));

  auto size = parse_integer("size", text("size"), kMinSize, kMaxSize);
  if (!size) return size.error();
  o.frame.size = static_cast<uint32_t>(*size);
  auto flows = parse_integer("flows", text("flows"), 1, FlowSet::kMaxFlows);
  if (!flows) return flows.error();
  o.flows = static_cast<uint32_t>(*flows);
  auto dst_mac = parse_mac(text("dst-mac"));
  if (!dst_mac) return make_error("--dst-mac: " + dst_mac.message());
  o.frame.dst_mac = *dst_mac;
  auto src_mac = parse_mac(text("src-mac"));
  if (!src_mac) return make_error("--src-mac: " + src_mac.message());
  o.frame.src_mac = *src_mac;

  auto rate = parse_number("rate-mpps", text("rate-mpps"), 0, kMaxRateMpps);
  if (!rate) return rate.error();
  o.rate_mpps = *rate;
  if (given("count")) {
    auto count = parse_integer("count", text("count"), 1, UINT64_MAX);
    if (!count) return count.error();
    o.count = *count;
  }
  o.duration_s = o.count > 0 ? 0 : 10;
  if (given("duration")) {
    auto duration = parse_number("duration", text("duration"), 0.001, 1e7);
    if (!duration) return duration.error();
    o.duration_s = *duration;
  }
  o.warmup_s = o.count > 0 ? 0 : 2;
  if (given("warmup")) {
    auto warmup = parse_number("warmup", text("warmup"), 0, 3600);
    if (!warmup) return warmup.error();
    o.warmup_s = *warmup;
  }
  auto drain = parse_integer("drain-ms", text("drain-ms"), 0, 600000);
  if (!drain) return drain.error();
  o.drain_ms = static_cast<uint32_t>(*drain);
  auto sample = parse_integer("latency-sample", text("latency-sample"), 1, UINT32_MAX);
  if (!sample) return sample.error();
  o.latency_sample = static_cast<uint32_t>(*sample);
  o.expect_no_loss = vm["expect-no-loss"].as<bool>();
  o.progress = vm["progress"].as<bool>();

  if (given("sut-schedstat"))
    for (std::string& path : split(text("sut-schedstat"), ','))
      if (!path.empty()) o.switch_schedstat_paths.push_back(std::move(path));
  return o;
}

}  // namespace

Result<CommandLine> parse_command_line(int argc, const char* const* argv) {
  const po::options_description description = describe_options();
  CommandLine command_line;
  command_line.help_text = help_text(description);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(description).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return make_error(e.what());
  }
  if (vm.count("help")) {
    command_line.help = true;
    return command_line;
  }
  auto options = options_from(vm);
  if (!options) return options.error();
  command_line.options = std::move(*options);
  return command_line;
}

}  // namespace turnout::pktgen
