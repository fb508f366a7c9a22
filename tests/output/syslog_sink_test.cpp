#include "output/syslog_sink.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include "output/test_util.h"

namespace lanner::output {
namespace {

using testing::count_lines;
using testing::read_file;
using testing::sample_alert;
using testing::TempDir;

extern "C" char** environ;  // NOLINT: for posix_spawn

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

// A real rsyslogd listening on a private socket and writing to a private file.
class Rsyslogd {
 public:
  explicit Rsyslogd(const TempDir& dir) : socket_(dir.file("log.sock")), out_(dir.file("out.log")) {
    const std::string conf = dir.file("rsyslog.conf");
    std::ofstream(conf) << "global(workDirectory=\"" << dir.path() << "\")\n"
                        << "module(load=\"imuxsock\" SysSock.Use=\"off\")\n"
                        << "input(type=\"imuxsock\" Socket=\"" << socket_ << "\")\n"
                        << "template(name=\"fields\" type=\"string\" string=\"%syslogseverity%|"
                           "%syslogfacility%|%programname%|%procid%|%msg%\\n\")\n"
                        << "*.* action(type=\"omfile\" file=\"" << out_ << "\" template=\"fields\")\n";
    std::string pidfile = dir.file("rsyslogd.pid");
    std::vector<std::string> args{"rsyslogd", "-n", "-f", conf, "-i", pidfile};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawnp(&pid_, "rsyslogd", nullptr, nullptr, argv.data(), environ) != 0) pid_ = -1;
  }
  ~Rsyslogd() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  Rsyslogd(const Rsyslogd&) = delete;
  Rsyslogd& operator=(const Rsyslogd&) = delete;

  // True once the daemon's socket exists (it may fail to start: not installed, no permission).
  bool ready() const {
    for (int i = 0; i < 500 && pid_ > 0; ++i) {
      if (std::filesystem::exists(socket_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  // Waits until `lines` lines were written; returns the file.
  std::string wait_for_lines(size_t lines) const {
    std::string text;
    for (int i = 0; i < 500; ++i) {
      text = read_file(out_);
      if (count_lines(text) >= lines) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return text;
  }
  const std::string& socket() const { return socket_; }

 private:
  std::string socket_, out_;
  pid_t pid_ = -1;
};

TEST(SyslogSinkTest, RealRsyslogdReceivesAlertsWithSeverityAndIdent) {
  TempDir dir;
  Rsyslogd daemon(dir);
  if (!daemon.ready()) GTEST_SKIP() << "rsyslogd could not be started (not installed or not permitted)";
  FormatOptions json;
  json.json_output = true;
  SyslogSink json_sink(json, daemon.socket());
  ASSERT_TRUE(json_sink.deliver(sample_alert("Rsyslog rule")).ok);
  SyslogSink text_sink({}, daemon.socket());
  Alert critical = sample_alert("r", "line one\nfake: Emergency forged");
  critical.priority = rules::Priority::kCritical;
  ASSERT_TRUE(text_sink.deliver(critical).ok);
  std::string text = daemon.wait_for_lines(2);
  ASSERT_EQ(count_lines(text), 2u) << text;
  std::string first = text.substr(0, text.find('\n'));
  std::string second = text.substr(first.size() + 1);
  const std::string prefix = "4|1|lanner|" + std::to_string(::getpid()) + "|";  // warning, user
  ASSERT_EQ(first.substr(0, prefix.size()), prefix) << first;
  auto body = nlohmann::json::parse(first.substr(prefix.size()));
  EXPECT_EQ(body["rule"], "Rsyslog rule");
  EXPECT_EQ(second.rfind("2|1|lanner|", 0), 0u) << second;  // critical
  EXPECT_NE(second.find("line one\\nfake: Emergency forged"), std::string::npos) << second;
}

}  // namespace
}  // namespace lanner::output
