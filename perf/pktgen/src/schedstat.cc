#include "turnout/pktgen/schedstat.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "turnout/common/parse.h"

namespace turnout::pktgen {

Result<uint64_t> parse_schedstat_wait_ns(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  const std::vector<std::string> fields = split(text, ' ');
  if (fields.size() < 2) return make_error("unexpected schedstat format '" + std::string(text) + "'");
  auto wait = parse_uint(fields[1]);
  if (!wait) return make_error("unexpected schedstat format '" + std::string(text) + "'");
  return *wait;
}

Result<SchedstatReader> SchedstatReader::open(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return make_error("cannot open " + path + ": " + std::strerror(errno));
  SchedstatReader reader(std::move(fd), path);
  if (auto first = reader.wait_ns(); !first) return first.error();
  return reader;
}

Result<SchedstatReader> SchedstatReader::open_calling_thread() {
  return open("/proc/thread-self/schedstat");
}

Result<uint64_t> SchedstatReader::wait_ns() const {
  char buffer[128];
  const ssize_t length = ::pread(fd_.get(), buffer, sizeof buffer - 1, 0);
  if (length <= 0)
    return make_error("cannot read " + path_ + ": " +
                      (length < 0 ? std::strerror(errno) : "empty file (thread gone?)"));
  auto wait = parse_schedstat_wait_ns(std::string_view(buffer, static_cast<size_t>(length)));
  if (!wait) return make_error(path_ + ": " + wait.message());
  return *wait;
}

}  // namespace turnout::pktgen
