#include "turnout/jsonrpc/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "sockets.h"
#include "turnout/common/log.h"

namespace turnout::jsonrpc {
namespace {

constexpr int kListenBacklog = 64;
constexpr int kMaxAcceptsPerWakeup = 32;
// After EMFILE/ENFILE the pending connection stays in the backlog and poll() would report
// it forever; stop listening briefly instead of spinning.
constexpr std::chrono::milliseconds kAcceptPauseAfterFdExhaustion{100};

std::string describe_peer(const sockaddr_storage& peer) {
  char text[INET6_ADDRSTRLEN] = "?";
  uint16_t port = 0;
  if (peer.ss_family == AF_INET) {
    auto* v4 = reinterpret_cast<const sockaddr_in*>(&peer);
    ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    port = ntohs(v4->sin_port);
    return std::string(text) + ":" + std::to_string(port);
  }
  if (peer.ss_family == AF_INET6) {
    auto* v6 = reinterpret_cast<const sockaddr_in6*>(&peer);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    port = ntohs(v6->sin6_port);
    return "[" + std::string(text) + "]:" + std::to_string(port);
  }
  return "?";
}

}  // namespace

struct Server::Listener {
  UniqueFd fd;
  std::string description;  // "unix:/path" or "tcp:127.0.0.1:6640"
  sockets::UnixListener unix_identity;
  std::string unix_path;  // empty for TCP
  WatchId watch = 0;
  TimerId resume_timer = 0;
};

Server::Server(EventLoop& loop, ServerOptions options)
    : loop_(loop), options_(std::move(options)) {}

Server::~Server() {
  *alive_ = false;
  close_all_connections("server shutting down");
  for (auto& listener : listeners_) {
    if (listener->watch) loop_.unwatch(listener->watch);
    if (listener->resume_timer) loop_.cancel_timer(listener->resume_timer);
    if (!listener->unix_path.empty())
      sockets::unlink_if_ours(listener->unix_path, listener->unix_identity);
  }
}

Status Server::listen(std::string_view target) {
  if (target.starts_with("ptcp:")) {
    std::string_view rest = target.substr(5);
    std::string address = "127.0.0.1";
    auto colon = rest.find(':');
    if (colon != std::string_view::npos) {
      address = std::string(rest.substr(colon + 1));
      rest = rest.substr(0, colon);
      if (address.size() >= 2 && address.front() == '[' && address.back() == ']')
        address = address.substr(1, address.size() - 2);
    }
    auto port = sockets::parse_port(rest);
    if (!port) return make_error("invalid target '" + std::string(target) + "': " + port.message());
    auto bound = listen_tcp(*port, address);
    if (!bound) return bound.error();
    return {};
  }
  if (target.starts_with("punix:")) return listen_unix(std::string(target.substr(6)));
  if (target.find(':') == std::string_view::npos) return listen_unix(std::string(target));
  return make_error("unsupported listen target '" + std::string(target) +
                    "' (expected punix:PATH or ptcp:PORT[:ADDRESS])");
}

Status Server::listen_unix(const std::string& path) {
  auto listener = sockets::listen_unix(path, kListenBacklog);
  if (!listener) return listener.error();
  auto device = listener->device;
  auto inode = listener->inode;
  return add_listener(std::move(listener->fd), "unix:" + path, path, device, inode);
}

Result<uint16_t> Server::listen_tcp(uint16_t port, const std::string& address) {
  auto listener = sockets::listen_tcp(address, port, kListenBacklog);
  if (!listener) return listener.error();
  uint16_t bound = listener->port;
  auto status = add_listener(std::move(listener->fd),
                             "tcp:" + address + ":" + std::to_string(bound), "", 0, 0);
  if (!status) return status.error();
  return bound;
}

Status Server::add_listener(UniqueFd fd, std::string description, std::string unix_path,
                            uint64_t device, uint64_t inode) {
  auto listener = std::make_unique<Listener>();
  listener->fd = std::move(fd);
  listener->description = std::move(description);
  listener->unix_path = std::move(unix_path);
  listener->unix_identity.device = static_cast<dev_t>(device);
  listener->unix_identity.inode = static_cast<ino_t>(inode);
  Listener* raw = listener.get();
  listener->watch = loop_.watch_fd(raw->fd.get(), Interest::kRead,
                                   [this, raw](IoEvents) { accept_connections(*raw); });
  LOG_INFO("jsonrpc", "%s: listening on %s", options_.name.c_str(), raw->description.c_str());
  listeners_.push_back(std::move(listener));
  return {};
}

void Server::accept_connections(Listener& listener) {
  for (int i = 0; i < kMaxAcceptsPerWakeup; ++i) {
    sockaddr_storage peer{};
    socklen_t peer_length = sizeof peer;
    UniqueFd fd(::accept4(listener.fd.get(), reinterpret_cast<sockaddr*>(&peer), &peer_length,
                          SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) return;
      LOG_WARN("jsonrpc", "%s: accept on %s failed: %s", options_.name.c_str(),
               listener.description.c_str(), std::strerror(errno));
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
        pause_listener(listener);
      return;
    }
    if (connections_.size() >= options_.max_connections) {
      LOG_WARN("jsonrpc", "%s: refusing connection on %s: %zu connections already open",
               options_.name.c_str(), listener.description.c_str(), connections_.size());
      continue;  // fd closes here
    }

    std::string label = options_.name;
    if (listener.unix_path.empty()) label += "[" + describe_peer(peer) + "]";
    auto connection =
        Connection::create(loop_, std::move(fd), std::move(label), options_.limits,
                           [this](const ConnectionPtr& conn, const Request& request, Reply reply) {
                             dispatch(conn, request, std::move(reply));
                           });
    uint64_t id = connection->id();
    connections_.emplace(id, connection);
    connection->add_close_callback([this, id](Connection&) { connections_.erase(id); });
    connection->start();
    if (on_connect_ && connection->is_open()) on_connect_(connection);
  }
}

void Server::pause_listener(Listener& listener) {
  if (listener.resume_timer) return;
  loop_.set_interest(listener.watch, Interest::kNone);
  std::weak_ptr<bool> alive = alive_;
  Listener* raw = &listener;
  listener.resume_timer = loop_.add_timer(kAcceptPauseAfterFdExhaustion, [this, alive, raw] {
    if (alive.expired()) return;
    raw->resume_timer = 0;
    loop_.set_interest(raw->watch, Interest::kRead);
  });
}

void Server::add_method(std::string name, MethodHandler handler) {
  methods_[std::move(name)] = std::move(handler);
}

void Server::set_default_handler(MethodHandler handler) { default_handler_ = std::move(handler); }

void Server::dispatch(const ConnectionPtr& connection, const Request& request, Reply reply) {
  auto it = methods_.find(request.method);
  if (it != methods_.end()) {
    it->second(connection, request, std::move(reply));
  } else if (options_.builtin_echo && request.method == "echo") {
    reply.respond(request.params);
  } else if (default_handler_) {
    default_handler_(connection, request, std::move(reply));
  } else {
    reply.fail("unknown method");
  }
}

std::vector<ConnectionPtr> Server::connections() const {
  std::vector<ConnectionPtr> out;
  out.reserve(connections_.size());
  for (const auto& [id, connection] : connections_) out.push_back(connection);
  return out;
}

void Server::close_all_connections(const std::string& reason) {
  // Copy first: each close erases itself from connections_.
  for (auto& connection : connections()) connection->close(reason);
}

}  // namespace turnout::jsonrpc
