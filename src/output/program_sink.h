#pragma once
// Alerts written to the stdin of `sh -c <program>` (program_output). The configuration is code:
// whoever writes the config chooses what runs, as with Falco.
#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <string>

#include "output/alert_format.h"
#include "output/fd_io.h"
#include "output/sink.h"

namespace lanner::output {

class ProgramSink final : public AlertSink {
 public:
  // keep_alive=false: one process per alert (alert on stdin, then EOF; a non-zero exit status is
  // a failed delivery). keep_alive=true: one long-lived process reading line after line; if it
  // dies, the next delivery fails and the one after starts a new process.
  // `exit_timeout` bounds how long we wait for a process to exit before killing it.
  ProgramSink(std::string program, bool keep_alive, FormatOptions format,
              std::chrono::milliseconds exit_timeout = std::chrono::seconds(5));
  ~ProgramSink() override;

  std::string name() const override { return "program"; }
  DeliveryResult deliver(const Alert& alert) override;
  void reopen() override;
  void cancel() override { cancelled_ = true; }

 private:
  std::string spawn();                  // "" on success, else the reason
  DeliveryResult write_to_child(const std::string& data);
  DeliveryResult finish_child();        // closes stdin, waits (bounded), reaps

  std::string program_;
  bool keep_alive_;
  FormatOptions format_;
  std::chrono::milliseconds exit_timeout_;
  pid_t child_ = -1;
  Fd stdin_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace lanner::output
