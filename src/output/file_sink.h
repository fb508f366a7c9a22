#pragma once
// Alerts appended to a file, one line each (file_output).
#include <string>

#include "output/alert_format.h"
#include "output/fd_io.h"
#include "output/sink.h"

namespace lanner::output {

class FileSink final : public AlertSink {
 public:
  // keep_alive=false opens, appends and closes per alert, so external rotation just works;
  // keep_alive=true keeps the file open until reopen() (wire it to SIGHUP/SIGUSR1).
  // The file is created with mode 0640: alerts can reveal what runs on the host.
  FileSink(std::string path, bool keep_alive, bool buffered, FormatOptions format);
  ~FileSink() override;

  std::string name() const override { return "file"; }
  DeliveryResult deliver(const Alert& alert) override;
  void flush() override;
  void reopen() override;

 private:
  std::string open_file();  // "" on success, else the reason
  DeliveryResult write_line(const std::string& data);

  std::string path_;
  bool keep_alive_;
  bool buffered_;
  FormatOptions format_;
  Fd fd_;
  std::string pending_;
};

}  // namespace lanner::output
