#pragma once
// A running turnoutd plus turnout-pktgen runs against it, for integration tests.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "process.h"

namespace turnout::testing {

std::string bin(const std::string& name);  // path of a built executable

// key=value fields of turnout-pktgen's RESULT line.
struct PktgenResult {
  int exit_code = -1;
  std::map<std::string, std::string> fields;
  std::string err;
  double number(const std::string& key) const;
  uint64_t count(const std::string& key) const;
};

class Turnoutd {
 public:
  // Starts turnoutd in `run_dir` with `args` added; waits until its control socket
  // answers. Check ok() / startup_error() afterwards.
  Turnoutd(const std::string& run_dir, std::vector<std::string> args);
  ~Turnoutd();

  bool ok() const { return ok_; }
  std::string startup_error() const;
  Process& process() { return *process_; }
  const std::string& run_dir() const { return run_dir_; }
  std::string socket() const { return run_dir_ + "/turnoutd.ctl"; }
  // turnoutctl COMMAND ARGS...
  CommandResult ctl(std::vector<std::string> command_and_args) const;
  // Comma-separated schedstat files of the PMD threads.
  std::string pmd_schedstat_files() const;
  // Sum of "in use" mbufs over all pools, from memory/show.
  uint64_t mbufs_in_use() const;
  int stop();

 private:
  std::string run_dir_;
  std::unique_ptr<Process> process_;
  bool ok_ = false;
};

// Runs turnout-pktgen with the given options (plus CPU 0 and a unique file prefix).
PktgenResult run_pktgen(const std::string& log_prefix, std::vector<std::string> options,
                        std::chrono::seconds timeout = std::chrono::seconds(90));

}  // namespace turnout::testing
