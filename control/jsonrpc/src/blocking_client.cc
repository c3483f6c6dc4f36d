#include "turnout/jsonrpc/blocking_client.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "sockets.h"
#include "turnout/jsonrpc/json_text.h"

namespace turnout::jsonrpc {
namespace {

using Clock = std::chrono::steady_clock;

// Milliseconds left for poll(): -1 forever, 0 expired.
int remaining_ms(Clock::time_point deadline, bool forever) {
  if (forever) return -1;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<int64_t>(left, 3'600'000));
}

Status wait_for(int fd, short events, Clock::time_point deadline, bool forever) {
  while (true) {
    pollfd pfd{fd, events, 0};
    int n = ::poll(&pfd, 1, remaining_ms(deadline, forever));
    if (n > 0) return {};
    if (n == 0) return make_error("timed out");
    if (errno != EINTR) return make_error(std::string("poll: ") + std::strerror(errno));
  }
}

}  // namespace

BlockingClient::BlockingClient(UniqueFd fd)
    : fd_(std::move(fd)), parser_(kDefaultMaxMessageBytes) {}

Result<BlockingClient> BlockingClient::connect_unix(const std::string& path, Timeout timeout) {
  auto fd = sockets::connect_unix(path, timeout);
  if (!fd) return fd.error();
  return BlockingClient(std::move(*fd));
}

Result<BlockingClient> BlockingClient::connect_tcp(const std::string& address, uint16_t port,
                                                   Timeout timeout) {
  auto fd = sockets::connect_tcp(address, port, timeout);
  if (!fd) return fd.error();
  return BlockingClient(std::move(*fd));
}

Result<BlockingClient> BlockingClient::connect(std::string_view target, Timeout timeout) {
  if (target.starts_with("unix:")) return connect_unix(std::string(target.substr(5)), timeout);
  if (target.starts_with("tcp:")) {
    std::string_view rest = target.substr(4);
    auto colon = rest.rfind(':');
    if (colon == std::string_view::npos)
      return make_error("invalid target '" + std::string(target) + "' (expected tcp:ADDRESS:PORT)");
    std::string address(rest.substr(0, colon));
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']')
      address = address.substr(1, address.size() - 2);
    auto port = sockets::parse_port(rest.substr(colon + 1));
    if (!port) return port.error();
    return connect_tcp(address, *port, timeout);
  }
  if (target.find(':') == std::string_view::npos) return connect_unix(std::string(target), timeout);
  return make_error("unsupported target '" + std::string(target) +
                    "' (expected unix:PATH or tcp:ADDRESS:PORT)");
}

Status BlockingClient::send(const Message& message, Timeout timeout) {
  return send_raw(to_json_text(message.to_json()), timeout);
}

Status BlockingClient::send_raw(std::string_view bytes, Timeout timeout) {
  bool forever = timeout.count() < 0;
  auto deadline = Clock::now() + (forever ? Timeout(0) : timeout);
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      bytes.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      auto ready = wait_for(fd_.get(), POLLOUT, deadline, forever);
      if (!ready) return make_error("send: " + ready.message());
      continue;
    }
    return make_error(std::string("send: ") + std::strerror(errno));
  }
  return {};
}

Result<Message> BlockingClient::receive(Timeout timeout) {
  if (!unclaimed_.empty()) {
    Message message = std::move(unclaimed_.front());
    unclaimed_.pop_front();
    return message;
  }
  bool forever = timeout.count() < 0;
  return read_message(Clock::now() + (forever ? Timeout(0) : timeout), forever);
}

Result<Message> BlockingClient::call(const std::string& method, Json::Value params,
                                     Timeout timeout) {
  bool forever = timeout.count() < 0;
  auto deadline = Clock::now() + (forever ? Timeout(0) : timeout);
  Json::Value id = Json::Value::UInt64(next_id_++);
  if (auto sent = send(Message::request(method, std::move(params), id), timeout); !sent)
    return sent.error();
  while (true) {
    auto message = read_message(deadline, forever);
    if (!message) return message.error();
    if (message->is_reply() && same_id(message->id, id)) return message;
    unclaimed_.push_back(std::move(*message));
  }
}

Result<Message> BlockingClient::read_message(Clock::time_point deadline, bool forever) {
  while (true) {
    auto next = parser_.next();
    if (!next) return make_error("bad message from server: " + next.message());
    if (next->has_value()) {
      auto parsed = parse_message(**next);
      if (!parsed) return make_error("bad message from server: " + parsed.message());
      return std::move(parsed->message);
    }

    auto ready = wait_for(fd_.get(), POLLIN, deadline, forever);
    if (!ready) return make_error("waiting for reply: " + ready.message());
    char buffer[64 * 1024];
    ssize_t n = ::recv(fd_.get(), buffer, sizeof buffer, MSG_DONTWAIT);
    if (n > 0) {
      parser_.feed(std::string_view(buffer, static_cast<size_t>(n)));
    } else if (n == 0) {
      return make_error("connection closed by server");
    } else if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
      return make_error(std::string("receive: ") + std::strerror(errno));
    }
  }
}

}  // namespace turnout::jsonrpc
