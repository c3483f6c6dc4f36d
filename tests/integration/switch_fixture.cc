#include "switch_fixture.h"

#include <dirent.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <sstream>

namespace turnout::testing {

std::string bin(const std::string& name) { return std::string(TURNOUT_BIN_DIR) + "/" + name; }

double PktgenResult::number(const std::string& key) const {
  auto it = fields.find(key);
  return it == fields.end() ? -1.0 : std::stod(it->second);
}

uint64_t PktgenResult::count(const std::string& key) const {
  auto it = fields.find(key);
  return it == fields.end() ? UINT64_MAX : std::stoull(it->second);
}

Turnoutd::Turnoutd(const std::string& run_dir, std::vector<std::string> args) : run_dir_(run_dir) {
  std::vector<std::string> argv = {bin("turnoutd"), "--run-dir", run_dir, "--log-level", "info"};
  argv.insert(argv.end(), args.begin(), args.end());
  process_ = std::make_unique<Process>(argv, run_dir + "/stdio");
  ok_ = wait_until(
      [this] {
        if (!process_->running()) return true;
        return ctl({"version"}).exit_code == 0;
      },
      std::chrono::seconds(30));
  ok_ = ok_ && process_->running();
}

Turnoutd::~Turnoutd() { stop(); }

int Turnoutd::stop() {
  if (!process_->running()) return process_->wait(std::chrono::seconds(0)).value_or(-1);
  ctl({"exit"});
  if (auto code = process_->wait(std::chrono::seconds(15))) return *code;
  return process_->stop();
}

std::string Turnoutd::startup_error() const { return process_->err(); }

CommandResult Turnoutd::ctl(std::vector<std::string> command_and_args) const {
  std::vector<std::string> argv = {bin("turnoutctl"), "--target", socket(), "--timeout", "20"};
  argv.insert(argv.end(), command_and_args.begin(), command_and_args.end());
  return run_command(argv, std::chrono::seconds(30));
}

std::string Turnoutd::pmd_schedstat_files() const {
  std::string dir = "/proc/" + std::to_string(process_->pid()) + "/task";
  std::string out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] == '.') continue;
      std::string task = dir + "/" + e->d_name;
      if (read_file(task + "/comm").rfind("pmd-c", 0) == 0)
        out += (out.empty() ? "" : ",") + task + "/schedstat";
    }
    closedir(d);
  }
  return out;
}

uint64_t Turnoutd::mbufs_in_use() const {
  auto r = ctl({"memory/show"});
  uint64_t total = 0;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    auto pos = line.find(" in use");
    if (pos == std::string::npos) continue;
    auto start = line.rfind(", ", pos);
    total += std::stoull(line.substr(start + 2, pos - start - 2));
  }
  return total;
}

PktgenResult run_pktgen(const std::string& log_prefix, std::vector<std::string> options,
                        std::chrono::seconds timeout) {
  static std::atomic<int> sequence{0};
  std::vector<std::string> argv = {bin("turnout-pktgen"), "--cpu", "0", "--file-prefix",
                                   "tn-test-gen-" + std::to_string(getpid()) + "-" +
                                       std::to_string(sequence++)};
  argv.insert(argv.end(), options.begin(), options.end());
  Process p(argv, log_prefix);
  PktgenResult result;
  auto code = p.wait(timeout);
  result.exit_code = code ? *code : p.stop();
  result.err = p.err();
  std::istringstream lines(p.out());
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("RESULT", 0) != 0) continue;
    std::istringstream words(line.substr(6));
    for (std::string w; words >> w;) {
      auto eq = w.find('=');
      if (eq != std::string::npos) result.fields[w.substr(0, eq)] = w.substr(eq + 1);
    }
  }
  return result;
}

}  // namespace turnout::testing
