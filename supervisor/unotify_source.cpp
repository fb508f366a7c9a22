#include "supervisor/unotify_source.h"

#include <linux/seccomp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lanner::supervisor {

UnotifySource::UnotifySource(int listener_fd)
    : listener_(listener_fd), stop_event_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

void UnotifySource::stop() {
  uint64_t one = 1;
  (void)!write(stop_event_.get(), &one, sizeof one);
}

ReceiveStatus UnotifySource::receive(RawNotification& out) {
  pollfd fds[2] = {{listener_, POLLIN, 0}, {stop_event_.get(), POLLIN, 0}};
  if (poll(fds, 2, -1) < 0) return errno == EINTR ? ReceiveStatus::kRetry : ReceiveStatus::kError;
  if (fds[1].revents != 0) return ReceiveStatus::kStopped;
  if ((fds[0].revents & POLLIN) == 0) {
    return (fds[0].revents & (POLLHUP | POLLERR)) != 0 ? ReceiveStatus::kStopped
                                                      : ReceiveStatus::kRetry;
  }
  seccomp_notif notif;
  std::memset(&notif, 0, sizeof notif);  // the kernel rejects a non-zeroed buffer with EINVAL
  if (ioctl(listener_, SECCOMP_IOCTL_NOTIF_RECV, &notif) != 0) {
    // EINTR: signal; ENOENT: the caller went away between the wake-up and the receive.
    return (errno == EINTR || errno == ENOENT) ? ReceiveStatus::kRetry : ReceiveStatus::kError;
  }
  out.id = notif.id;
  out.tid = notif.pid;
  out.nr = notif.data.nr;
  out.arch = notif.data.arch;
  out.instruction_pointer = notif.data.instruction_pointer;
  for (int i = 0; i < 6; ++i) out.args[static_cast<size_t>(i)] = notif.data.args[i];
  return ReceiveStatus::kEvent;
}

bool UnotifySource::still_valid(uint64_t id) {
  return ioctl(listener_, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
}

bool UnotifySource::respond(uint64_t id, const Response& response) {
  seccomp_notif_resp resp;
  std::memset(&resp, 0, sizeof resp);
  resp.id = id;
  if (response.deny) {
    resp.error = -response.error;
  } else {
    resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
  }
  while (ioctl(listener_, SECCOMP_IOCTL_NOTIF_SEND, &resp) != 0) {
    if (errno != EINTR) return false;  // ENOENT: the target died or was interrupted; not an error
  }
  return true;
}

}  // namespace lanner::supervisor
