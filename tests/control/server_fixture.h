#pragma once
// A Server on a unix socket in a fresh temp dir, its loop on a background thread.
// Register methods on server() before start(); the loop stops before anything is freed.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "test_support.h"
#include "turnout/jsonrpc/blocking_client.h"
#include "turnout/jsonrpc/server.h"

namespace turnout::jsonrpc::testing {

inline constexpr Timeout kTestTimeout{3000};

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override { use_options({}); }

  void TearDown() override {
    thread_.stop();
    server_.reset();
  }

  void use_options(ServerOptions options) { server_ = std::make_unique<Server>(loop_, options); }

  void start() {
    auto status = server_->listen_unix(socket_path());
    ASSERT_TRUE(status.ok()) << status.message();
    thread_.start();
  }

  BlockingClient connect() {
    auto client = BlockingClient::connect_unix(socket_path(), kTestTimeout);
    EXPECT_TRUE(client.ok()) << client.message();
    return std::move(*client);
  }

  size_t connection_count() {
    return thread_.run_in_loop([this] { return server_->connection_count(); });
  }

  std::string socket_path() const { return dir_.file("jsonrpc.sock"); }
  Server& server() { return *server_; }

  TempDir dir_;
  EventLoop loop_;
  LoopThread thread_{loop_};
  std::unique_ptr<Server> server_;
};

inline Json::Value array_of(std::initializer_list<Json::Value> items) {
  Json::Value array(Json::arrayValue);
  for (const auto& item : items) array.append(item);
  return array;
}

}  // namespace turnout::jsonrpc::testing
