// Unix socket paths: busy detection, stale socket reuse, cleanup, long paths.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"
#include "turnout/jsonrpc/blocking_client.h"
#include "turnout/jsonrpc/server.h"

namespace turnout::jsonrpc {
namespace {

using ::testing::HasSubstr;
constexpr Timeout kTimeout{3000};

bool is_socket(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

// Leaves a socket file behind with nobody listening, as a crashed daemon would.
void make_stale_socket(const std::string& path) {
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM, 0));
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
  ASSERT_EQ(::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(fd.get(), 1), 0);
}  // closed here; the file stays

TEST(SocketPath, SecondServerOnALiveSocketFailsWithClearError) {
  testing::TempDir dir;
  std::string path = dir.file("busy.sock");
  EventLoop loop;
  Server first(loop);
  ASSERT_TRUE(first.listen_unix(path).ok());
  Server second(loop);
  auto status = second.listen_unix(path);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "socket " + path + " is busy (another process is listening on it)");
  EXPECT_TRUE(is_socket(path));  // the live server's socket is untouched
}

TEST(SocketPath, StaleSocketIsReplaced) {
  testing::TempDir dir;
  std::string path = dir.file("stale.sock");
  make_stale_socket(path);
  ASSERT_TRUE(is_socket(path));

  EventLoop loop;
  testing::LoopThread thread(loop);
  auto server = std::make_unique<Server>(loop);
  auto status = server->listen_unix(path);
  ASSERT_TRUE(status.ok()) << status.message();
  thread.start();
  auto client = BlockingClient::connect_unix(path, kTimeout);
  ASSERT_TRUE(client.ok()) << client.message();
  EXPECT_TRUE(client->call("echo", Json::Value(Json::arrayValue), kTimeout).ok());
  thread.stop();
}

TEST(SocketPath, RegularFileIsNeverRemoved) {
  testing::TempDir dir;
  std::string path = dir.file("precious.txt");
  std::ofstream(path) << "data";
  EventLoop loop;
  Server server(loop);
  auto status = server.listen_unix(path);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("not a socket"));
  EXPECT_TRUE(std::filesystem::is_regular_file(path));
}

TEST(SocketPath, ServerRemovesItsSocketOnDestruction) {
  testing::TempDir dir;
  std::string path = dir.file("cleanup.sock");
  EventLoop loop;
  {
    Server server(loop);
    ASSERT_TRUE(server.listen_unix(path).ok());
    EXPECT_TRUE(is_socket(path));
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SocketPath, ReplacedSocketOfAnotherServerIsNotRemoved) {
  testing::TempDir dir;
  std::string path = dir.file("shared.sock");
  EventLoop loop;
  auto old_server = std::make_unique<Server>(loop);
  ASSERT_TRUE(old_server->listen_unix(path).ok());
  // Someone else took the path over (e.g. an operator restarted the daemon by hand).
  std::filesystem::remove(path);
  make_stale_socket(path);
  old_server.reset();
  EXPECT_TRUE(is_socket(path));
}

TEST(SocketPath, PathsLongerThanSockaddrUnWork) {
  testing::TempDir dir;
  std::string deep = dir.path();
  while (deep.size() < 150) deep += "/a-rather-long-directory-name";
  std::filesystem::create_directories(deep);
  std::string path = deep + "/turnoutd.ctl";
  ASSERT_GT(path.size(), sizeof(sockaddr_un::sun_path));

  EventLoop loop;
  testing::LoopThread thread(loop);
  auto server = std::make_unique<Server>(loop);
  auto status = server->listen_unix(path);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_TRUE(is_socket(path));
  thread.start();
  auto client = BlockingClient::connect_unix(path, kTimeout);
  ASSERT_TRUE(client.ok()) << client.message();
  EXPECT_TRUE(client->call("echo", Json::Value(Json::arrayValue), kTimeout).ok());
  thread.stop();
  server.reset();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(SocketPath, ConnectingToMissingSocketIsAnErrorValue) {
  testing::TempDir dir;
  auto client = BlockingClient::connect_unix(dir.file("nobody.sock"), kTimeout);
  ASSERT_FALSE(client.ok());
  EXPECT_THAT(client.message(), HasSubstr("No such file"));
}

}  // namespace
}  // namespace turnout::jsonrpc
