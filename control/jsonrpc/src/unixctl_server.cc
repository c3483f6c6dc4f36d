#include "turnout/jsonrpc/unixctl_server.h"

#include <memory>

#include "turnout/common/log.h"

namespace turnout::jsonrpc {
namespace {

// Unixctl output is line-oriented: like OVS, end every non-empty text with a newline so
// ovs-appctl's verbatim printing leaves the shell prompt on its own line.
std::string as_reply_text(std::string text) {
  if (!text.empty() && text.back() != '\n') text.push_back('\n');
  return text;
}

ServerOptions unixctl_options() {
  ServerOptions options;
  options.name = "unixctl";
  // Commands are short; outputs (flow dumps) can be long, but one reply is always
  // accepted whole, so this only bounds a client that sends without reading.
  options.limits.max_message_bytes = 1u << 20;
  options.limits.max_output_bytes = 16u << 20;
  options.max_connections = 64;
  return options;
}

// OVS's unixctl answers "echo" like any unregistered name; every method goes through the
// command table.
ServerOptions without_builtin_echo(ServerOptions options) {
  options.builtin_echo = false;
  return options;
}

}  // namespace

UnixctlServer::UnixctlServer(EventLoop& loop, std::string version_text)
    : UnixctlServer(loop, std::move(version_text), unixctl_options()) {}

UnixctlServer::UnixctlServer(EventLoop& loop, std::string version_text, ServerOptions options)
    : server_(loop, without_builtin_echo(std::move(options))),
      version_text_(std::move(version_text)) {
  server_.set_default_handler([this](const ConnectionPtr&, const Request& request, Reply reply) {
    handle(request, std::move(reply));
  });
  (void)register_command("list-commands", "", 0, 0,
                         [this](const Args&) -> Result<std::string> { return command_list(); });
  (void)register_command("version", "", 0, 0,
                         [this](const Args&) -> Result<std::string> { return version_text_; });
}

Status UnixctlServer::listen(const std::string& socket_path) {
  return server_.listen_unix(socket_path);
}

Status UnixctlServer::register_command(std::string name, std::string usage, size_t min_args,
                                       size_t max_args, Handler handler) {
  return register_async_command(
      std::move(name), std::move(usage), min_args, max_args,
      [handler = std::move(handler)](const Args& args, Done done) { done(handler(args)); });
}

Status UnixctlServer::register_async_command(std::string name, std::string usage, size_t min_args,
                                             size_t max_args, AsyncHandler handler) {
  if (name.empty()) return make_error("unixctl command name is empty");
  if (min_args > max_args)
    return make_error("unixctl command \"" + name + "\": min_args > max_args");
  if (!handler) return make_error("unixctl command \"" + name + "\" has no handler");
  if (commands_.contains(name))
    return make_error("unixctl command \"" + name + "\" is already registered");
  commands_.emplace(std::move(name),
                    Command{std::move(usage), min_args, max_args, std::move(handler)});
  return {};
}

std::string UnixctlServer::command_list() const {
  // OVS's layout ("  %-23s %s\n"), so scripts written against ovs-appctl keep working.
  std::string text = "The available commands are:\n";
  for (const auto& [name, command] : commands_) {
    text += "  ";
    text += name;
    if (name.size() < 23) text.append(23 - name.size(), ' ');
    text += ' ';
    text += command.usage;
    text += '\n';
  }
  return text;
}

void UnixctlServer::handle(const Request& request, Reply reply) {
  if (request.is_notification()) return;  // nobody to answer

  auto it = commands_.find(request.method);
  if (it == commands_.end()) {
    reply.fail("\"" + request.method +
               "\" is not a valid command (use \"list-commands\" to see a list of valid "
               "commands)\n");
    return;
  }
  const Command& command = it->second;
  size_t n_args = request.params.size();
  // The wording is OVS's (lib/unixctl.c), argument counts included.
  if (n_args < command.min_args) {
    reply.fail(strformat("\"%s\" command requires at least %zu arguments\n", request.method.c_str(),
                         command.min_args));
    return;
  }
  if (n_args > command.max_args) {
    reply.fail(strformat("\"%s\" command takes at most %zu arguments\n", request.method.c_str(),
                         command.max_args));
    return;
  }
  Args args;
  args.reserve(n_args);
  for (const auto& param : request.params) {
    if (!param.isString()) {
      reply.fail("\"" + request.method + "\" command has non-string argument\n");
      return;
    }
    args.push_back(param.asString());
  }

  // shared_ptr: Done is a std::function (copyable) but the Reply it completes is not.
  auto shared_reply = std::make_shared<Reply>(std::move(reply));
  command.handler(args, [shared_reply](Result<std::string> outcome) {
    if (outcome)
      shared_reply->respond(as_reply_text(std::move(*outcome)));
    else
      shared_reply->fail(as_reply_text(outcome.message()));
  });
}

}  // namespace turnout::jsonrpc
