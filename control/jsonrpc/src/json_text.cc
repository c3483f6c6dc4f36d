#include "turnout/jsonrpc/json_text.h"

#include <exception>
#include <sstream>

#include "turnout/jsonrpc/stream_parser.h"

namespace turnout::jsonrpc {
namespace {

const Json::StreamWriterBuilder& compact_writer_settings() {
  static const Json::StreamWriterBuilder builder = [] {
    Json::StreamWriterBuilder b;
    b["indentation"] = "";
    b["emitUTF8"] = false;
    return b;
  }();
  return builder;
}

}  // namespace

std::string to_json_text(const Json::Value& value) {
  return Json::writeString(compact_writer_settings(), value);
}

std::unique_ptr<Json::CharReader> make_strict_json_reader(size_t max_depth) {
  Json::CharReaderBuilder builder;
  Json::CharReaderBuilder::strictMode(&builder.settings_);
  // Our own splitter already enforces max_depth; jsoncpp's limit is only a backstop
  // (it throws rather than returning an error, see parse_with).
  builder["stackLimit"] = static_cast<Json::UInt>(max_depth + 8);
  return std::unique_ptr<Json::CharReader>(builder.newCharReader());
}

Result<Json::Value> parse_with(Json::CharReader& reader, const char* begin, const char* end) {
  Json::Value value;
  std::string errors;
  try {
    if (!reader.parse(begin, end, &value, &errors)) {
      while (!errors.empty() && (errors.back() == '\n' || errors.back() == ' ')) errors.pop_back();
      for (char& c : errors)
        if (c == '\n') c = ' ';
      if (errors.starts_with("* ")) errors.erase(0, 2);  // jsoncpp's list bullet
      return make_error("invalid JSON: " + errors);
    }
  } catch (const std::exception& e) {
    return make_error(std::string("invalid JSON: ") + e.what());
  }
  return value;
}

Result<Json::Value> parse_json_text(std::string_view text) {
  auto reader = make_strict_json_reader(StreamParser::kDefaultMaxDepth);
  return parse_with(*reader, text.data(), text.data() + text.size());
}

}  // namespace turnout::jsonrpc
