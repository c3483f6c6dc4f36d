#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "server_fixture.h"
#include "turnout/jsonrpc/json_text.h"

namespace turnout::jsonrpc {
namespace {

using namespace std::chrono_literals;
using testing::array_of;
using ::testing::HasSubstr;
using testing::kTestTimeout;

class ServerTest : public testing::ServerFixture {
 protected:
  void TearDown() override {
    thread_.stop();
    deferred_.clear();  // Replies must go before the connections they point to
    ServerFixture::TearDown();
  }
  std::vector<Reply> deferred_;  // loop thread only
};

TEST_F(ServerTest, RequestGetsReplyWithSameId) {
  server().add_method("add", [](const ConnectionPtr&, const Request& request, Reply reply) {
    reply.respond(request.params[0].asInt() + request.params[1].asInt());
  });
  start();
  auto client = connect();
  client.set_next_id(41);
  auto reply = client.call("add", array_of({2, 3}), kTestTimeout);
  ASSERT_TRUE(reply.ok()) << reply.message();
  EXPECT_EQ(reply->type, Message::Type::kReply);
  EXPECT_EQ(reply->result.asInt(), 5);
  EXPECT_EQ(reply->id.asUInt64(), 41u);
}

TEST_F(ServerTest, EchoIsBuiltIn) {
  start();
  auto client = connect();
  auto reply =
      client.call("echo", array_of({"a", 1, Json::Value(Json::objectValue)}), kTestTimeout);
  ASSERT_TRUE(reply.ok()) << reply.message();
  EXPECT_EQ(to_json_text(reply->result), R"(["a",1,{}])");
}

TEST_F(ServerTest, UnknownMethodGetsErrorReplyAndConnectionStaysUsable) {
  start();
  auto client = connect();
  auto reply = client.call("no_such_method", array_of({}), kTestTimeout);
  ASSERT_TRUE(reply.ok()) << reply.message();
  EXPECT_EQ(reply->type, Message::Type::kErrorReply);
  EXPECT_EQ(reply->error.asString(), "unknown method");
  EXPECT_TRUE(client.call("echo", array_of({}), kTestTimeout).ok());
}

TEST_F(ServerTest, ParamsThatAreNotAnArrayGetErrorReply) {
  bool handler_called = false;
  server().add_method("m", [&](const ConnectionPtr&, const Request&, Reply reply) {
    handler_called = true;
    reply.respond(true);
  });
  start();
  auto client = connect();
  ASSERT_TRUE(client.send_raw(R"({"id":9,"method":"m","params":"oops"})", kTestTimeout).ok());
  auto reply = client.receive(kTestTimeout);
  ASSERT_TRUE(reply.ok()) << reply.message();
  EXPECT_EQ(reply->type, Message::Type::kErrorReply);
  EXPECT_EQ(reply->error.asString(), "\"params\" must be JSON array");
  EXPECT_EQ(reply->id.asInt(), 9);
  EXPECT_FALSE(thread_.run_in_loop([&] { return handler_called; }));
}

TEST_F(ServerTest, DeferredRepliesMayArriveOutOfOrder) {
  server().add_method("later", [this](const ConnectionPtr&, const Request&, Reply reply) {
    deferred_.push_back(std::move(reply));
    if (deferred_.size() == 2) {
      // Answer the second request first, after a short while.
      loop_.add_timer(10ms, [this] {
        deferred_[1].respond("second");
        deferred_[0].respond("first");
      });
    }
  });
  start();
  auto client = connect();
  ASSERT_TRUE(client.send(Message::request("later", array_of({}), 1), kTestTimeout).ok());
  ASSERT_TRUE(client.send(Message::request("later", array_of({}), 2), kTestTimeout).ok());
  auto a = client.receive(kTestTimeout);
  auto b = client.receive(kTestTimeout);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->id.asInt(), 2);
  EXPECT_EQ(a->result.asString(), "second");
  EXPECT_EQ(b->id.asInt(), 1);
  EXPECT_EQ(b->result.asString(), "first");
}

TEST_F(ServerTest, ReplyDroppedWithoutAnswerBecomesAnErrorNotAHang) {
  server().add_method("forgetful", [](const ConnectionPtr&, const Request&, Reply) {});
  start();
  auto client = connect();
  auto reply = client.call("forgetful", array_of({}), kTestTimeout);
  ASSERT_TRUE(reply.ok()) << reply.message();
  EXPECT_EQ(reply->type, Message::Type::kErrorReply);
  EXPECT_THAT(reply->error.asString(), HasSubstr("not answered"));
}

TEST_F(ServerTest, HandlerThatThrowsAnswersWithErrorAndServerSurvives) {
  server().add_method("strict", [](const ConnectionPtr&, const Request& request, Reply reply) {
    reply.respond(request.params[0].asString());  // jsoncpp throws for an object
  });
  start();
  auto client = connect();
  auto reply = client.call("strict", array_of({Json::Value(Json::objectValue)}), kTestTimeout);
  ASSERT_TRUE(reply.ok()) << reply.message();
  EXPECT_EQ(reply->type, Message::Type::kErrorReply);
  auto ok = client.call("strict", array_of({"fine"}), kTestTimeout);
  ASSERT_TRUE(ok.ok()) << ok.message();
  EXPECT_EQ(ok->result.asString(), "fine");
}

TEST_F(ServerTest, NotificationsAreSentBeforeAndAfterTheReplyInOrder) {
  server().add_method("subscribe", [](const ConnectionPtr& conn, const Request&, Reply reply) {
    conn->notify("update", array_of({"before"}));  // OVSDB: update3 precedes the reply
    reply.respond("subscribed");
    conn->notify("update", array_of({"after1"}));
    conn->notify("update", array_of({"after2"}));
  });
  start();
  auto client = connect();
  auto reply = client.call("subscribe", array_of({}), kTestTimeout);
  ASSERT_TRUE(reply.ok()) << reply.message();
  EXPECT_EQ(reply->result.asString(), "subscribed");
  for (const char* expected : {"before", "after1", "after2"}) {
    auto note = client.receive(kTestTimeout);
    ASSERT_TRUE(note.ok()) << note.message();
    EXPECT_EQ(note->type, Message::Type::kNotification);
    EXPECT_EQ(note->method, "update");
    EXPECT_TRUE(note->id.isNull());
    EXPECT_EQ(note->params[0].asString(), expected);
  }
}

TEST_F(ServerTest, NotificationsFromClientReachHandlerWithoutReply) {
  std::atomic<int> seen{0};
  server().add_method("tick", [&](const ConnectionPtr&, const Request& request, Reply reply) {
    EXPECT_TRUE(request.is_notification());
    EXPECT_FALSE(reply.pending());
    ++seen;
  });
  start();
  auto client = connect();
  ASSERT_TRUE(client.send(Message::notification("tick", array_of({})), kTestTimeout).ok());
  ASSERT_TRUE(client.send(Message::notification("unknown", array_of({})), kTestTimeout).ok());
  auto reply = client.call("echo", array_of({}), kTestTimeout);  // nothing else came back
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->type, Message::Type::kReply);
  EXPECT_EQ(seen.load(), 1);
}

