#pragma once
// Getting the vhost-user socket files ready before DPDK touches them. DPDK fails a
// virtio-user device for good when its first connect fails, and refuses to listen on a
// path that already exists, so both cases are settled here with clear errors.

#include <chrono>
#include <string>

#include "turnout/common/result.h"

namespace turnout::pktgen {

// Switch-is-server role: retries until something accepts connections on `path` (the
// switch may still be starting), then closes the probe connection so DPDK can connect.
Status wait_for_listener(const std::string& path, std::chrono::steady_clock::time_point deadline);

// Switch-is-client role: removes a socket file left behind by an earlier generator that
// nobody listens on any more; refuses a path something is listening on.
Status remove_stale_socket(const std::string& path);

}  // namespace turnout::pktgen
