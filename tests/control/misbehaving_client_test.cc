// Hostile or slow clients must never crash or block the server: each is dropped, while
// well-behaved clients keep getting answers.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <string>

#include "server_fixture.h"
#include "turnout/jsonrpc/json_text.h"

namespace turnout::jsonrpc {
namespace {

using namespace std::chrono_literals;
using testing::array_of;
using ::testing::HasSubstr;
using testing::kTestTimeout;

class MisbehavingClientTest : public testing::ServerFixture {
 protected:
  // Records why each connection closed (loop thread writes, test thread reads after sync).
  void record_close_reasons() {
    server().on_connect([this](const ConnectionPtr& conn) {
      conn->add_close_callback([this](Connection& c) {
        std::lock_guard lock(mutex_);
        close_reasons_.push_back(c.close_reason());
      });
    });
  }
  std::vector<std::string> close_reasons() {
    std::lock_guard lock(mutex_);
    return close_reasons_;
  }
  bool closed_because(const std::string& fragment) {
    for (const auto& reason : close_reasons())
      if (reason.find(fragment) != std::string::npos) return true;
    return false;
  }

  std::mutex mutex_;
  std::vector<std::string> close_reasons_;
};

TEST_F(MisbehavingClientTest, SlowSubscriberThatNeverReadsIsDroppedWhileOthersKeepWorking) {
  ServerOptions options;
  options.limits.max_output_bytes = 256 * 1024;
  use_options(options);
  record_close_reasons();
  // Shared with the loop's callbacks, which may outlive this test body if it fails early.
  struct Subscribers {
    std::vector<ConnectionPtr> connections;  // loop thread only
    std::string payload = std::string(32 * 1024, 'u');
  };
  auto subscribers = std::make_shared<Subscribers>();
  server().add_method("subscribe",
                      [subscribers](const ConnectionPtr& conn, const Request&, Reply reply) {
                        subscribers->connections.push_back(conn);
                        reply.respond(true);
                      });
  // Like OVSDB monitor updates: pushed whether or not the client keeps up.
  loop_.add_periodic_timer(1ms, [subscribers] {
    auto& connections = subscribers->connections;
    for (auto& conn : connections)
      for (int i = 0; i < 4; ++i) conn->notify("update", array_of({subscribers->payload}));
    std::erase_if(connections, [](const ConnectionPtr& c) { return !c->is_open(); });
  });
  start();

  auto slow = connect();
  ASSERT_TRUE(slow.call("subscribe", array_of({}), kTestTimeout).ok());
  auto fast = connect();
  // The fast client is answered promptly every time while the slow one piles up.
  bool dropped = false;
  for (int i = 0; i < 2000 && !dropped; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto reply = fast.call("echo", array_of({i}), kTestTimeout);
    ASSERT_TRUE(reply.ok()) << reply.message();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
    dropped = closed_because("output backlog");
  }
  EXPECT_TRUE(dropped || testing::eventually([&] { return closed_because("output backlog"); }));
  EXPECT_EQ(connection_count(), 1u);
  thread_.run_in_loop([&] { subscribers->connections.clear(); });
}

TEST_F(MisbehavingClientTest, ClientSendingRequestsWithoutReadingRepliesIsDropped) {
  ServerOptions options;
  options.limits.max_output_bytes = 128 * 1024;
  use_options(options);
  record_close_reasons();
  start();

  auto flooder = connect();
  std::string request =
      to_json_text(Message::request("echo", array_of({std::string(16 * 1024, 'f')}), 1).to_json());
  // Keep writing until the server hangs up on us.
  Status sent;
  for (int i = 0; i < 10000 && sent.ok(); ++i) sent = flooder.send_raw(request, 2000ms);
  EXPECT_FALSE(sent.ok()) << "server never dropped the flooding client";
  EXPECT_TRUE(testing::eventually([&] { return closed_because("output backlog"); }));

  auto good = connect();
  EXPECT_TRUE(good.call("echo", array_of({}), kTestTimeout).ok());
}

TEST_F(MisbehavingClientTest, GarbageSenderIsDisconnectedAndOtherClientKeepsWorking) {
  record_close_reasons();
  start();
  auto good = connect();
  ASSERT_TRUE(good.call("echo", array_of({1}), kTestTimeout).ok());

  for (const char* garbage : {"this is not json", "{\"unterminated\": tru}", "[1,2]",
                              "{\"method\":42,\"params\":[],\"id\":1}", "{\"x\":1}", "\x00\x01"}) {
    SCOPED_TRACE(garbage);
    auto bad = connect();
    std::string bytes = garbage[0] ? std::string(garbage) : std::string("\x00\x01", 2);
    ASSERT_TRUE(bad.send_raw(bytes, kTestTimeout).ok());
    auto answer = bad.receive(kTestTimeout);
    ASSERT_FALSE(answer.ok());
    EXPECT_THAT(answer.message(), HasSubstr("closed by server"));
    auto reply = good.call("echo", array_of({2}), kTestTimeout);
    ASSERT_TRUE(reply.ok()) << reply.message();
  }
  EXPECT_EQ(connection_count(), 1u);
}

TEST_F(MisbehavingClientTest, OversizedMessageIsRejectedBeforeItIsBuffered) {
  ServerOptions options;
  options.limits.max_message_bytes = 4096;
  use_options(options);
  record_close_reasons();
  start();
  auto client = connect();
  // An unterminated string that would grow forever: the limit cuts it off.
  std::string huge = R"({"method":"echo","params":[")" + std::string(100 * 1024, 'z');
  (void)client.send_raw(huge, kTestTimeout);  // may fail once the server hangs up
  auto answer = client.receive(kTestTimeout);
  EXPECT_FALSE(answer.ok());
  EXPECT_TRUE(testing::eventually([&] { return closed_because("4096-byte limit"); }));

  auto fine = connect();
  EXPECT_TRUE(fine.call("echo", array_of({"small"}), kTestTimeout).ok());
}

TEST_F(MisbehavingClientTest, ClientVanishingMidMessageIsJustClosed) {
  record_close_reasons();
  start();
  {
    auto client = connect();
    ASSERT_TRUE(client.send_raw(R"({"method":"echo","par)", kTestTimeout).ok());
  }
  EXPECT_TRUE(testing::eventually([&] { return closed_because("mid-message"); }));
  EXPECT_EQ(connection_count(), 0u);
}

TEST_F(MisbehavingClientTest, MessagesSplitIntoTinyWritesAreReassembled) {
  start();
  auto client = connect();
  std::string request = R"({"id":5,"method":"echo","params":["a{b}c\"d"]})";
  for (char c : request) {
    ASSERT_TRUE(client.send_raw(std::string(1, c), kTestTimeout).ok());
    std::this_thread::sleep_for(100us);
  }
  auto reply = client.receive(kTestTimeout);
  ASSERT_TRUE(reply.ok()) << reply.message();
  EXPECT_EQ(reply->result[0].asString(), "a{b}c\"d");
}

}  // namespace
}  // namespace turnout::jsonrpc
