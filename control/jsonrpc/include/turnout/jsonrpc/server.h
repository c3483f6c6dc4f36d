#pragma once
// A JSON-RPC server: listeners (unix socket, TCP on loopback), the connections they accept
// and a method dispatcher. The unixctl server and the OVSDB server are both built on it.
//
//   Server server(loop, {.name = "ovsdb"});
//   server.add_method("transact", [](const ConnectionPtr& conn, const Request& req, Reply reply) {
//     conn->notify("update3", ...);   // notifications may be sent at any time
//     reply.respond(result);          // now, or later after moving `reply` somewhere
//   });
//   if (auto status = server.listen("punix:/run/turnout/db.sock"); !status) ...
//
// "echo" is built in (RFC 7047 §4.1.11: the result is the params) unless disabled. A method nobody
// registered gets the error reply "unknown method" unless a default handler is set.
// Loop thread only, except that listeners may be set up before the loop runs.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "turnout/common/result.h"
#include "turnout/jsonrpc/connection.h"
#include "turnout/jsonrpc/event_loop.h"
#include "turnout/jsonrpc/request.h"

namespace turnout::jsonrpc {

struct ServerOptions {
  std::string name = "jsonrpc";  // prefix of connection names in logs
  ConnectionLimits limits;
  size_t max_connections = 1024;  // further clients are accepted and closed at once
  // RFC 7047 "echo". Off for unixctl, where OVS treats "echo" as an unknown command.
  bool builtin_echo = true;
};

class Server {
 public:
  using MethodHandler = Connection::RequestHandler;
  using ConnectCallback = std::function<void(const ConnectionPtr&)>;

  explicit Server(EventLoop& loop, ServerOptions options = {});
  // Closes every connection (running close callbacks) and listener; removes the unix
  // socket files this server created.
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // OVS-style passive target: "punix:PATH" or "ptcp:PORT[:ADDRESS]" (ADDRESS defaults to
  // 127.0.0.1, as everything Turnout serves is local). A bare path means punix.
  Status listen(std::string_view target);
  // Fails with "socket PATH is busy (another process is listening on it)" if a live
  // server owns PATH; a stale socket file is replaced.
  Status listen_unix(const std::string& path);
  // Returns the bound port (pass 0 for an ephemeral one).
  Result<uint16_t> listen_tcp(uint16_t port, const std::string& address = "127.0.0.1");

  // Registering a name twice replaces the handler.
  void add_method(std::string name, MethodHandler handler);
  void set_default_handler(MethodHandler handler);
  void on_connect(ConnectCallback callback) { on_connect_ = std::move(callback); }

  size_t connection_count() const { return connections_.size(); }
  std::vector<ConnectionPtr> connections() const;
  void close_all_connections(const std::string& reason);

  EventLoop& loop() { return loop_; }
  const ServerOptions& options() const { return options_; }

 private:
  struct Listener;

  Status add_listener(UniqueFd fd, std::string description, std::string unix_path, uint64_t device,
                      uint64_t inode);
  void accept_connections(Listener& listener);
  void pause_listener(Listener& listener);
  void dispatch(const ConnectionPtr& connection, const Request& request, Reply reply);

  EventLoop& loop_;
  ServerOptions options_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::map<uint64_t, ConnectionPtr> connections_;
  std::map<std::string, MethodHandler, std::less<>> methods_;
  MethodHandler default_handler_;
  ConnectCallback on_connect_;
  // Guards callbacks that outlive a listener pause against the server's destruction.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace turnout::jsonrpc
