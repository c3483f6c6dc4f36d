// turnoutctl: thin client of turnoutd's unixctl socket.

#include <cstdio>
#include <string>

#include "command_line.h"
#include "turnout/jsonrpc/unixctl_client.h"

namespace {

constexpr int kExitTransportError = 1;
constexpr int kExitCommandError = 2;

void print_to(FILE* stream, const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stream);
}

std::string with_newline(std::string text) {
  if (text.empty() || text.back() != '\n') text.push_back('\n');
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  using turnout::jsonrpc::UnixctlClient;
  using turnout::jsonrpc::UnixctlResult;

  auto line = turnout::turnoutctl::parse_command_line(argc, argv);
  if (!line) {
    std::fprintf(stderr, "turnoutctl: %s\n", line.message().c_str());
    return kExitTransportError;
  }
  if (line->show_help) {
    print_to(stdout, turnout::turnoutctl::usage_text());
    return 0;
  }
  if (line->show_version) {
    std::printf("turnoutctl (Turnout) %s\n", TURNOUT_VERSION);
    return 0;
  }

  auto client = UnixctlClient::connect(line->target, line->timeout);
  if (!client) {
    std::fprintf(stderr, "turnoutctl: cannot connect to %s: %s\n", line->target.c_str(),
                 client.message().c_str());
    return kExitTransportError;
  }
  UnixctlResult result = client->call(line->command, line->args, line->timeout);
  switch (result.kind()) {
    case UnixctlResult::Kind::kOk:
      print_to(stdout, result.text());
      return std::fflush(stdout) == 0 ? 0 : kExitTransportError;
    case UnixctlResult::Kind::kCommandError:
      print_to(stderr, with_newline(result.text()));
      return kExitCommandError;
    case UnixctlResult::Kind::kTransportError:
      break;
  }
  std::fprintf(stderr, "turnoutctl: %s: %s\n", line->target.c_str(), result.text().c_str());
  return kExitTransportError;
}
