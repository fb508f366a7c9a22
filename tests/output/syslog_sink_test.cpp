#include "output/syslog_sink.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "output/test_util.h"

namespace lanner::output {
namespace {

using testing::sample_alert;
using testing::TempDir;

// A unix datagram socket standing in for /dev/log.
class FakeSyslogDaemon {
 public:
  explicit FakeSyslogDaemon(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
    bound_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    timeval tv{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  }
  ~FakeSyslogDaemon() { ::close(fd_); }
  FakeSyslogDaemon(const FakeSyslogDaemon&) = delete;
  FakeSyslogDaemon& operator=(const FakeSyslogDaemon&) = delete;
  bool bound() const { return bound_; }
  std::string receive() {
    char buf[65536];
    ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  }

 private:
  int fd_ = -1;
  bool bound_ = false;
};

TEST(SyslogSinkTest, DatagramFormat) {
  setenv("TZ", "UTC", 1);
  tzset();
  EXPECT_EQ(syslog_datagram(rules::Priority::kWarning, 1700000000000000000ull, 42, "msg"),
            "<12>Nov 14 22:13:20 lanner[42]: msg");
  EXPECT_EQ(syslog_datagram(rules::Priority::kEmergency, 0, 1, "x"), "<8>Jan  1 00:00:00 lanner[1]: x");
  EXPECT_EQ(syslog_datagram(rules::Priority::kDebug, 0, 1, "x").substr(0, 4), "<15>");
}

TEST(SyslogSinkTest, MessageArrivesAtTheDaemonSocket) {
  TempDir dir;
  const std::string path = dir.file("log.sock");
  FakeSyslogDaemon daemon(path);
  if (!daemon.bound()) GTEST_SKIP() << "cannot bind a unix datagram socket in " << dir.path();
  FormatOptions json;
  json.json_output = true;
  SyslogSink sink(json, path);
  DeliveryResult r = sink.deliver(sample_alert("Syslog rule"));
  ASSERT_TRUE(r.ok) << r.error;
  std::string got = daemon.receive();
  const std::string prefix = "<12>";
  ASSERT_EQ(got.substr(0, prefix.size()), prefix) << got;
  const std::string ident = "lanner[" + std::to_string(::getpid()) + "]: ";
  size_t at = got.find(ident);
  ASSERT_NE(at, std::string::npos) << got;
  auto body = nlohmann::json::parse(got.substr(at + ident.size()));
  EXPECT_EQ(body["rule"], "Syslog rule");
}

TEST(SyslogSinkTest, MissingDaemonIsAFailureAndReconnects) {
  TempDir dir;
  const std::string path = dir.file("log.sock");
  SyslogSink sink({}, path);
  DeliveryResult r = sink.deliver(sample_alert());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("cannot connect to " + path), std::string::npos) << r.error;
  FakeSyslogDaemon daemon(path);
  if (!daemon.bound()) GTEST_SKIP() << "cannot bind a unix datagram socket";
  EXPECT_TRUE(sink.deliver(sample_alert("r", "later")).ok);
  EXPECT_NE(daemon.receive().find("Warning later"), std::string::npos);
}

}  // namespace
}  // namespace lanner::output
