#pragma once
// JSON-RPC 1.0 messages as OVS and RFC 7047 §4 use them:
//   request       {"method": M, "params": [...], "id": ID}
//   notification  {"method": M, "params": [...], "id": null}
//   reply         {"result": R, "error": null, "id": ID}
//   error reply   {"result": null, "error": E, "id": ID}

#include <json/json.h>

#include <string>

#include "turnout/common/result.h"

namespace turnout::jsonrpc {

struct Message {
  enum class Type { kRequest, kNotification, kReply, kErrorReply };

  Type type = Type::kRequest;
  std::string method;  // requests and notifications
  Json::Value params;  // requests and notifications: always an array
  Json::Value result;  // replies
  Json::Value error;   // error replies: never null
  Json::Value id;      // null for notifications

  static Message request(std::string method, Json::Value params, Json::Value id);
  static Message notification(std::string method, Json::Value params);
  static Message reply(Json::Value result, Json::Value id);
  static Message error_reply(Json::Value error, Json::Value id);

  bool is_reply() const { return type == Type::kReply || type == Type::kErrorReply; }
  Json::Value to_json() const;
};

// Classifies a received value. A request whose "params" is missing or not an array is
// still returned as a request (with `params_error` set) so the server can answer it with
// an error instead of dropping the connection.
struct ParsedMessage {
  Message message;
  std::string params_error;
};
Result<ParsedMessage> parse_message(const Json::Value& json);

const char* message_type_name(Message::Type type);

// Id equality as JSON means it: jsoncpp's operator== tells 0 (int) from 0 (unsigned).
bool same_id(const Json::Value& a, const Json::Value& b);

}  // namespace turnout::jsonrpc
