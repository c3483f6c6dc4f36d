#include "turnout/control/daemon.h"

#include <signal.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "turnout/common/log.h"
#include "turnout/common/unique_fd.h"
#include "turnout/control/dpif_commands.h"
#include "turnout/dataplane/cpu.h"
#include "turnout/dataplane/datapath.h"
#include "turnout/dataplane/eal.h"
#include "turnout/jsonrpc/event_loop.h"
#include "turnout/jsonrpc/unixctl_server.h"

namespace turnout::control {
namespace {

// Removes the pid file when the daemon exits by any path.
class PidFile {
 public:
  explicit PidFile(std::string path) : path_(std::move(path)) {
    std::ofstream(path_) << getpid() << "\n";
  }
  ~PidFile() { unlink(path_.c_str()); }

 private:
  std::string path_;
};

Result<UniqueFd> block_termination_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  // Blocked before any thread starts, so PMD and DPDK threads inherit the mask and only
  // the control loop sees these signals.
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);
  UniqueFd fd(signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
  if (!fd) return make_error(std::string("signalfd: ") + std::strerror(errno));
  return fd;
}

Status prepare_run_dir(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error("cannot create run directory " + dir + ": " + ec.message());
  if (access(dir.c_str(), W_OK) != 0)
    return make_error("run directory " + dir + " is not writable");
  return {};
}

}  // namespace

int run_daemon(const DaemonOptions& o) {
  log::set_level(o.log_level);
  auto fail = [](const std::string& message) {
    LOG_ERROR("turnoutd", "%s", message.c_str());
    return 1;
  };
  if (auto ok = prepare_run_dir(o.run_dir); !ok) return fail(ok.message());
  if (auto ok = log::set_file(o.run_dir + "/turnoutd.log"); !ok) return fail(ok.message());
  auto signals = block_termination_signals();
  if (!signals) return fail(signals.message());

  jsonrpc::EventLoop loop;
  // The control socket comes first: a second daemon on the same run directory fails
  // here, before it touches hugepages or devices.
  auto unixctl = std::make_unique<jsonrpc::UnixctlServer>(
      loop, std::string("turnoutd (Turnout) ") + kVersion + "\n");
  if (auto listening = unixctl->listen(o.unixctl_path); !listening)
    return fail(listening.message());
  PidFile pid_file(o.run_dir + "/turnoutd.pid");

  const auto available_cpus = dataplane::allowed_cpus();  // before EAL pins this thread
  dataplane::EalConfig eal_config;
  eal_config.main_cpu = o.main_cpu;
  eal_config.file_prefix = o.file_prefix;
  eal_config.log_level = o.log_level;
  eal_config.extra_args = o.eal_args;
  for (auto& port : o.ports)
    if (dataplane::is_pci_address(port.devargs))
      eal_config.pci_allow.push_back(port.devargs.substr(0, port.devargs.find(',')));
  auto eal = dataplane::Eal::init(eal_config);
  if (!eal) return fail(eal.message());

  {
    dataplane::DatapathConfig dp_config;
    dp_config.pmd_cpus = o.pmd_cpus;
    dp_config.available_cpus = available_cpus;
    dp_config.pmd_sleep_max_us = o.pmd_sleep_max_us;
    dp_config.rxq_assign = o.rxq_assign;
    auto datapath = dataplane::Datapath::create(dp_config);
    if (!datapath) return fail(datapath.message());
    dataplane::Datapath& dp = **datapath;

    for (auto& port : o.ports)
      if (auto added = dp.add_port(port); !added) return fail(added.message());
    for (auto& [in, out] : o.forwards)
      if (auto ok = dp.set_forward(in, out); !ok) return fail(ok.message());

    register_dpif_commands(*unixctl, dp);
    register_command(*unixctl, "exit", "", 0, 0,
                     [&loop](const std::vector<std::string>&) -> Result<std::string> {
                       LOG_INFO("turnoutd", "exit requested over the control socket");
                       loop.post([&loop] { loop.stop(); });  // after the reply is sent
                       return std::string();
                     });
    loop.add_periodic_timer(std::chrono::duration_cast<std::chrono::milliseconds>(
                                dataplane::Datapath::kSampleInterval),
                            [&dp] { dp.sample_cycles(); });
    int sfd = signals->get();
    auto watch = loop.watch_fd(sfd, jsonrpc::Interest::kRead, [&loop, sfd](jsonrpc::IoEvents) {
      signalfd_siginfo info;
      while (read(sfd, &info, sizeof info) == sizeof info)
        LOG_INFO("turnoutd", "signal %s received, shutting down", strsignal(int(info.ssi_signo)));
      loop.stop();
    });

    LOG_INFO("turnoutd", "ready: %zu ports, %zu PMD threads, control socket %s", o.ports.size(),
             o.pmd_cpus.size(), o.unixctl_path.c_str());
    loop.run();
    loop.unwatch(watch);
    LOG_INFO("turnoutd", "stopping PMD threads and detaching ports");
  }
  unixctl.reset();
  return 0;
}

}  // namespace turnout::control
