#pragma once
// JSON text <-> Json::Value with the settings every socket in Turnout uses: strict parsing
// (no comments, no trailing garbage, no duplicate keys, bounded nesting) and compact
// one-line output that escapes non-ASCII, so a peer never sees invalid UTF-8.

#include <json/json.h>

#include <memory>
#include <string>
#include <string_view>

#include "turnout/common/result.h"

namespace turnout::jsonrpc {

std::string to_json_text(const Json::Value& value);

// Parses exactly one JSON object or array; anything but whitespace after it is an error.
Result<Json::Value> parse_json_text(std::string_view text);

// Building blocks for StreamParser (one reader per stream, reused for every message).
std::unique_ptr<Json::CharReader> make_strict_json_reader(size_t max_depth);
Result<Json::Value> parse_with(Json::CharReader& reader, const char* begin, const char* end);

}  // namespace turnout::jsonrpc
