#include "turnout/pktgen/vhost_sockets.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "turnout/common/unique_fd.h"
#include "turnout/pktgen/stop_signal.h"

namespace turnout::pktgen {
namespace {

constexpr auto kRetryInterval = std::chrono::milliseconds(50);

// 0 when something accepted the connection, errno otherwise.
int try_connect(const std::string& path) {
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return errno;
  sockaddr_un address = {};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0)
    return 0;
  return errno;
}

}  // namespace

Status wait_for_listener(const std::string& path,
                         std::chrono::steady_clock::time_point deadline) {
  while (true) {
    const int error = try_connect(path);
    if (error == 0) return {};
    // Not there yet, or bound but not listening yet: the switch may still be starting.
    const bool worth_retrying = error == ENOENT || error == ECONNREFUSED || error == EINTR;
    if (!worth_retrying || std::chrono::steady_clock::now() >= deadline)
      return make_error("cannot connect to " + path + ": " + std::strerror(error));
    if (stop_requested()) return make_error("interrupted while waiting for " + path);
    std::this_thread::sleep_for(kRetryInterval);
  }
}

Status remove_stale_socket(const std::string& path) {
  struct stat status;
  if (::lstat(path.c_str(), &status) != 0) {
    if (errno == ENOENT) return {};
    return make_error("cannot use " + path + ": " + std::strerror(errno));
  }
  if (!S_ISSOCK(status.st_mode))
    return make_error("cannot listen on " + path + ": it exists and is not a socket");
  const int error = try_connect(path);
  if (error == 0)
    return make_error("cannot listen on " + path +
                      ": something is already listening there (is the switch the vhost-user "
                      "server? then use --switch-role server)");
  if (::unlink(path.c_str()) != 0)
    return make_error("cannot remove stale socket " + path + ": " + std::strerror(errno));
  return {};
}

}  // namespace turnout::pktgen
