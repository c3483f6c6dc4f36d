#include "command_line.h"

#include <boost/program_options.hpp>
#include <sstream>
#include <string_view>

#include "turnout/common/parse.h"

namespace po = boost::program_options;

namespace turnout::turnoutctl {
namespace {

constexpr const char* kDefaultRunDir = "./turnout-run";
constexpr const char* kSocketName = "turnoutd.ctl";

po::options_description option_descriptions() {
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("help,h", "print this help and exit")
      ("version,V", "print turnoutctl's version and exit")
      ("target,t", po::value<std::string>()->value_name("SOCKET"),
       "the daemon's control socket (default: RUN_DIR/turnoutd.ctl)")
      ("run-dir", po::value<std::string>()->value_name("DIR")->default_value(kDefaultRunDir),
       "run directory of the daemon, used to find its control socket")
      ("timeout", po::value<std::string>()->value_name("SECS")->default_value("0"),
       "give up if the daemon has not answered after SECS seconds (0: wait forever)");
  // clang-format on
  return options;
}

// Boost would also parse "-x" after COMMAND as an option, but arguments of the command
// belong to the daemon. So find where COMMAND starts, and let Boost see only what is before.
size_t command_index(int argc, const char* const argv[], const po::options_description& options) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") return static_cast<size_t>(i);
    if (arg.size() < 2 || arg[0] != '-') return static_cast<size_t>(i);
    const po::option_description* option = nullptr;
    if (arg.starts_with("--")) {
      if (arg.find('=') != std::string_view::npos) continue;
      option = options.find_nothrow(std::string(arg.substr(2)), false);
    } else if (arg.size() == 2) {
      option = options.find_nothrow(std::string(arg), false);
    }
    if (option && option->semantic()->max_tokens() > 0) ++i;  // skip the option's value
  }
  return static_cast<size_t>(argc);
}

}  // namespace

std::string usage_text() {
  std::ostringstream out;
  out << "Usage: turnoutctl [OPTIONS] COMMAND [ARG...]\n"
         "Sends COMMAND with its arguments to a running turnoutd through its control\n"
         "(unixctl) socket and prints the answer. Arguments after COMMAND are passed as\n"
         "they are, even if they start with '-'.\n"
         "\n"
         "  turnoutctl list-commands    shows the commands the daemon offers\n"
         "  turnoutctl version          shows the daemon's version\n"
         "\n"
      << option_descriptions()
      << "\n"
         "Exit status: 0 on success, 1 if the daemon cannot be reached (or on a usage\n"
         "error), 2 if the daemon reports that the command failed.\n"
         "`ovs-appctl -t SOCKET COMMAND` talks to the same socket.\n";
  return out.str();
}

Result<CommandLine> parse_command_line(int argc, const char* const argv[]) {
  auto options = option_descriptions();
  size_t split = command_index(argc, argv, options);

  po::variables_map values;
  try {
    std::vector<std::string> option_words(argv + 1, argv + split);
    po::store(po::command_line_parser(option_words).options(options).run(), values);
    po::notify(values);
  } catch (const po::error& e) {
    return make_error(e.what());
  }

  CommandLine line;
  line.show_help = values.count("help") > 0;
  line.show_version = values.count("version") > 0;
  if (line.show_help || line.show_version) return line;

  auto seconds = parse_uint(values["timeout"].as<std::string>(), 0, 24 * 3600);
  if (!seconds) return make_error("invalid --timeout: " + seconds.message());
  if (*seconds > 0) line.timeout = std::chrono::seconds(*seconds);

  if (values.count("target")) {
    line.target = values["target"].as<std::string>();
  } else {
    std::string run_dir = values["run-dir"].as<std::string>();
    while (run_dir.size() > 1 && run_dir.back() == '/') run_dir.pop_back();
    line.target = run_dir + "/" + kSocketName;
  }
  if (line.target.empty()) return make_error("empty --target");

  size_t command_at = split;
  if (command_at < static_cast<size_t>(argc) && std::string_view(argv[command_at]) == "--")
    ++command_at;
  if (command_at >= static_cast<size_t>(argc))
    return make_error("missing COMMAND (try \"turnoutctl list-commands\")");
  line.command = argv[command_at];
  line.args.assign(argv + command_at + 1, argv + argc);
  return line;
}

}  // namespace turnout::turnoutctl
