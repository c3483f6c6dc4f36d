#pragma once
// Run-queue wait of one thread from its schedstat file (/proc/<pid>/task/<tid>/schedstat):
// the second field is how long (ns) the thread was runnable while another task had its CPU.
// On a shared 2-CPU machine this is the honest measure of how noisy a run was.

#include <cstdint>
#include <string>
#include <string_view>

#include "turnout/common/result.h"
#include "turnout/common/unique_fd.h"

namespace turnout::pktgen {

// "run_ns wait_ns timeslices\n" -> wait_ns.
Result<uint64_t> parse_schedstat_wait_ns(std::string_view text);

class SchedstatReader {
 public:
  static Result<SchedstatReader> open(const std::string& path);
  // The calling thread's own file; it keeps describing this thread wherever it is read from.
  static Result<SchedstatReader> open_calling_thread();

  Result<uint64_t> wait_ns() const;
  const std::string& path() const { return path_; }

 private:
  SchedstatReader(UniqueFd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}

  UniqueFd fd_;
  std::string path_;
};

}  // namespace turnout::pktgen
