#pragma once
// One JSON-RPC peer on a non-blocking stream socket (unix or TCP), driven by an EventLoop.
//
// Sending never blocks: what the kernel does not take at once waits in a bounded output
// queue. A peer that stops reading until the queue passes its limit is disconnected, as
// is a peer that sends malformed JSON or a message that is not JSON-RPC. End of input
// closes the connection at once, as in OVS (replies still owed are dropped).
// Everything here runs on the loop thread; a Connection must not outlive its EventLoop.

#include <json/json.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "turnout/common/unique_fd.h"
#include "turnout/jsonrpc/event_loop.h"
#include "turnout/jsonrpc/message.h"
#include "turnout/jsonrpc/request.h"
#include "turnout/jsonrpc/stream_parser.h"

namespace turnout::jsonrpc {

struct ConnectionLimits {
  size_t max_message_bytes = 32u << 20;  // one received JSON value
  // Bytes waiting for the peer to read. A single message is always accepted when nothing
  // is waiting, so this limits how far a peer may fall behind, not the largest reply.
  size_t max_output_bytes = 64u << 20;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // Requests and notifications from the peer. For notifications `reply` owes nothing.
  using RequestHandler =
      std::function<void(const std::shared_ptr<Connection>&, const Request&, Reply)>;
  // Answer to a request we sent; an error reply with "connection closed" if the
  // connection goes away first.
  using ReplyCallback = std::function<void(const Message& reply)>;
  using CloseCallback = std::function<void(Connection&)>;
  using CloseCallbackId = uint64_t;

  // `fd` must be a connected stream socket; it is made non-blocking. Call start() to
  // begin reading. name() is `label` plus "#<id>" ("unixctl#4"), for log lines.
  static std::shared_ptr<Connection> create(EventLoop& loop, UniqueFd fd, std::string label,
                                            ConnectionLimits limits, RequestHandler on_request);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start();

  uint64_t id() const { return id_; }  // unique within the process, never reused
  const std::string& name() const { return name_; }
  bool is_open() const { return open_; }
  // Why the connection closed ("peer closed the connection", "invalid JSON: ...", ...).
  const std::string& close_reason() const { return close_reason_; }
  size_t output_backlog_bytes() const { return output_bytes_; }

  void notify(std::string method, Json::Value params);
  void send_request(std::string method, Json::Value params, ReplyCallback on_reply);
  // Low level: any message (replies normally go through Reply). No-op once closed.
  void send(const Message& message);

  // Closes at once: queued output is dropped, close callbacks run (once), pending
  // requests we sent get their "connection closed" error. Safe from any callback.
  void close(std::string reason);

  // Per-connection cleanup for later layers (OVSDB drops monitors and locks here).
  // Callbacks run in registration order when the connection closes; on a connection that
  // is already closed, the callback runs at once.
  CloseCallbackId add_close_callback(CloseCallback callback);
  void remove_close_callback(CloseCallbackId id);

 private:
  struct PrivateTag {};

 public:
  Connection(PrivateTag, EventLoop& loop, UniqueFd fd, std::string name, ConnectionLimits limits,
             RequestHandler on_request);

 private:
  void on_io(IoEvents events);
  void read_available();
  void process_received_messages();
  void handle_message(const Json::Value& json);
  void handle_reply(Message&& reply);
  void enqueue(std::string text);
  void flush();
  void update_interest();

  EventLoop& loop_;
  UniqueFd fd_;
  std::string name_;
  ConnectionLimits limits_;
  RequestHandler on_request_;
  uint64_t id_;
  WatchId watch_id_ = 0;
  bool open_ = true;
  bool started_ = false;
  std::string close_reason_;

  StreamParser parser_;

  std::deque<std::string> output_;
  size_t output_offset_ = 0;  // bytes of output_.front() already sent
  size_t output_bytes_ = 0;

  uint64_t next_request_id_ = 0;
  std::map<uint64_t, ReplyCallback> awaiting_replies_;

  std::vector<std::pair<CloseCallbackId, CloseCallback>> close_callbacks_;
  CloseCallbackId next_close_callback_id_ = 1;
};

using ConnectionPtr = std::shared_ptr<Connection>;

}  // namespace turnout::jsonrpc
