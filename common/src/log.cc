#include "turnout/common/log.h"

#include <sys/time.h>
#include <time.h>

#include <atomic>
#include <cstdarg>
#include <mutex>

namespace turnout {

std::string strformat(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  int n = std::vsnprintf(nullptr, 0, fmt, ap);
  va_end(ap);
  std::string out;
  if (n > 0) {
    out.resize(static_cast<size_t>(n));
    std::vsnprintf(out.data(), out.size() + 1, fmt, ap2);
  }
  va_end(ap2);
  return out;
}

namespace log {
namespace {

std::atomic<Level> g_level{Level::kInfo};
std::atomic<Level> g_stderr_level{Level::kDebug};
std::mutex g_mutex;
FILE* g_file = nullptr;

constexpr std::string_view kNames[] = {"error", "warn", "info", "debug"};

}  // namespace

Result<Level> parse_level(std::string_view name) {
  for (int i = 0; i < 4; ++i)
    if (name == kNames[i]) return static_cast<Level>(i);
  if (name == "warning") return Level::kWarn;
  if (name == "dbg") return Level::kDebug;
  return make_error("unknown log level '" + std::string(name) +
                    "' (expected error, warn, info or debug)");
}

std::string_view level_name(Level level) { return kNames[static_cast<int>(level)]; }

void set_level(Level l) { g_level.store(l, std::memory_order_relaxed); }
Level level() { return g_level.load(std::memory_order_relaxed); }
void set_stderr_level(Level l) { g_stderr_level.store(l, std::memory_order_relaxed); }

Status set_file(const std::string& path) {
  std::lock_guard lock(g_mutex);
  if (g_file) {
    std::fclose(g_file);
    g_file = nullptr;
  }
  if (path.empty()) return {};
  g_file = std::fopen(path.c_str(), "a");
  if (!g_file) return make_error("cannot open log file " + path);
  std::setvbuf(g_file, nullptr, _IOLBF, 0);
  return {};
}

void write(Level l, std::string_view module, std::string_view message) {
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  struct tm tm;
  gmtime_r(&tv.tv_sec, &tm);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tv.tv_usec / 1000);
  std::lock_guard lock(g_mutex);
  auto name = level_name(l);
  if (static_cast<int>(l) <= static_cast<int>(g_stderr_level.load(std::memory_order_relaxed)))
    std::fprintf(stderr, "%s|%.*s|%.*s|%.*s\n", stamp, int(module.size()), module.data(),
                 int(name.size()), name.data(), int(message.size()), message.data());
  if (g_file)
    std::fprintf(g_file, "%s|%.*s|%.*s|%.*s\n", stamp, int(module.size()), module.data(),
                 int(name.size()), name.data(), int(message.size()), message.data());
}

}  // namespace log
}  // namespace turnout
