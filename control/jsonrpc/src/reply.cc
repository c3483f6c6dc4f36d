#include "turnout/common/log.h"
#include "turnout/jsonrpc/connection.h"
#include "turnout/jsonrpc/json_text.h"
#include "turnout/jsonrpc/request.h"

namespace turnout::jsonrpc {

Reply::Reply(std::weak_ptr<Connection> connection, Json::Value id)
    : connection_(std::move(connection)), id_(std::move(id)), pending_(true) {}

Reply::Reply(Reply&& other) noexcept
    : connection_(std::move(other.connection_)),
      id_(std::move(other.id_)),
      pending_(std::exchange(other.pending_, false)) {}

Reply& Reply::operator=(Reply&& other) noexcept {
  if (this != &other) {
    abandon();
    connection_ = std::move(other.connection_);
    id_ = std::move(other.id_);
    pending_ = std::exchange(other.pending_, false);
  }
  return *this;
}

Reply::~Reply() { abandon(); }

void Reply::abandon() {
  if (!pending_) return;
  if (auto connection = connection_.lock(); connection && connection->is_open()) {
    LOG_WARN("jsonrpc", "%s: request %s was dropped without an answer", connection->name().c_str(),
             to_json_text(id_).c_str());
    fail("request was not answered (internal error)");
  }
  pending_ = false;
}

void Reply::respond(Json::Value result) {
  if (!pending_) return;
  pending_ = false;
  if (auto connection = connection_.lock())
    connection->send(Message::reply(std::move(result), id_));
}

void Reply::fail(Json::Value error) {
  if (!pending_) return;
  pending_ = false;
  if (auto connection = connection_.lock())
    connection->send(Message::error_reply(std::move(error), id_));
}

}  // namespace turnout::jsonrpc
