#include "turnout/jsonrpc/stream_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace turnout::jsonrpc {
namespace {

using ::testing::HasSubstr;

// Feeds `chunks` one after another, draining after each; returns the values, or the
// first error as a string starting with "error: ".
std::vector<std::string> split_stream(const std::vector<std::string>& chunks,
                                      size_t max_bytes = 1 << 20) {
  StreamParser parser(max_bytes);
  Json::StreamWriterBuilder writer;
  writer["indentation"] = "";
  std::vector<std::string> values;
  for (const auto& chunk : chunks) {
    parser.feed(chunk);
    while (true) {
      auto next = parser.next();
      if (!next) {
        values.push_back("error: " + next.message());
        return values;
      }
      if (!next->has_value()) break;
      values.push_back(Json::writeString(writer, **next));
    }
  }
  return values;
}

const std::string kTrickyStream =
    R"({"id":1,"method":"echo","params":["}{][","\"quoted\"","back\\slash\\",")"
    R"(\\\"","\u00e9\n"]})"
    " \n\t "
    R"([1,{"nested":[[],{}]},"]"])"
    R"({"s":"{\"inner\":[1,2]}","e":"\\"})";

const std::vector<std::string> kTrickyValues = {
    R"({"id":1,"method":"echo","params":["}{][","\"quoted\"","back\\slash\\","\\\"","\u00e9\n"]})",
    R"([1,{"nested":[[],{}]},"]"])",
    R"({"e":"\\","s":"{\"inner\":[1,2]}"})",
};

TEST(StreamParser, SplitsBackToBackValuesWithTrickyStrings) {
  EXPECT_EQ(split_stream({kTrickyStream}), kTrickyValues);
}

TEST(StreamParser, SameValuesForEveryTwoChunkSplit) {
  for (size_t cut = 0; cut <= kTrickyStream.size(); ++cut) {
    SCOPED_TRACE("cut at byte " + std::to_string(cut));
    EXPECT_EQ(split_stream({kTrickyStream.substr(0, cut), kTrickyStream.substr(cut)}),
              kTrickyValues);
  }
}

TEST(StreamParser, SameValuesWhenFedOneByteAtATime) {
  std::vector<std::string> bytes;
  for (char c : kTrickyStream) bytes.emplace_back(1, c);
  EXPECT_EQ(split_stream(bytes), kTrickyValues);
}

TEST(StreamParser, IncompleteValueWaitsForMoreBytes) {
  StreamParser parser(1024);
  parser.feed(R"({"a":"}")");
  auto next = parser.next();
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->has_value());
  EXPECT_FALSE(parser.between_values());
  parser.feed("}");
  next = parser.next();
  ASSERT_TRUE(next.ok());
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ((**next)["a"].asString(), "}");
  EXPECT_TRUE(parser.between_values());
}

TEST(StreamParser, ValueAtExactlyTheLimitIsAccepted) {
  std::string value = R"({"k":")" + std::string(100, 'x') + R"("})";
  auto values = split_stream({value}, value.size());
  ASSERT_EQ(values.size(), 1u);
  EXPECT_THAT(values[0], ::testing::Not(HasSubstr("error")));
}

TEST(StreamParser, ValueOverTheLimitIsAnErrorEvenBeforeItEnds) {
  std::string value = R"({"k":")" + std::string(100, 'x');  // never closed
  auto values = split_stream({value}, 50);
  ASSERT_EQ(values.size(), 1u);
  EXPECT_THAT(values[0], HasSubstr("exceeds the 50-byte limit"));
}

TEST(StreamParser, WhitespaceBetweenValuesDoesNotCountTowardsTheLimit) {
  std::string stream = std::string(1000, ' ') + "{}" + std::string(1000, '\n') + "[]";
  EXPECT_EQ(split_stream({stream}, 10), (std::vector<std::string>{"{}", "[]"}));
}

TEST(StreamParser, GarbageBetweenValuesIsAnError) {
  auto values = split_stream({"{} hello"});
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0], "{}");
  EXPECT_THAT(values[1], HasSubstr("expected '{' or '['"));
  EXPECT_THAT(values[1], HasSubstr("'h'"));
}

TEST(StreamParser, TopLevelScalarsAreRejected) {
  EXPECT_THAT(split_stream({"42"})[0], HasSubstr("error"));
  EXPECT_THAT(split_stream({"\"str\""})[0], HasSubstr("error"));
  EXPECT_THAT(split_stream({std::string("\x01{}", 3)})[0], HasSubstr("byte 0x01"));
}

TEST(StreamParser, MalformedJsonInsideBalancedBracketsIsAnError) {
  for (const char* bad : {R"({"a":})", R"({"a" 1})", R"([1,2,])", R"({a:1})", R"({"a":1]")",
                          R"({"a":1,"a":2})", R"({"a":nul})", "[1 /*c*/]"}) {
    SCOPED_TRACE(bad);
    auto values = split_stream({bad});
    ASSERT_EQ(values.size(), 1u);
    EXPECT_THAT(values[0], HasSubstr("error: invalid JSON"));
  }
}

TEST(StreamParser, ErrorsAreSticky) {
  StreamParser parser(1024);
  parser.feed("x{}");
  EXPECT_FALSE(parser.next().ok());
  parser.feed("{}");
  EXPECT_FALSE(parser.next().ok());
  EXPECT_TRUE(parser.failed());
}

TEST(StreamParser, ExcessiveNestingIsAnErrorNotAStackOverflow) {
  std::string deep(100000, '[');
  auto values = split_stream({deep});
  ASSERT_EQ(values.size(), 1u);
  EXPECT_THAT(values[0], HasSubstr("nests deeper than"));

  std::string ok_depth = std::string(StreamParser::kDefaultMaxDepth, '[') +
                         std::string(StreamParser::kDefaultMaxDepth, ']');
  EXPECT_THAT(split_stream({ok_depth})[0], ::testing::Not(HasSubstr("error")));
}

TEST(StreamParser, BufferStaysBoundedWhileDraining) {
  StreamParser parser(1 << 20);
  std::string message = R"({"method":"echo","params":[],"id":1})";
  for (int i = 0; i < 1000; ++i) {
    parser.feed(message);
    auto next = parser.next();
    ASSERT_TRUE(next.ok());
    ASSERT_TRUE(next->has_value());
  }
  EXPECT_LE(parser.buffered_bytes(), message.size());
}

}  // namespace
}  // namespace turnout::jsonrpc
