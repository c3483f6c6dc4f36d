#include "turnout/jsonrpc/connection.h"

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>

#include "sockets.h"
#include "turnout/common/log.h"
#include "turnout/jsonrpc/json_text.h"

namespace turnout::jsonrpc {
namespace {

constexpr size_t kReadChunkBytes = 64 * 1024;
// Reads per wake-up: a peer that floods us yields to the others after this much.
constexpr int kMaxReadsPerWakeup = 4;

std::atomic<uint64_t> g_next_connection_id{1};

}  // namespace

std::shared_ptr<Connection> Connection::create(EventLoop& loop, UniqueFd fd, std::string name,
                                               ConnectionLimits limits, RequestHandler on_request) {
  return std::make_shared<Connection>(PrivateTag{}, loop, std::move(fd), std::move(name), limits,
                                      std::move(on_request));
}

Connection::Connection(PrivateTag, EventLoop& loop, UniqueFd fd, std::string name,
                       ConnectionLimits limits, RequestHandler on_request)
    : loop_(loop),
      fd_(std::move(fd)),
      limits_(limits),
      on_request_(std::move(on_request)),
      id_(g_next_connection_id.fetch_add(1, std::memory_order_relaxed)),
      parser_(limits.max_message_bytes) {
  name_ = std::move(name) + "#" + std::to_string(id_);
  if (auto status = sockets::set_nonblocking(fd_.get()); !status)
    LOG_WARN("jsonrpc", "%s: %s", name_.c_str(), status.message().c_str());
}

Connection::~Connection() {
  if (watch_id_) loop_.unwatch(watch_id_);
}

void Connection::start() {
  if (started_ || !open_) return;
  started_ = true;
  // The watch holds a weak reference: the owner (Server, client) decides the lifetime.
  std::weak_ptr<Connection> weak = weak_from_this();
  watch_id_ = loop_.watch_fd(fd_.get(), Interest::kRead, [weak](IoEvents events) {
    if (auto self = weak.lock()) self->on_io(events);
  });
  update_interest();
}

void Connection::on_io(IoEvents events) {
  auto self = shared_from_this();  // callbacks below may drop the owner's reference
  if (events.writable) flush();
  if (open_ && (events.readable || events.hangup || events.error)) read_available();
}

void Connection::read_available() {
  char buffer[kReadChunkBytes];
  for (int i = 0; i < kMaxReadsPerWakeup && open_; ++i) {
    ssize_t n = ::recv(fd_.get(), buffer, sizeof buffer, 0);
    if (n > 0) {
      parser_.feed(std::string_view(buffer, static_cast<size_t>(n)));
      process_received_messages();
      if (static_cast<size_t>(n) < sizeof buffer) return;
      continue;
    }
    if (n == 0) {
      if (!parser_.between_values()) {
        LOG_WARN("jsonrpc", "%s: connection closed in the middle of a message", name_.c_str());
        close("peer closed the connection mid-message");
      } else {
        close("peer closed the connection");
      }
      return;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return;
    close(std::string("receive failed: ") + std::strerror(errno));
    return;
  }
}

void Connection::process_received_messages() {
  while (open_) {
    auto next = parser_.next();
    if (!next) {
      LOG_WARN("jsonrpc", "%s: %s; disconnecting", name_.c_str(), next.message().c_str());
      close(next.message());
      return;
    }
    if (!next->has_value()) return;
    handle_message(**next);
  }
}

void Connection::handle_message(const Json::Value& json) {
  auto parsed = parse_message(json);
  if (!parsed) {
    LOG_WARN("jsonrpc", "%s: %s; disconnecting", name_.c_str(), parsed.message().c_str());
    close(parsed.message());
    return;
  }
  Message& message = parsed->message;
  if (message.is_reply()) {
    handle_reply(std::move(message));
    return;
  }

  bool is_request = message.type == Message::Type::kRequest;
  if (!parsed->params_error.empty()) {
    if (is_request) send(Message::error_reply(parsed->params_error, message.id));
    return;
  }
  Request request{std::move(message.method), std::move(message.params), std::move(message.id)};
  Reply reply = is_request ? Reply(weak_from_this(), request.id) : Reply();
  if (!on_request_) {
    reply.fail("unknown method");
    return;
  }
  auto self = shared_from_this();
  try {
    // The handler gets the only Reply; a handler that throws (jsoncpp throws on a type
    // mismatch) has dropped it, and its destructor answers with an error.
    on_request_(self, request, std::move(reply));
  } catch (const std::exception& e) {
    LOG_ERROR("jsonrpc", "%s: handler for \"%s\" threw: %s", name_.c_str(), request.method.c_str(),
              e.what());
  }
}

void Connection::handle_reply(Message&& reply) {
  auto it =
      reply.id.isUInt64() ? awaiting_replies_.find(reply.id.asUInt64()) : awaiting_replies_.end();
  if (it == awaiting_replies_.end()) {
    LOG_DEBUG("jsonrpc", "%s: ignoring %s with unknown id %s", name_.c_str(),
              message_type_name(reply.type), to_json_text(reply.id).c_str());
    return;
  }
  auto callback = std::move(it->second);
  awaiting_replies_.erase(it);
  if (callback) callback(reply);
}

void Connection::notify(std::string method, Json::Value params) {
  send(Message::notification(std::move(method), std::move(params)));
}

void Connection::send_request(std::string method, Json::Value params, ReplyCallback on_reply) {
  if (!open_) {
    if (on_reply) on_reply(Message::error_reply("connection closed", Json::Value()));
    return;
  }
  uint64_t id = next_request_id_++;
  awaiting_replies_.emplace(id, std::move(on_reply));
  send(Message::request(std::move(method), std::move(params), Json::Value::UInt64(id)));
}

void Connection::send(const Message& message) {
  if (!open_) return;
  // The caller may hold us only through a container that a close callback empties.
  auto self = shared_from_this();
  enqueue(to_json_text(message.to_json()));
}

void Connection::enqueue(std::string text) {
  if (output_bytes_ > 0 && output_bytes_ + text.size() > limits_.max_output_bytes) {
    LOG_WARN("jsonrpc", "%s: peer is not reading (%zu bytes queued); disconnecting", name_.c_str(),
             output_bytes_);
    close("output backlog limit exceeded (peer not reading)");
    return;
  }
  bool was_idle = output_.empty();
  output_bytes_ += text.size();
  output_.push_back(std::move(text));
  // Write at once when nothing is queued: the common reply never waits for a poll round,
  // and a daemon that replies to "exit" and then stops still gets its answer out.
  if (was_idle)
    flush();
  else
    update_interest();
}

void Connection::flush() {
  while (open_ && !output_.empty()) {
    const std::string& front = output_.front();
    ssize_t n = ::send(fd_.get(), front.data() + output_offset_, front.size() - output_offset_,
                       MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      close(std::string("send failed: ") + std::strerror(errno));
      return;
    }
    output_offset_ += static_cast<size_t>(n);
    output_bytes_ -= static_cast<size_t>(n);
    if (output_offset_ == front.size()) {
      output_.pop_front();
      output_offset_ = 0;
    }
  }
  update_interest();
}

void Connection::update_interest() {
  if (!open_ || !watch_id_) return;
  loop_.set_interest(watch_id_, output_.empty() ? Interest::kRead : Interest::kReadWrite);
}

void Connection::close(std::string reason) {
  if (!open_) return;
  auto self = shared_from_this();
  open_ = false;
  close_reason_ = std::move(reason);
  LOG_DEBUG("jsonrpc", "%s: closed: %s", name_.c_str(), close_reason_.c_str());
  if (watch_id_) {
    loop_.unwatch(watch_id_);
    watch_id_ = 0;
  }
  fd_.reset();
  output_.clear();
  output_bytes_ = output_offset_ = 0;

  auto awaiting = std::move(awaiting_replies_);
  awaiting_replies_.clear();
  for (auto& [id, callback] : awaiting)
    if (callback) callback(Message::error_reply("connection closed", Json::Value::UInt64(id)));

  auto callbacks = std::move(close_callbacks_);
  close_callbacks_.clear();
  for (auto& [id, callback] : callbacks) callback(*this);
}

Connection::CloseCallbackId Connection::add_close_callback(CloseCallback callback) {
  CloseCallbackId id = next_close_callback_id_++;
  if (!open_) {
    // Too late to wait for the close: run now, so cleanup is never silently skipped.
    callback(*this);
    return id;
  }
  close_callbacks_.emplace_back(id, std::move(callback));
  return id;
}

void Connection::remove_close_callback(CloseCallbackId id) {
  std::erase_if(close_callbacks_, [id](const auto& entry) { return entry.first == id; });
}

}  // namespace turnout::jsonrpc
