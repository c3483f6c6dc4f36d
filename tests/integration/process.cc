#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace turnout::testing {

std::string read_file(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

Process::Process(std::vector<std::string> argv, std::string log_prefix)
    : log_prefix_(std::move(log_prefix)) {
  std::string out = log_prefix_ + ".out", err = log_prefix_ + ".err";
  pid_ = fork();
  if (pid_ == 0) {
    setpgid(0, 0);
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int null = open("/dev/null", O_RDONLY);
    dup2(null, 0);
    dup2(o, 1);
    dup2(e, 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
}

Process::~Process() {
  if (pid_ > 0 && !status_) stop(std::chrono::seconds(5));
}

bool Process::running() {
  if (status_) return false;
  int st;
  pid_t r = waitpid(pid_, &st, WNOHANG);
  if (r == pid_) {
    status_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return false;
  }
  return true;
}

std::optional<int> Process::wait(std::chrono::milliseconds timeout) {
  wait_until([this] { return !running(); }, timeout);
  return status_;
}

void Process::signal(int sig) {
  if (running()) kill(pid_, sig);
}

int Process::stop(std::chrono::milliseconds grace) {
  signal(SIGTERM);
  if (!wait(grace)) {
    signal(SIGKILL);
    wait(std::chrono::seconds(5));
  }
  return status_.value_or(-1);
}

std::string Process::out() const { return read_file(log_prefix_ + ".out"); }
std::string Process::err() const { return read_file(log_prefix_ + ".err"); }

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  TempDir dir("cmd");
  Process p(argv, dir / "cmd");
  CommandResult r;
  auto code = p.wait(timeout);
  if (!code) code = p.stop(std::chrono::seconds(1));
  r.exit_code = *code;
  r.out = p.out();
  r.err = p.err();
  return r;
}

TempDir::TempDir(const std::string& tag) {
  std::string pattern = "/tmp/turnout-test-" + tag + "-XXXXXX";
  char* made = mkdtemp(pattern.data());
  path_ = made ? made : "/tmp";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (path_ != "/tmp") std::filesystem::remove_all(path_, ec);
}

}  // namespace turnout::testing
