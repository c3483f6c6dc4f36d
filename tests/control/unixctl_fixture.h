#pragma once
// A UnixctlServer with a few test commands, its loop on a background thread.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "test_support.h"
#include "turnout/jsonrpc/unixctl_server.h"

namespace turnout::jsonrpc::testing {

inline constexpr const char* kVersionText = "turnoutd (Turnout) 0.1.0\n";

class UnixctlFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    unixctl_ = std::make_unique<UnixctlServer>(loop_, kVersionText);
    using Args = UnixctlServer::Args;
    ASSERT_TRUE(unixctl_
                    ->register_command("test/args", "[ARG...]", 0, 3,
                                       [](const Args& args) -> Result<std::string> {
                                         std::string joined;
                                         for (const auto& arg : args) joined += arg + "|";
                                         return joined;
                                       })
                    .ok());
    ASSERT_TRUE(unixctl_
                    ->register_command("test/need-two", "A B", 2, 2,
                                       [](const Args& args) -> Result<std::string> {
                                         return args[0] + "+" + args[1] + "\n";
                                       })
                    .ok());
    ASSERT_TRUE(unixctl_
                    ->register_command("test/fail", "", 0, 0,
                                       [](const Args&) -> Result<std::string> {
                                         return make_error("cannot do that: no bridge br9");
                                       })
                    .ok());
    ASSERT_TRUE(unixctl_
                    ->register_async_command("test/later", "", 0, 0,
                                             [this](const Args&, UnixctlServer::Done done) {
                                               loop_.add_timer(
                                                   std::chrono::milliseconds(10),
                                                   [done] { done(std::string("done later")); });
                                             })
                    .ok());
    auto status = unixctl_->listen(socket_path());
    ASSERT_TRUE(status.ok()) << status.message();
    thread_.start();
  }

  void TearDown() override {
    thread_.stop();
    unixctl_.reset();
  }

  std::string socket_path() const { return dir_.file("turnoutd.ctl"); }

  TempDir dir_;
  EventLoop loop_;
  LoopThread thread_{loop_};
  std::unique_ptr<UnixctlServer> unixctl_;
};

}  // namespace turnout::jsonrpc::testing