TEST_F(ServerTest, ServerCanSendRequestsAndGetsTheReplyBack) {
  std::atomic<bool> got_reply{false};
  server().add_method("probe-me", [&](const ConnectionPtr& conn, const Request&, Reply reply) {
    conn->send_request("echo", array_of({"probe"}), [&](const Message& answer) {
      EXPECT_EQ(answer.type, Message::Type::kReply);
      EXPECT_EQ(answer.result[0].asString(), "probe");
      got_reply = true;
    });
    reply.respond(true);
  });
  start();
  auto client = connect();
  ASSERT_TRUE(client.call("probe-me", array_of({}), kTestTimeout).ok());
  auto request = client.receive(kTestTimeout);
  ASSERT_TRUE(request.ok()) << request.message();
  ASSERT_EQ(request->type, Message::Type::kRequest);
  EXPECT_EQ(request->method, "echo");
  ASSERT_TRUE(client.send(Message::reply(request->params, request->id), kTestTimeout).ok());
  EXPECT_TRUE(testing::eventually([&] { return got_reply.load(); }));
}

TEST_F(ServerTest, CloseCallbackRunsWhenClientDisconnectsAndLateReplyIsHarmless) {
  std::atomic<bool> closed{false};
  server().add_method("lock", [&](const ConnectionPtr& conn, const Request&, Reply reply) {
    conn->add_close_callback([&](Connection& c) {
      EXPECT_FALSE(c.is_open());
      closed = true;
    });
    deferred_.push_back(std::move(reply));  // like OVSDB "lock" waiting for the holder
  });
  start();
  {
    auto client = connect();
    ASSERT_TRUE(client.send(Message::request("lock", array_of({"l"}), 1), kTestTimeout).ok());
    ASSERT_TRUE(testing::eventually([&] { return connection_count() == 1 && !closed; }));
  }  // client disconnects with the request unanswered
  EXPECT_TRUE(testing::eventually([&] { return closed.load(); }));
  EXPECT_EQ(connection_count(), 0u);
  thread_.run_in_loop([&] {
    ASSERT_EQ(deferred_.size(), 1u);
    EXPECT_EQ(deferred_[0].connection(), nullptr);
    deferred_[0].respond("too late");  // no-op, no crash
  });
}

