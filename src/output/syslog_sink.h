#pragma once
// Alerts to the local syslog daemon (syslog_output). Speaks the /dev/log datagram protocol itself
// instead of syslog(3), whose openlog() state is process-global; the socket path is a parameter
// so tests can listen on their own socket. Facility LOG_USER, ident "lanner", severity mapped
// one to one from the rule priority (Emergency -> LOG_EMERG ... Debug -> LOG_DEBUG).
#include <string>

#include "output/alert_format.h"
#include "output/fd_io.h"
#include "output/sink.h"

namespace lanner::output {

class SyslogSink final : public AlertSink {
 public:
  explicit SyslogSink(FormatOptions format, std::string socket_path = "/dev/log");

  std::string name() const override { return "syslog"; }
  DeliveryResult deliver(const Alert& alert) override;
  void reopen() override { socket_.reset(); }

 private:
  std::string connect_socket();  // "" on success, else the reason

  FormatOptions format_;
  std::string socket_path_;
  Fd socket_;
  bool stream_ = false;  // some daemons listen with SOCK_STREAM
};

// The datagram for one message: "<PRI>Mmm dd HH:MM:SS lanner[PID]: message".
std::string syslog_datagram(rules::Priority priority, uint64_t time_ns, int pid,
                            std::string_view message);

}  // namespace lanner::output
