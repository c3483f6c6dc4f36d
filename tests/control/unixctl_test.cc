#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "turnout/jsonrpc/blocking_client.h"
#include "turnout/jsonrpc/unixctl_client.h"
#include "unixctl_fixture.h"

namespace turnout::jsonrpc {
namespace {

using ::testing::HasSubstr;
constexpr Timeout kTimeout{3000};

class UnixctlTest : public testing::UnixctlFixture {
 protected:
  UnixctlResult run(const std::string& command, const std::vector<std::string>& args = {}) {
    auto client = UnixctlClient::connect(socket_path(), kTimeout);
    if (!client) return UnixctlResult::transport_error(client.message());
    return client->call(command, args, kTimeout);
  }
};

TEST_F(UnixctlTest, ListCommandsUsesOvsLayoutSortedWithPaddedNames) {
  auto result = run("list-commands");
  ASSERT_TRUE(result.ok()) << result.text();
  EXPECT_EQ(result.text(),
            "The available commands are:\n"
            "  list-commands           \n"
            "  test/args               [ARG...]\n"
            "  test/fail               \n"
            "  test/later              \n"
            "  test/need-two           A B\n"
            "  version                 \n");
}

TEST_F(UnixctlTest, LongCommandNamesStillGetASeparatingSpace) {
  thread_.run_in_loop([&] {
    ASSERT_TRUE(unixctl_
                    ->register_command("a/very-long-command-name-indeed", "X", 1, 1,
                                       [](const UnixctlServer::Args&) -> Result<std::string> {
                                         return std::string();
                                       })
                    .ok());
  });
  EXPECT_THAT(run("list-commands").text(), HasSubstr("\n  a/very-long-command-name-indeed X\n"));
}

TEST_F(UnixctlTest, VersionAnswersTheConstructionText) {
  auto result = run("version");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.text(), "turnoutd (Turnout) 0.1.0\n");
}

TEST_F(UnixctlTest, ArgumentsArePassedInOrderAndOutputGetsANewline) {
  auto result = run("test/args", {"br0", "-x", "--flag=1"});
  ASSERT_TRUE(result.ok()) << result.text();
  EXPECT_EQ(result.text(), "br0|-x|--flag=1|\n");
  auto empty = run("test/args");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty.text(), "");  // empty output stays empty, as in OVS
}

TEST_F(UnixctlTest, UnknownCommandIsACommandErrorWithOvsText) {
  auto result = run("no-such-cmd");
  EXPECT_EQ(result.kind(), UnixctlResult::Kind::kCommandError);
  EXPECT_EQ(result.text(),
            "\"no-such-cmd\" is not a valid command (use \"list-commands\" to see a list of "
            "valid commands)\n");
}

TEST_F(UnixctlTest, EchoIsNotACommandAsInOvs) {
  auto result = run("echo", {"hi"});
  EXPECT_EQ(result.kind(), UnixctlResult::Kind::kCommandError);
  EXPECT_THAT(result.text(), HasSubstr("\"echo\" is not a valid command"));
}

TEST_F(UnixctlTest, WrongArgumentCountsAreCommandErrors) {
  auto too_few = run("test/need-two", {"a"});
  EXPECT_EQ(too_few.kind(), UnixctlResult::Kind::kCommandError);
  EXPECT_EQ(too_few.text(), "\"test/need-two\" command requires at least 2 arguments\n");
  auto too_many = run("test/args", {"1", "2", "3", "4"});
  EXPECT_EQ(too_many.kind(), UnixctlResult::Kind::kCommandError);
  EXPECT_EQ(too_many.text(), "\"test/args\" command takes at most 3 arguments\n");
  EXPECT_EQ(run("version", {"x"}).text(), "\"version\" command takes at most 0 arguments\n");
}

TEST_F(UnixctlTest, HandlerErrorIsACommandErrorWithItsMessage) {
  auto result = run("test/fail");
  EXPECT_EQ(result.kind(), UnixctlResult::Kind::kCommandError);
  EXPECT_EQ(result.text(), "cannot do that: no bridge br9\n");
  EXPECT_FALSE(result.as_result().ok());
}

TEST_F(UnixctlTest, AsyncCommandAnswersLater) {
  auto result = run("test/later");
  ASSERT_TRUE(result.ok()) << result.text();
  EXPECT_EQ(result.text(), "done later\n");
}

TEST_F(UnixctlTest, NonStringOrNonArrayParamsAreErrors) {
  auto client = BlockingClient::connect_unix(socket_path(), kTimeout);
  ASSERT_TRUE(client.ok());
  Json::Value params(Json::arrayValue);
  params.append(1);
  auto reply = client->call("test/args", params, kTimeout);
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->type, Message::Type::kErrorReply);
  EXPECT_EQ(reply->error.asString(), "\"test/args\" command has non-string argument\n");

  ASSERT_TRUE(
      client->send_raw(R"({"id":5,"method":"test/args","params":{"a":"b"}})", kTimeout).ok());
  auto bad = client->receive(kTimeout);
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->type, Message::Type::kErrorReply);
  EXPECT_THAT(bad->error.asString(), HasSubstr("params"));
}

TEST_F(UnixctlTest, ErrorRepliesCarryNullResultAndStringError) {
  auto client = BlockingClient::connect_unix(socket_path(), kTimeout);
  ASSERT_TRUE(client.ok());
  auto reply = client->call("nope", Json::Value(Json::arrayValue), kTimeout);
  ASSERT_TRUE(reply.ok());
  EXPECT_TRUE(reply->result.isNull());
  EXPECT_TRUE(reply->error.isString());
}

TEST_F(UnixctlTest, RegistrationRejectsDuplicatesAndBadRanges) {
  auto noop = [](const UnixctlServer::Args&) -> Result<std::string> { return std::string(); };
  thread_.run_in_loop([&] {
    EXPECT_FALSE(unixctl_->register_command("version", "", 0, 0, noop).ok());
    EXPECT_FALSE(unixctl_->register_command("x", "", 2, 1, noop).ok());
    EXPECT_FALSE(unixctl_->register_command("", "", 0, 0, noop).ok());
    EXPECT_TRUE(unixctl_->register_command("exit", "", 0, 0, noop).ok());
  });
}

TEST_F(UnixctlTest, TransportErrorsAreDistinguishedFromCommandErrors) {
  auto missing = UnixctlClient::connect(dir_.file("absent.ctl"), kTimeout);
  EXPECT_FALSE(missing.ok());

  auto client = UnixctlClient::connect(socket_path(), kTimeout);
  ASSERT_TRUE(client.ok());
  thread_.stop();
  unixctl_.reset();  // the daemon goes away with our connection open
  auto result = client->call("version", {}, kTimeout);
  EXPECT_EQ(result.kind(), UnixctlResult::Kind::kTransportError);
  // "send: Broken pipe" or "connection closed by server", depending on timing.
  EXPECT_FALSE(result.text().empty());
}

}  // namespace
}  // namespace turnout::jsonrpc
