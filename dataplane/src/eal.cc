#include "turnout/dataplane/eal.h"

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <mutex>

namespace turnout::dataplane {
namespace {

// DPDK's own log lines go through our logger, so they land in the run directory's log
// file with timestamps, next to ours.
ssize_t dpdk_log_write(void*, const char* buf, size_t size) {
  static std::mutex mutex;
  static std::string pending;
  std::lock_guard lock(mutex);
  pending.append(buf, size);
  size_t start = 0;
  for (size_t nl; (nl = pending.find('\n', start)) != std::string::npos; start = nl + 1) {
    if (nl > start) {
      auto level = static_cast<uint32_t>(rte_log_cur_msg_loglevel());
      log::Level l = level <= RTE_LOG_ERR       ? log::Level::kError
                     : level <= RTE_LOG_WARNING ? log::Level::kWarn
                     : level <= RTE_LOG_INFO    ? log::Level::kInfo
                                                : log::Level::kDebug;
      log::write(l, "dpdk", std::string_view(pending).substr(start, nl - start));
    }
  }
  pending.erase(0, start);
  return static_cast<ssize_t>(size);
}

int dpdk_level_for(log::Level level) {
  switch (level) {
    case log::Level::kError: return RTE_LOG_ERR;
    case log::Level::kWarn: return RTE_LOG_WARNING;
    case log::Level::kInfo: return RTE_LOG_NOTICE;  // DPDK's INFO is per-message chatter
    case log::Level::kDebug: return RTE_LOG_DEBUG;
  }
  return RTE_LOG_NOTICE;
}

unsigned long read_free_pages(const std::string& dir) {
  std::ifstream f(dir + "/free_hugepages");
  unsigned long n = 0;
  f >> n;
  return n;
}

bool has_arg(const std::vector<std::string>& args, std::string_view prefix) {
  for (auto& a : args)
    if (std::string_view(a).starts_with(prefix)) return true;
  return false;
}

// Allow-list mode with no real device: the PCI bus is scanned (so hot-plug by address
// works) but nothing is probed until asked for.
constexpr const char* kNoPciDevice = "ffff:ff:1f.7";

}  // namespace

bool is_pci_address(std::string_view devargs) {
  auto name = devargs.substr(0, devargs.find(','));
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  auto matches = [&](std::string_view pattern) {
    if (name.size() != pattern.size()) return false;
    for (size_t i = 0; i < name.size(); ++i)
      if (pattern[i] == 'x' ? !hex(name[i]) : pattern[i] != name[i]) return false;
    return true;
  };
  return matches("xxxx:xx:xx.x") || matches("xx:xx.x");
}

unsigned long free_hugepage_mib() {
  return read_free_pages("/sys/kernel/mm/hugepages/hugepages-2048kB") * 2 +
         read_free_pages("/sys/kernel/mm/hugepages/hugepages-1048576kB") * 1024;
}

Result<std::unique_ptr<Eal>> Eal::init(const EalConfig& config) {
  if (!has_arg(config.extra_args, "--no-huge") && free_hugepage_mib() == 0)
    return make_error(
        "no free hugepages: reserve some first, e.g. 'echo 1024 > /proc/sys/vm/nr_hugepages' "
        "(make demo / make test do this)");

  std::unique_ptr<Eal> eal(new Eal());
  auto& a = eal->args_;
  a.push_back(config.program_name);
  a.push_back("-l");
  a.push_back(std::to_string(config.main_cpu));
  a.push_back("--main-lcore");
  a.push_back(std::to_string(config.main_cpu));
  a.push_back("--file-prefix");
  a.push_back(config.file_prefix.empty() ? "turnoutd-" + std::to_string(getpid())
                                         : config.file_prefix);
  if (!has_arg(config.extra_args, "--in-memory")) a.push_back("--in-memory");
  // One memfd per memseg list, so net_virtio_user ports can share memory with a backend.
  if (!has_arg(config.extra_args, "--single-file-segments"))
    a.push_back("--single-file-segments");
  a.push_back("--log-level=" + std::to_string(dpdk_level_for(config.log_level)));
  a.push_back("--no-telemetry");  // statistics are served on turnoutd's own socket
  bool pci_policy_given = has_arg(config.extra_args, "-a") || has_arg(config.extra_args, "--allow") ||
                          has_arg(config.extra_args, "-b") || has_arg(config.extra_args, "--block") ||
                          has_arg(config.extra_args, "--no-pci");
  if (!pci_policy_given) {
    for (auto& addr : config.pci_allow) {
      a.push_back("-a");
      a.push_back(addr);
    }
    if (config.pci_allow.empty()) {
      a.push_back("-a");
      a.push_back(kNoPciDevice);
    }
  }
  for (auto& x : config.extra_args) a.push_back(x);

  static cookie_io_functions_t log_functions = {nullptr, dpdk_log_write, nullptr, nullptr};
  if (FILE* stream = fopencookie(nullptr, "w", log_functions)) {
    setvbuf(stream, nullptr, _IOLBF, 0);
    rte_openlog_stream(stream);
  }

  std::vector<char*> argv;
  for (auto& s : a) argv.push_back(s.data());
  argv.push_back(nullptr);
  std::string joined;
  for (auto& s : a) joined += (joined.empty() ? "" : " ") + s;
  LOG_INFO("eal", "EAL arguments: %s", joined.c_str());
  if (rte_eal_init(static_cast<int>(argv.size() - 1), argv.data()) < 0)
    return make_error(std::string("DPDK EAL initialisation failed: ") + rte_strerror(rte_errno) +
                      " (EAL arguments: " + joined + ")");
  return eal;
}

Eal::~Eal() { rte_eal_cleanup(); }

}  // namespace turnout::dataplane
