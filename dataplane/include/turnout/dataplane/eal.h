#pragma once
// DPDK EAL bring-up for one daemon instance. Each instance gets its own file prefix and
// runs --in-memory, so several daemons (and generators) run side by side and a killed
// instance leaves no hugepage files behind.

#include <memory>
#include <string>
#include <vector>

#include "turnout/common/log.h"
#include "turnout/common/result.h"

namespace turnout::dataplane {

struct EalConfig {
  std::string program_name = "turnoutd";
  std::string file_prefix;          // empty: "turnoutd-<pid>"
  unsigned main_cpu = 0;            // EAL main lcore (control thread)
  log::Level log_level = log::Level::kInfo;
  std::vector<std::string> extra_args;  // appended verbatim (e.g. --socket-mem)
  // PCI devices the daemon may take at start-up. EAL would otherwise probe every PCI
  // device a DPDK driver claims (here: the machine's own virtio NIC); a switch takes
  // only what it is given, and hot-plugs further devices by address at run time.
  std::vector<std::string> pci_allow;
};

class Eal {
 public:
  // Checks hugepages first so the common failure gets a one-line, actionable error.
  static Result<std::unique_ptr<Eal>> init(const EalConfig& config);
  ~Eal();
  Eal(const Eal&) = delete;
  Eal& operator=(const Eal&) = delete;

  const std::vector<std::string>& args() const { return args_; }

 private:
  Eal() = default;
  std::vector<std::string> args_;
};

// "0000:01:00.0" or "01:00.0", optionally followed by devargs.
bool is_pci_address(std::string_view devargs);

// Free 2 MiB + 1 GiB hugepages, in MiB.
unsigned long free_hugepage_mib();

}  // namespace turnout::dataplane
