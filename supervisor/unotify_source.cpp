#include "supervisor/unotify_source.h"

#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>

namespace lanner::supervisor {
namespace {

constexpr int kWakeSignal = SIGURG;  // why this one: unotify_source.h, ReceiverThread
// stop_and_join re-sends the signal with this backoff until the loop has ended: a signal can
// only be lost to the race described in the header, so the first one nearly always suffices.
constexpr auto kFirstResend = std::chrono::milliseconds(1);
constexpr auto kLastResend = std::chrono::milliseconds(64);

// Does nothing on purpose: being caught is what makes the blocked RECV fail with EINTR.
void on_wake_signal(int) {}

}  // namespace

UnotifySource::UnotifySource(int listener_fd, bool sync_wake_up)
    : listener_(listener_fd),
      sync_wake_up_(sync_wake_up),
      stop_event_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

void UnotifySource::stop() {
  stop_requested_.store(true, std::memory_order_release);
  uint64_t one = 1;
  (void)!write(stop_event_.get(), &one, sizeof one);
}

ReceiveStatus UnotifySource::receive(RawNotification& out) {
  if (stopping()) return ReceiveStatus::kStopped;
  return sync_wake_up_ ? fetch(out) : receive_polled(out);
}

// Before 6.6 only poll wakes up for a stop request or an orphaned filter (POLLHUP).
ReceiveStatus UnotifySource::receive_polled(RawNotification& out) {
  pollfd fds[2] = {{listener_, POLLIN, 0}, {stop_event_.get(), POLLIN, 0}};
  if (poll(fds, 2, -1) < 0) return errno == EINTR ? ReceiveStatus::kRetry : ReceiveStatus::kError;
  if (fds[1].revents != 0) return ReceiveStatus::kStopped;
  if ((fds[0].revents & POLLIN) == 0) {
    // Not POLLERR: the listener reports it when its lock wait was interrupted by a signal.
    return (fds[0].revents & POLLHUP) != 0 ? ReceiveStatus::kStopped : ReceiveStatus::kRetry;
  }
  return fetch(out);
}

ReceiveStatus UnotifySource::fetch(RawNotification& out) {
  seccomp_notif notif;
  std::memset(&notif, 0, sizeof notif);  // the kernel rejects a non-zeroed buffer with EINVAL
  if (ioctl(listener_, SECCOMP_IOCTL_NOTIF_RECV, &notif) != 0) {
    return (errno == EINTR || errno == ENOENT) ? after_empty_receive() : ReceiveStatus::kError;
  }
  out.id = notif.id;
  out.tid = notif.pid;
  out.nr = notif.data.nr;
  out.arch = notif.data.arch;
  out.instruction_pointer = notif.data.instruction_pointer;
  for (int i = 0; i < 6; ++i) out.args[static_cast<size_t>(i)] = notif.data.args[i];
  return ReceiveStatus::kEvent;
}

// The rare path, so it may cost a syscall. ENOENT means either that the caller went away
// between its wake-up and our receive (go on) or that no task uses the filter any more (RECV
// returns at once from then on: stop, or we would spin). EINTR is ReceiverThread's stop signal,
// or a foreign SIGURG (go on).
ReceiveStatus UnotifySource::after_empty_receive() {
  if (stopping()) return ReceiveStatus::kStopped;
  pollfd listener{listener_, POLLIN, 0};
  if (poll(&listener, 1, 0) > 0 && (listener.revents & POLLHUP) != 0) return ReceiveStatus::kStopped;
  return ReceiveStatus::kRetry;
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

ReceiverThread::WakeSignal::WakeSignal() {
  struct sigaction wake{};
  wake.sa_handler = on_wake_signal;
  sigemptyset(&wake.sa_mask);
  wake.sa_flags = 0;  // no SA_RESTART: the kernel must not restart the interrupted RECV
  sigaction(kWakeSignal, &wake, &previous_);
}

ReceiverThread::WakeSignal::~WakeSignal() { sigaction(kWakeSignal, &previous_, nullptr); }

ReceiverThread::ReceiverThread(UnotifySource& source, std::function<void()> body)
    : source_(source), thread_([this, body = std::move(body)] { run(body); }) {}

ReceiverThread::~ReceiverThread() { stop_and_join(); }

void ReceiverThread::run(const std::function<void()>& body) {
  // The creator's mask is inherited: the signals lanner forwards stay blocked here, and the
  // wake signal must not be (an embedding process may have blocked it).
  sigset_t wake;
  sigemptyset(&wake);
  sigaddset(&wake, kWakeSignal);
  pthread_sigmask(SIG_UNBLOCK, &wake, nullptr);
  tid_.store(gettid());
  body();
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  finished_cv_.notify_all();
}

void ReceiverThread::stop_and_join() {
  if (!thread_.joinable()) return;
  source_.stop();
  // Restored after the join only, when no signal of ours can still be pending on the thread.
  std::optional<WakeSignal> wake;
  {
    std::unique_lock lock(mutex_);
    if (!finished_) {
      wake.emplace();
      interrupt_until_finished(lock);
    }
  }
  thread_.join();
}

// The tid is signalled only while `finished_` is false under the lock: the thread is alive then,
// so the tid cannot belong to another thread yet. A tid of 0 means the thread has not reached
// its first receive(), which will see the stop flag.
void ReceiverThread::interrupt_until_finished(std::unique_lock<std::mutex>& lock) {
  auto resend_after = kFirstResend;
  while (!finished_) {
    if (pid_t tid = tid_.load(); tid > 0) syscall(SYS_tgkill, getpid(), tid, kWakeSignal);
    finished_cv_.wait_for(lock, resend_after);
    resend_after = std::min(resend_after * 2, kLastResend);
  }
}

}  // namespace lanner::supervisor
