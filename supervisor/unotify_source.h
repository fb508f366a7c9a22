#pragma once
// NotificationSource over a seccomp listener fd (SECCOMP_IOCTL_NOTIF_RECV/SEND/ID_VALID).
// receive() polls the listener together with a stop eventfd, so stop() from any thread ends a
// blocked receive(); POLLHUP on the listener (no task uses the filter any more) ends it too.
#include "supervisor/notification_source.h"
#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

class UnotifySource final : public NotificationSource {
 public:
  explicit UnotifySource(int listener_fd);  // does not take ownership
  ReceiveStatus receive(RawNotification& out) override;
  bool still_valid(uint64_t id) override;
  bool respond(uint64_t id, const Response& response) override;
  // Thread-safe: makes the current and every later receive() return kStopped.
  void stop();

 private:
  int listener_;
  UniqueFd stop_event_;
};

}  // namespace lanner::supervisor
