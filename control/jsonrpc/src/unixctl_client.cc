#include "turnout/jsonrpc/unixctl_client.h"

#include "turnout/jsonrpc/json_text.h"

namespace turnout::jsonrpc {
namespace {

// Strings are printed as they are; anything else (a non-OVS server) as JSON text.
std::string as_text(const Json::Value& value) {
  if (value.isString()) return value.asString();
  if (value.isNull()) return "";
  return to_json_text(value) + "\n";
}

}  // namespace

Result<UnixctlClient> UnixctlClient::connect(const std::string& socket_path, Timeout timeout) {
  auto client = BlockingClient::connect_unix(socket_path, timeout);
  if (!client) return client.error();
  return UnixctlClient(std::move(*client));
}

UnixctlResult UnixctlClient::call(const std::string& command, const std::vector<std::string>& args,
                                  Timeout timeout) {
  Json::Value params(Json::arrayValue);
  for (const auto& arg : args) params.append(arg);
  auto reply = client_.call(command, std::move(params), timeout);
  if (!reply) return UnixctlResult::transport_error(reply.message());
  if (reply->type == Message::Type::kErrorReply)
    return UnixctlResult::command_error(as_text(reply->error));
  return UnixctlResult::success(as_text(reply->result));
}

}  // namespace turnout::jsonrpc
