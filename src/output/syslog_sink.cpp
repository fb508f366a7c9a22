#include "output/syslog_sink.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>

namespace lanner::output {
namespace {
constexpr int kFacilityUser = 1 << 3;  // LOG_USER
}

std::string syslog_datagram(rules::Priority priority, uint64_t time_ns, int pid,
                            std::string_view message) {
  const auto secs = static_cast<time_t>(time_ns / 1'000'000'000);
  std::tm tm{};
  localtime_r(&secs, &tm);
  std::array<char, 32> stamp{};
  std::strftime(stamp.data(), stamp.size(), "%b %e %H:%M:%S", &tm);
  const int pri = kFacilityUser | static_cast<int>(priority);
  return "<" + std::to_string(pri) + ">" + stamp.data() + " lanner[" + std::to_string(pid) +
         "]: " + std::string(message);
}

SyslogSink::SyslogSink(FormatOptions format, std::string socket_path)
    : format_(format), socket_path_(std::move(socket_path)) {}

std::string SyslogSink::connect_socket() {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path_.size() >= sizeof(addr.sun_path)) return "syslog socket path too long";
  std::memcpy(addr.sun_path, socket_path_.c_str(), socket_path_.size() + 1);
  std::string last_error;
  for (int type : {SOCK_DGRAM, SOCK_STREAM}) {
    Fd fd(::socket(AF_UNIX, type | SOCK_CLOEXEC, 0));
    if (!fd.valid()) return "socket: " + errno_text(errno);
    if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0) {
      socket_ = std::move(fd);
      stream_ = type == SOCK_STREAM;
      return {};
    }
    last_error = errno_text(errno);
    if (errno != EPROTOTYPE) break;
  }
  return "cannot connect to " + socket_path_ + ": " + last_error;
}

DeliveryResult SyslogSink::deliver(const Alert& alert) {
  if (!socket_.valid()) {
    std::string err = connect_socket();
    if (!err.empty()) return DeliveryResult::failure(err);
  }
  std::string datagram =
      syslog_datagram(alert.priority, alert.time_ns, static_cast<int>(::getpid()),
                      format_alert(alert, format_));
  if (stream_) datagram.push_back('\0');  // stream framing glibc uses
  while (true) {
    ssize_t n = ::send(socket_.get(), datagram.data(), datagram.size(), MSG_NOSIGNAL);
    if (n == static_cast<ssize_t>(datagram.size())) return DeliveryResult::success();
    if (n < 0 && errno == EINTR) continue;
    std::string why = n < 0 ? errno_text(errno) : "short write";
    socket_.reset();  // the daemon may have restarted: reconnect on the next attempt
    return DeliveryResult::failure("syslog: " + why);
  }
}

}  // namespace lanner::output
