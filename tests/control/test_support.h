#pragma once
// Helpers for the control/ tests: a private temp dir, an event loop on its own thread,
// and running a child process with a timeout.

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "turnout/jsonrpc/event_loop.h"

namespace turnout::jsonrpc::testing {

// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Runs `loop` on a background thread. Objects the loop drives must be created before
// start() or inside run_in_loop(), and destroyed after stop().
class LoopThread {
 public:
  explicit LoopThread(EventLoop& loop) : loop_(loop) {}
  ~LoopThread() { stop(); }

  void start() {
    returned_ = false;
    thread_ = std::thread([this] {
      loop_.run();
      returned_ = true;
    });
  }
  // True once run() has returned (e.g. a command stopped the loop by itself).
  bool returned() const { return returned_.load(); }
  void stop() {
    if (!thread_.joinable()) return;
    loop_.stop();
    thread_.join();
  }

  // Runs `fn` on the loop thread and waits for its result.
  template <typename Fn>
  auto run_in_loop(Fn fn) -> std::invoke_result_t<Fn> {
    using R = std::invoke_result_t<Fn>;
    if (!thread_.joinable()) return fn();
    std::packaged_task<R()> task(std::move(fn));
    auto future = task.get_future();
    loop_.post([&task] { task(); });
    return future.get();
  }

 private:
  EventLoop& loop_;
  std::thread thread_;
  std::atomic<bool> returned_{false};
};

struct ProcessResult {
  int exit_code = -1;  // -1 if killed by a signal or timed out
  bool timed_out = false;
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::vector<std::string>& argv,
                          std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Polls `condition` until it holds or `timeout` passes.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(3));

}  // namespace turnout::jsonrpc::testing
