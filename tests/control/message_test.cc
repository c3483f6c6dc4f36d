#include "turnout/jsonrpc/message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "turnout/jsonrpc/json_text.h"

namespace turnout::jsonrpc {
namespace {

Result<ParsedMessage> parse_text(const char* text) {
  auto json = parse_json_text(text);
  EXPECT_TRUE(json.ok()) << text;
  return parse_message(*json);
}

TEST(Message, ClassifiesRequestNotificationReplyAndError) {
  auto request = parse_text(R"({"id":0,"method":"version","params":[]})");
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->message.type, Message::Type::kRequest);
  EXPECT_EQ(request->message.method, "version");

  auto notification = parse_text(R"({"id":null,"method":"update3","params":[1]})");
  ASSERT_TRUE(notification.ok());
  EXPECT_EQ(notification->message.type, Message::Type::kNotification);

  auto reply = parse_text(R"({"id":"a","result":{"x":1},"error":null})");
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->message.type, Message::Type::kReply);
  EXPECT_EQ(reply->message.result["x"].asInt(), 1);

  // ovsdb-server leaves "result" out of error replies.
  auto error = parse_text(R"({"id":7,"error":"unknown method"})");
  ASSERT_TRUE(error.ok());
  EXPECT_EQ(error->message.type, Message::Type::kErrorReply);
  EXPECT_EQ(error->message.error.asString(), "unknown method");
}

TEST(Message, RequestWithBadParamsIsKeptSoItCanBeAnswered) {
  auto parsed = parse_text(R"({"id":1,"method":"m","params":{"a":1}})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->params_error, "\"params\" must be JSON array");
  EXPECT_TRUE(parsed->message.params.isArray());
}

TEST(Message, NonJsonRpcValuesAreErrors) {
  EXPECT_FALSE(parse_text("[1,2]").ok());
  EXPECT_FALSE(parse_text(R"({"method":5,"params":[],"id":1})").ok());
  EXPECT_FALSE(parse_text(R"({"hello":"world"})").ok());
  EXPECT_FALSE(parse_text(R"({"result":1,"id":null})").ok());
}

TEST(Message, SerializesTheWayOvsClientsExpect) {
  EXPECT_EQ(to_json_text(Message::reply("ok\n", 0).to_json()),
            R"({"error":null,"id":0,"result":"ok\n"})");
  EXPECT_EQ(to_json_text(Message::error_reply("bad", 3).to_json()),
            R"({"error":"bad","id":3,"result":null})");
  Json::Value params(Json::arrayValue);
  params.append("mylock");
  EXPECT_EQ(to_json_text(Message::notification("locked", params).to_json()),
            R"({"id":null,"method":"locked","params":["mylock"]})");
}

TEST(Message, NonAsciiIsEscapedSoPeersNeverSeeRawBytes) {
  Json::Value value(Json::arrayValue);
  value.append("caf\xc3\xa9");
  value.append(std::string("bad\xff", 4));
  std::string text = to_json_text(value);
  for (char c : text) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << text;
  EXPECT_THAT(text, ::testing::HasSubstr("caf\\u00e9"));
}

}  // namespace
}  // namespace turnout::jsonrpc
