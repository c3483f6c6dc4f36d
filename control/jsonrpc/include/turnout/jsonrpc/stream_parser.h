#pragma once
// Splits a byte stream into back-to-back JSON values, the framing of OVS JSON-RPC
// (RFC 7047 §4: no delimiters, values simply follow each other).
//
// The splitter only tracks strings and bracket depth; each complete value is then parsed
// strictly by jsoncpp. Errors are sticky: once the stream is broken there is no way to
// find the next message boundary, so the owner should drop the connection.

#include <json/json.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "turnout/common/result.h"

namespace turnout::jsonrpc {

class StreamParser {
 public:
  static constexpr size_t kDefaultMaxDepth = 512;

  // A value longer than `max_message_bytes` (from its opening bracket) is an error, and
  // so is nesting deeper than `max_depth`.
  explicit StreamParser(size_t max_message_bytes, size_t max_depth = kDefaultMaxDepth);
  ~StreamParser();
  StreamParser(StreamParser&&) noexcept;
  StreamParser& operator=(StreamParser&&) noexcept;

  void feed(std::string_view bytes);

  // The next complete value, std::nullopt if more bytes are needed, or the error that
  // broke the stream. Call until it returns std::nullopt before feeding more, so the
  // buffer stays bounded by one message plus one chunk.
  Result<std::optional<Json::Value>> next();

  bool failed() const { return !error_.empty(); }
  // True when no value is partially received (a clean place for the stream to end).
  bool between_values() const { return !in_value_ && scan_pos_ == buffer_.size(); }
  size_t buffered_bytes() const { return buffer_.size() - consumed_; }

 private:
  Result<std::optional<Json::Value>> fail(std::string message);
  void compact();

  size_t max_message_bytes_;
  size_t max_depth_;
  std::unique_ptr<Json::CharReader> reader_;

  std::string buffer_;
  size_t consumed_ = 0;  // bytes of buffer_ already returned or skipped
  size_t scan_pos_ = 0;  // next byte to look at
  bool in_value_ = false;
  bool in_string_ = false;
  bool after_backslash_ = false;
  size_t depth_ = 0;
  std::string error_;
};

}  // namespace turnout::jsonrpc
