#pragma once
// A synchronous JSON-RPC client for command-line tools and tests: connect, call, wait.
// No event loop; every wait is bounded by the timeout given (negative: wait forever).

#include <json/json.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "turnout/common/result.h"
#include "turnout/common/unique_fd.h"
#include "turnout/jsonrpc/message.h"
#include "turnout/jsonrpc/stream_parser.h"

namespace turnout::jsonrpc {

using Timeout = std::chrono::milliseconds;
inline constexpr Timeout kNoTimeout{-1};

class BlockingClient {
 public:
  static constexpr size_t kDefaultMaxMessageBytes = 64u << 20;

  static Result<BlockingClient> connect_unix(const std::string& path, Timeout timeout = kNoTimeout);
  static Result<BlockingClient> connect_tcp(const std::string& address, uint16_t port,
                                            Timeout timeout = kNoTimeout);
  // OVS-style active target: "unix:PATH" or "tcp:ADDRESS:PORT"; a bare path means unix.
  static Result<BlockingClient> connect(std::string_view target, Timeout timeout = kNoTimeout);

  BlockingClient(BlockingClient&&) noexcept = default;
  BlockingClient& operator=(BlockingClient&&) noexcept = default;

  // Sends a request and waits for the reply with the same id. Notifications and other
  // messages that arrive meanwhile are kept for receive(). The returned message is a
  // kReply or kErrorReply; transport trouble (EOF, timeout, bad JSON) is the error.
  Result<Message> call(const std::string& method, Json::Value params, Timeout timeout);

  Status send(const Message& message, Timeout timeout);
  Status send_raw(std::string_view bytes, Timeout timeout);
  // The next message from the server (kept ones first).
  Result<Message> receive(Timeout timeout);

  // Request ids this client uses count up from here (ovs-appctl always sends 0).
  void set_next_id(uint64_t id) { next_id_ = id; }
  int fd() const { return fd_.get(); }

 private:
  explicit BlockingClient(UniqueFd fd);
  Result<Message> read_message(std::chrono::steady_clock::time_point deadline, bool forever);

  UniqueFd fd_;
  StreamParser parser_;
  std::deque<Message> unclaimed_;
  uint64_t next_id_ = 0;
};

}  // namespace turnout::jsonrpc
