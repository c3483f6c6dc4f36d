#include "turnout/jsonrpc/stream_parser.h"


#include "turnout/common/log.h"
#include "turnout/jsonrpc/json_text.h"

namespace turnout::jsonrpc {
namespace {

bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string describe_byte(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return strformat("'%c'", c);
  return strformat("byte 0x%02x", byte);
}

}  // namespace

StreamParser::StreamParser(size_t max_message_bytes, size_t max_depth)
    : max_message_bytes_(max_message_bytes),
      max_depth_(max_depth),
      reader_(make_strict_json_reader(max_depth)) {}

StreamParser::~StreamParser() = default;
StreamParser::StreamParser(StreamParser&&) noexcept = default;
StreamParser& StreamParser::operator=(StreamParser&&) noexcept = default;

void StreamParser::feed(std::string_view bytes) {
  if (failed()) return;
  compact();
  buffer_.append(bytes);
}

void StreamParser::compact() {
  if (consumed_ == 0) return;
  buffer_.erase(0, consumed_);
  scan_pos_ -= consumed_;
  consumed_ = 0;
}

Result<std::optional<Json::Value>> StreamParser::fail(std::string message) {
  error_ = std::move(message);
  buffer_.clear();
  consumed_ = scan_pos_ = 0;
  return make_error(error_);
}

Result<std::optional<Json::Value>> StreamParser::next() {
  if (failed()) return make_error(error_);

  while (scan_pos_ < buffer_.size()) {
    char c = buffer_[scan_pos_];

    if (!in_value_) {
      if (is_json_whitespace(c)) {
        consumed_ = ++scan_pos_;
        continue;
      }
      if (c != '{' && c != '[')
        return fail("expected '{' or '[' at the start of a JSON message, got " + describe_byte(c));
      in_value_ = true;
      depth_ = 0;
    }

    // consumed_ is where the current value starts.
    if (scan_pos_ - consumed_ >= max_message_bytes_)
      return fail(strformat("JSON message exceeds the %zu-byte limit", max_message_bytes_));
    ++scan_pos_;

    if (in_string_) {
      if (after_backslash_)
        after_backslash_ = false;
      else if (c == '\\')
        after_backslash_ = true;
      else if (c == '"')
        in_string_ = false;
      continue;
    }
    if (c == '"') {
      in_string_ = true;
    } else if (c == '/') {
      // jsoncpp skips comments even in strict mode; JSON has none.
      return fail("invalid JSON: comments are not allowed");
    } else if (c == '{' || c == '[') {
      if (++depth_ > max_depth_)
        return fail(strformat("JSON message nests deeper than %zu levels", max_depth_));
    } else if (c == '}' || c == ']') {
      if (--depth_ == 0) {
        const char* begin = buffer_.data() + consumed_;
        const char* end = buffer_.data() + scan_pos_;
        in_value_ = false;
        consumed_ = scan_pos_;
        auto value = parse_with(*reader_, begin, end);
        if (!value) return fail(value.message());
        return std::optional<Json::Value>(std::move(*value));
      }
    }
  }
  return std::optional<Json::Value>();
}

}  // namespace turnout::jsonrpc
