#include "turnout/jsonrpc/message.h"

namespace turnout::jsonrpc {

Message Message::request(std::string method, Json::Value params, Json::Value id) {
  Message m;
  m.type = Type::kRequest;
  m.method = std::move(method);
  m.params = std::move(params);
  m.id = std::move(id);
  return m;
}

Message Message::notification(std::string method, Json::Value params) {
  Message m;
  m.type = Type::kNotification;
  m.method = std::move(method);
  m.params = std::move(params);
  return m;
}

Message Message::reply(Json::Value result, Json::Value id) {
  Message m;
  m.type = Type::kReply;
  m.result = std::move(result);
  m.id = std::move(id);
  return m;
}

Message Message::error_reply(Json::Value error, Json::Value id) {
  Message m;
  m.type = Type::kErrorReply;
  m.error = std::move(error);
  m.id = std::move(id);
  return m;
}

Json::Value Message::to_json() const {
  Json::Value json(Json::objectValue);
  switch (type) {
    case Type::kRequest:
    case Type::kNotification:
      json["method"] = method;
      json["params"] = params.isNull() ? Json::Value(Json::arrayValue) : params;
      json["id"] = type == Type::kRequest ? id : Json::Value();
      break;
    case Type::kReply:
      json["result"] = result;
      json["error"] = Json::Value();
      json["id"] = id;
      break;
    case Type::kErrorReply:
      json["result"] = Json::Value();
      json["error"] = error;
      json["id"] = id;
      break;
  }
  return json;
}

Result<ParsedMessage> parse_message(const Json::Value& json) {
  if (!json.isObject()) return make_error("JSON-RPC message is not a JSON object");
  ParsedMessage parsed;
  Message& m = parsed.message;
  // A missing id is treated like null (a notification); OVS clients always send it.
  m.id = json.get("id", Json::Value());

  if (json.isMember("method")) {
    const Json::Value& method = json["method"];
    if (!method.isString()) return make_error("JSON-RPC \"method\" is not a string");
    m.method = method.asString();
    m.type = m.id.isNull() ? Message::Type::kNotification : Message::Type::kRequest;
    const Json::Value& params = json["params"];
    if (params.isArray()) {
      m.params = params;
    } else {
      m.params = Json::Value(Json::arrayValue);
      parsed.params_error = json.isMember("params") ? "\"params\" must be JSON array"
                                                    : "request must have \"params\"";
    }
    return parsed;
  }

  if (json.isMember("result") || json.isMember("error")) {
    if (m.id.isNull()) return make_error("JSON-RPC reply has no \"id\"");
    const Json::Value& error = json["error"];
    if (!error.isNull()) {
      m.type = Message::Type::kErrorReply;
      m.error = error;
    } else {
      m.type = Message::Type::kReply;
      m.result = json["result"];
    }
    return parsed;
  }
  return make_error("JSON-RPC message has neither \"method\" nor \"result\"/\"error\"");
}

bool same_id(const Json::Value& a, const Json::Value& b) {
  if (a.isIntegral() && b.isIntegral()) {
    if (a.isUInt64() && b.isUInt64()) return a.asUInt64() == b.asUInt64();
    if (a.isInt64() && b.isInt64()) return a.asInt64() == b.asInt64();
    return false;  // one is negative, the other above INT64_MAX
  }
  return a == b;
}

const char* message_type_name(Message::Type type) {
  switch (type) {
    case Message::Type::kRequest:
      return "request";
    case Message::Type::kNotification:
      return "notification";
    case Message::Type::kReply:
      return "reply";
    case Message::Type::kErrorReply:
      return "error reply";
  }
  return "message";
}

}  // namespace turnout::jsonrpc