TEST_F(ServerTest, ManyConcurrentClientsAreServed) {
  start();
  std::vector<BlockingClient> clients;
  for (int i = 0; i < 50; ++i) clients.push_back(connect());
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(clients[i].send(Message::request("echo", array_of({i}), i), kTestTimeout).ok());
  for (int i = 49; i >= 0; --i) {
    auto reply = clients[i].receive(kTestTimeout);
    ASSERT_TRUE(reply.ok()) << reply.message();
    EXPECT_EQ(reply->result[0].asInt(), i);
  }
  EXPECT_EQ(connection_count(), 50u);
}

TEST_F(ServerTest, ConnectionsBeyondTheLimitAreRefused) {
  ServerOptions options;
  options.max_connections = 2;
  use_options(options);
  start();
  auto a = connect();
  auto b = connect();
  ASSERT_TRUE(a.call("echo", array_of({}), kTestTimeout).ok());
  ASSERT_TRUE(b.call("echo", array_of({}), kTestTimeout).ok());
  auto c = connect();  // the kernel accepts it; the server closes it at once
  EXPECT_FALSE(c.call("echo", array_of({}), kTestTimeout).ok());
  EXPECT_TRUE(a.call("echo", array_of({}), kTestTimeout).ok());
}

TEST_F(ServerTest, OnConnectSeesEveryNewConnection) {
  std::atomic<int> connects{0};
  server().on_connect([&](const ConnectionPtr& conn) {
    EXPECT_THAT(conn->name(), HasSubstr("jsonrpc#"));
    ++connects;
  });
  start();
  auto a = connect();
  auto b = connect();
  ASSERT_TRUE(a.call("echo", array_of({}), kTestTimeout).ok());
  ASSERT_TRUE(b.call("echo", array_of({}), kTestTimeout).ok());
  EXPECT_EQ(connects.load(), 2);
}

TEST(ServerTcp, ListensOnLoopbackPtcpTarget) {
  EventLoop loop;
  testing::LoopThread thread(loop);
  auto server = std::make_unique<Server>(loop);
  auto port = server->listen_tcp(0);
  ASSERT_TRUE(port.ok()) << port.message();
  ASSERT_TRUE(server->listen("ptcp:0:127.0.0.1").ok());
  thread.start();
  auto client = BlockingClient::connect("tcp:127.0.0.1:" + std::to_string(*port), kTestTimeout);
  ASSERT_TRUE(client.ok()) << client.message();
  auto reply = client->call("echo", array_of({"tcp"}), kTestTimeout);
  ASSERT_TRUE(reply.ok()) << reply.message();
  EXPECT_EQ(reply->result[0].asString(), "tcp");
  thread.stop();
}

TEST(ServerTcp, RejectsMalformedTargets) {
  EventLoop loop;
  Server server(loop);
  EXPECT_FALSE(server.listen("ptcp:notaport").ok());
  EXPECT_FALSE(server.listen("ptcp:70000").ok());
  EXPECT_FALSE(server.listen("ptcp:0:example.com").ok());
  EXPECT_FALSE(server.listen("pssl:6640").ok());
}

}  // namespace
}  // namespace turnout::jsonrpc
