#include "sockets.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "turnout/common/log.h"
#include "turnout/common/parse.h"

namespace turnout::jsonrpc::sockets {
namespace {

std::string errno_text(int err) { return std::strerror(err); }

// sockaddr_un holds at most 107 path bytes. Longer paths (deep build or run directories)
// go through /proc/self/fd/<dirfd>/<name>, the trick OVS itself uses, so that both
// turnoutd and ovs-appctl can reach sockets anywhere.
class UnixAddress {
 public:
  static Result<UnixAddress> make(const std::string& path) {
    if (path.empty()) return make_error("empty socket path");
    UnixAddress address;
    std::string effective = path;
    if (path.size() >= sizeof(address.addr_.sun_path)) {
      auto slash = path.rfind('/');
      std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
      if (dir.empty()) dir = "/";
      std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
      address.dir_fd_.reset(::open(dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
      if (!address.dir_fd_)
        return make_error("cannot open directory " + dir + ": " + errno_text(errno));
      effective = "/proc/self/fd/" + std::to_string(address.dir_fd_.get()) + "/" + name;
      if (effective.size() >= sizeof(address.addr_.sun_path))
        return make_error("socket name too long: " + path);
    }
    address.addr_.sun_family = AF_UNIX;
    std::memcpy(address.addr_.sun_path, effective.c_str(), effective.size() + 1);
    address.length_ =
        static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + effective.size() + 1);
    return address;
  }

  const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&addr_); }
  socklen_t length() const { return length_; }

 private:
  sockaddr_un addr_{};
  socklen_t length_ = 0;
  UniqueFd dir_fd_;  // keeps /proc/self/fd/N valid while the address is in use
};

Result<UniqueFd> new_socket(int family) {
  UniqueFd fd(::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) return make_error("socket: " + errno_text(errno));
  return fd;
}

// True if something accepts connections on `path` right now.
bool someone_listens(const UnixAddress& address) {
  auto probe = new_socket(AF_UNIX);
  if (!probe) return false;
  if (::connect(probe->get(), address.get(), address.length()) == 0) return true;
  // EAGAIN: the listener's backlog is full, so it is very much alive.
  return errno == EAGAIN || errno == EINPROGRESS;
}

Status wait_writable(int fd, std::chrono::milliseconds timeout) {
  pollfd pfd{fd, POLLOUT, 0};
  int n;
  do {
    n = ::poll(&pfd, 1, timeout.count() < 0 ? -1 : static_cast<int>(timeout.count()));
  } while (n < 0 && errno == EINTR);
  if (n < 0) return make_error("poll: " + errno_text(errno));
  if (n == 0) return make_error("timed out");
  return {};
}

}  // namespace

Status set_nonblocking(int fd) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
    return make_error("fcntl: " + errno_text(errno));
  return {};
}

Result<UnixListener> listen_unix(const std::string& path, int backlog) {
  auto address = UnixAddress::make(path);
  if (!address) return address.error();

  struct stat st;
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode))
      return make_error("cannot listen on " + path + ": file exists and is not a socket");
    if (someone_listens(*address))
      return make_error("socket " + path + " is busy (another process is listening on it)");
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
      return make_error("cannot remove stale socket " + path + ": " + errno_text(errno));
    LOG_INFO("jsonrpc", "replacing stale socket %s", path.c_str());
  }

  auto fd = new_socket(AF_UNIX);
  if (!fd) return fd.error();
  if (::bind(fd->get(), address->get(), address->length()) != 0)
    return make_error("cannot bind " + path + ": " + errno_text(errno));
  UnixListener listener;
  listener.fd = std::move(*fd);
  if (::stat(path.c_str(), &st) == 0) {
    listener.device = st.st_dev;
    listener.inode = st.st_ino;
  }
  if (::listen(listener.fd.get(), backlog) != 0) {
    int err = errno;
    unlink_if_ours(path, listener);
    return make_error("cannot listen on " + path + ": " + errno_text(err));
  }
  return listener;
}

void unlink_if_ours(const std::string& path, const UnixListener& listener) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode) && st.st_dev == listener.device &&
      st.st_ino == listener.inode)
    ::unlink(path.c_str());
}

namespace {

struct InetAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_INET;
};

Result<InetAddress> make_inet_address(const std::string& address, uint16_t port) {
  InetAddress out;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&out.storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&out.storage);
  if (::inet_pton(AF_INET, address.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    out.length = sizeof(sockaddr_in);
    out.family = AF_INET;
  } else if (::inet_pton(AF_INET6, address.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    out.length = sizeof(sockaddr_in6);
    out.family = AF_INET6;
  } else {
    return make_error("'" + address + "' is not a numeric IPv4 or IPv6 address");
  }
  return out;
}

}  // namespace

Result<TcpListener> listen_tcp(const std::string& address, uint16_t port, int backlog) {
  auto inet = make_inet_address(address, port);
  if (!inet) return inet.error();
  auto fd = new_socket(inet->family);
  if (!fd) return fd.error();
  int one = 1;
  ::setsockopt(fd->get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  std::string where = address + ":" + std::to_string(port);
  if (::bind(fd->get(), reinterpret_cast<const sockaddr*>(&inet->storage), inet->length) != 0)
    return make_error("cannot bind " + where + ": " + errno_text(errno));
  if (::listen(fd->get(), backlog) != 0)
    return make_error("cannot listen on " + where + ": " + errno_text(errno));
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(fd->get(), reinterpret_cast<sockaddr*>(&bound), &length);
  TcpListener listener;
  listener.port =
      ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                        : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  listener.fd = std::move(*fd);
  return listener;
}

Result<UniqueFd> connect_unix(const std::string& path, std::chrono::milliseconds timeout) {
  auto address = UnixAddress::make(path);
  if (!address) return address.error();
  auto fd = new_socket(AF_UNIX);
  if (!fd) return fd.error();
  // A non-blocking AF_UNIX connect never completes later: it either succeeds at once or
  // fails with EAGAIN when the backlog is full. Retry briefly in that case.
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::connect(fd->get(), address->get(), address->length()) != 0) {
    if (errno == EINTR) continue;
    if (errno != EAGAIN) return make_error(errno_text(errno));
    if (timeout.count() >= 0 && std::chrono::steady_clock::now() >= deadline)
      return make_error("timed out (listen backlog full)");
    ::usleep(1000);
  }
  return std::move(*fd);
}

Result<UniqueFd> connect_tcp(const std::string& address, uint16_t port,
                             std::chrono::milliseconds timeout) {
  auto inet = make_inet_address(address, port);
  if (!inet) return inet.error();
  auto fd = new_socket(inet->family);
  if (!fd) return fd.error();
  if (::connect(fd->get(), reinterpret_cast<const sockaddr*>(&inet->storage), inet->length) != 0) {
    if (errno != EINPROGRESS) return make_error(errno_text(errno));
    auto ready = wait_writable(fd->get(), timeout);
    if (!ready) return ready.error();
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd->get(), SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) return make_error(errno_text(err));
  }
  int one = 1;
  ::setsockopt(fd->get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return std::move(*fd);
}

Result<uint16_t> parse_port(std::string_view text) {
  auto port = parse_uint(text, 0, 65535);
  if (!port) return make_error("invalid port '" + std::string(text) + "'");
  return static_cast<uint16_t>(*port);
}

}  // namespace turnout::jsonrpc::sockets
