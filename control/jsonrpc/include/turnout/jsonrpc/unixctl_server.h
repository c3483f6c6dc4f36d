#pragma once
// The unixctl control socket, compatible with `ovs-appctl -t SOCKET` (see
// shared/research/unixctl-protocol.md): one JSON-RPC request per command, the method is
// the command name, params are its string arguments, the answer is a string in "result"
// or, on failure, a string in "error" (ovs-appctl prints it on stderr and exits 2).
//
// Built in: "list-commands" and "version". "exit" is not: the daemon registers it.
// Handlers run on the event-loop thread.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "turnout/common/result.h"
#include "turnout/jsonrpc/event_loop.h"
#include "turnout/jsonrpc/server.h"

namespace turnout::jsonrpc {

class UnixctlServer {
 public:
  using Args = std::vector<std::string>;
  using Handler = std::function<Result<std::string>(const Args& args)>;
  // For commands that finish later (e.g. "wait until revalidation is done"): call `done`
  // exactly once, on the loop thread. Not calling it answers with an internal error.
  using Done = std::function<void(Result<std::string>)>;
  using AsyncHandler = std::function<void(const Args& args, Done done)>;

  static constexpr size_t kUnlimitedArgs = SIZE_MAX;

  // `version_text` is the "version" reply, e.g. "turnoutd (Turnout) 0.1.0\n". The first
  // form uses unixctl limits (1 MiB requests, 64 clients); `options.builtin_echo` is
  // ignored: as in OVS, "echo" is only a command if someone registers it.
  UnixctlServer(EventLoop& loop, std::string version_text);
  UnixctlServer(EventLoop& loop, std::string version_text, ServerOptions options);

  // See Server::listen_unix for the busy / stale socket handling.
  Status listen(const std::string& socket_path);

  // `usage` describes the arguments for list-commands ("" for none). Fails if the name
  // is taken or empty, or min_args > max_args.
  Status register_command(std::string name, std::string usage, size_t min_args, size_t max_args,
                          Handler handler);
  Status register_async_command(std::string name, std::string usage, size_t min_args,
                                size_t max_args, AsyncHandler handler);

  // The text list-commands answers.
  std::string command_list() const;

  Server& server() { return server_; }

 private:
  struct Command {
    std::string usage;
    size_t min_args;
    size_t max_args;
    AsyncHandler handler;
  };

  void handle(const Request& request, Reply reply);

  Server server_;
  std::string version_text_;
  std::map<std::string, Command, std::less<>> commands_;
};

}  // namespace turnout::jsonrpc
