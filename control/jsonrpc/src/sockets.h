#pragma once
// Socket plumbing shared by the server and the blocking clients. Private to the library.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "turnout/common/result.h"
#include "turnout/common/unique_fd.h"

namespace turnout::jsonrpc::sockets {

struct UnixListener {
  UniqueFd fd;
  // Identity of the socket file we created, so we only ever unlink our own.
  dev_t device = 0;
  ino_t inode = 0;
};

// Binds and listens on `path`. An existing socket that accepts connections is an error
// ("socket PATH is busy ..."); a stale one (nobody listening) is replaced.
Result<UnixListener> listen_unix(const std::string& path, int backlog);
// Unlinks `path` only if it is still the socket `listener` created.
void unlink_if_ours(const std::string& path, const UnixListener& listener);

struct TcpListener {
  UniqueFd fd;
  uint16_t port = 0;  // the bound port (useful when 0 was asked for)
};
// `address` is a numeric IPv4 or IPv6 address (e.g. 127.0.0.1, ::1).
Result<TcpListener> listen_tcp(const std::string& address, uint16_t port, int backlog);

// Connected, non-blocking, close-on-exec stream sockets. A negative timeout waits forever.
Result<UniqueFd> connect_unix(const std::string& path, std::chrono::milliseconds timeout);
Result<UniqueFd> connect_tcp(const std::string& address, uint16_t port,
                             std::chrono::milliseconds timeout);

Status set_nonblocking(int fd);

// A TCP port number, 0..65535.
Result<uint16_t> parse_port(std::string_view text);

}  // namespace turnout::jsonrpc::sockets
