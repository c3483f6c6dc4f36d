#include "turnout/pktgen/eal_args.h"

namespace turnout::pktgen {
namespace {

std::string virtio_user_devargs(const char* name, const std::string& socket, const Options& o) {
  // server=1: the switch is the vhost-user client, so the generator must listen.
  const char* role = o.switch_role == SwitchRole::kClient ? ",server=1" : "";
  return std::string(name) + ",path=" + socket + ",queues=1" + role + o.vdev_extra;
}

}  // namespace

std::vector<std::string> build_eal_args(const Options& o) {
  std::vector<std::string> args = {
      "turnout-pktgen",
      "-l", std::to_string(o.cpu),
      "--file-prefix", o.file_prefix,
      "--in-memory",
      "--single-file-segments",
      "--no-pci",
      "-m", std::to_string(o.mem_mb),
      "--log-level=lib.eal:warning",
      "--vdev", virtio_user_devargs(kTxPortName, o.tx_socket, o),
      "--vdev", virtio_user_devargs(kRxPortName, o.rx_socket, o),
  };
  args.insert(args.end(), o.extra_eal_args.begin(), o.extra_eal_args.end());
  return args;
}

}  // namespace turnout::pktgen
