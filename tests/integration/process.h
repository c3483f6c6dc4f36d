#pragma once
// Real processes for integration tests: spawned with fork/exec, output captured to
// files, killed (TERM, then KILL) when the handle goes away, so a failing test never
// leaves a daemon behind.

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace turnout::testing {

class Process {
 public:
  // Starts argv[0] with stdout/stderr to `log_prefix`.out / .err.
  Process(std::vector<std::string> argv, std::string log_prefix);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  // Waits for exit; returns the exit code (128+signal when killed), nullopt on timeout.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  void signal(int sig);
  // SIGTERM, wait, SIGKILL.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  std::string out() const;
  std::string err() const;

 private:
  pid_t pid_ = -1;
  std::optional<int> status_;
  std::string log_prefix_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a command to completion (killed after `timeout`).
CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds(60));

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

// A fresh directory under /tmp, removed with everything in it.
class TempDir {
 public:
  explicit TempDir(const std::string& tag);
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string read_file(const std::string& path);

}  // namespace turnout::testing
