#pragma once
// What a method handler receives, and the one-shot handle it answers through.

#include <json/json.h>

#include <memory>
#include <string>

namespace turnout::jsonrpc {

class Connection;

struct Request {
  std::string method;
  Json::Value params;  // always a JSON array
  Json::Value id;      // null for a notification

  bool is_notification() const { return id.isNull(); }
};

// The answer a request owes. Move it somewhere to answer later (OVSDB's blocking "wait",
// "lock"); answer at most once. If it is destroyed unanswered while the connection is
// still open, the client gets an error reply rather than waiting forever. Once the
// connection is closed, answering is a harmless no-op. Loop thread only.
class Reply {
 public:
  Reply() = default;  // owes nothing (notifications)
  Reply(std::weak_ptr<Connection> connection, Json::Value id);
  Reply(Reply&& other) noexcept;
  Reply& operator=(Reply&& other) noexcept;
  Reply(const Reply&) = delete;
  Reply& operator=(const Reply&) = delete;
  ~Reply();

  void respond(Json::Value result);
  void fail(Json::Value error);

  // True while an answer is still owed (false for notifications and after answering).
  bool pending() const { return pending_; }
  const Json::Value& id() const { return id_; }
  // Null once the connection has closed.
  std::shared_ptr<Connection> connection() const { return connection_.lock(); }

 private:
  void abandon();

  std::weak_ptr<Connection> connection_;
  Json::Value id_;
  bool pending_ = false;
};

}  // namespace turnout::jsonrpc
