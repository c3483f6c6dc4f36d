#pragma once
// Leveled, timestamped logging to stderr and optionally a file. Thread-safe; never
// used on a PMD's per-packet path.

#include <cstdio>
#include <string>
#include <string_view>

#include "turnout/common/result.h"

namespace turnout::log {

enum class Level { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

Result<Level> parse_level(std::string_view name);
std::string_view level_name(Level level);

void set_level(Level level);
Level level();
// Also append every line to this file (in addition to stderr). Empty path: stop.
Status set_file(const std::string& path);
// Messages below this level are not written to stderr (they still go to the file).
void set_stderr_level(Level level);

void write(Level level, std::string_view module, std::string_view message);

inline bool enabled(Level l) { return static_cast<int>(l) <= static_cast<int>(level()); }

}  // namespace turnout::log

#define TURNOUT_LOG(lvl, module, ...)                                           \
  do {                                                                           \
    if (::turnout::log::enabled(lvl))                                            \
      ::turnout::log::write(lvl, module, ::turnout::strformat(__VA_ARGS__));     \
  } while (0)
#define LOG_ERROR(module, ...) TURNOUT_LOG(::turnout::log::Level::kError, module, __VA_ARGS__)
#define LOG_WARN(module, ...) TURNOUT_LOG(::turnout::log::Level::kWarn, module, __VA_ARGS__)
#define LOG_INFO(module, ...) TURNOUT_LOG(::turnout::log::Level::kInfo, module, __VA_ARGS__)
#define LOG_DEBUG(module, ...) TURNOUT_LOG(::turnout::log::Level::kDebug, module, __VA_ARGS__)

namespace turnout {
// printf-style formatting into a std::string (GCC 12 has no <format>).
std::string strformat(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
}  // namespace turnout
