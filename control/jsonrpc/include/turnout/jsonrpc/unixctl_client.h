#pragma once
// The client side of the unixctl socket (what turnoutctl and tests use; ovs-appctl works
// against the same socket). One command per connection, as ovs-appctl does it.

#include <string>
#include <vector>

#include "turnout/common/result.h"
#include "turnout/jsonrpc/blocking_client.h"

namespace turnout::jsonrpc {

// The outcome of one command. Two ways to fail, and callers report them differently:
// the daemon could not be reached or answered garbage (kTransport), or it ran the command
// and said no (kCommand; the text is the daemon's error message).
class UnixctlResult {
 public:
  enum class Kind { kOk, kTransportError, kCommandError };

  static UnixctlResult success(std::string output) { return {Kind::kOk, std::move(output)}; }
  static UnixctlResult transport_error(std::string message) {
    return {Kind::kTransportError, std::move(message)};
  }
  static UnixctlResult command_error(std::string message) {
    return {Kind::kCommandError, std::move(message)};
  }

  bool ok() const { return kind_ == Kind::kOk; }
  explicit operator bool() const { return ok(); }
  Kind kind() const { return kind_; }
  // The command's output (when ok()) or the error message.
  const std::string& text() const { return text_; }
  // As a plain Result, for callers that do not care which side failed.
  Result<std::string> as_result() const {
    if (ok()) return text_;
    return make_error(text_);
  }

 private:
  UnixctlResult(Kind kind, std::string text) : kind_(kind), text_(std::move(text)) {}
  Kind kind_;
  std::string text_;
};

class UnixctlClient {
 public:
  static Result<UnixctlClient> connect(const std::string& socket_path,
                                       Timeout timeout = kNoTimeout);

  UnixctlResult call(const std::string& command, const std::vector<std::string>& args,
                     Timeout timeout = kNoTimeout);

 private:
  explicit UnixctlClient(BlockingClient client) : client_(std::move(client)) {}
  BlockingClient client_;
};

}  // namespace turnout::jsonrpc
