#pragma once
// NotificationSource over a seccomp listener fd (SECCOMP_IOCTL_NOTIF_RECV/SEND/ID_VALID), and the
// thread that runs the receive loop (ReceiverThread), which can always be made to stop.
//
// Two ways to wait for a notification, chosen by whether SYNC_WAKE_UP could be set (6.6+):
// - sync wake-up: receive() calls RECV directly, 2 syscalls per trapped call (RECV, SEND) as in
//   a bare supervisor. RECV waits on the filter's wait queue, so a signal interrupts it (EINTR)
//   and, from 6.11 on, it returns (ENOENT) once no task uses the filter any more.
// - older kernels: RECV sleeps on a semaphore that neither an orphaned filter nor anything else
//   wakes, so receive() first polls the listener together with a stop eventfd (3 syscalls).
// Either way ReceiverThread::stop_and_join() ends the loop, even if a task of the tree can never
// be reaped (D state) and so keeps the filter in use.
#include <signal.h>
#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "supervisor/notification_source.h"
#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

class UnotifySource final : public NotificationSource {
 public:
  // Does not take ownership. `sync_wake_up`: LaunchedTarget::sync_wake_up (see above).
  UnotifySource(int listener_fd, bool sync_wake_up);
  ReceiveStatus receive(RawNotification& out) override;
  bool still_valid(uint64_t id) override;
  bool respond(uint64_t id, const Response& response) override;
  // Thread-safe: makes every later receive() return kStopped, and a receive() blocked in poll
  // return at once. A receive() blocked in RECV returns when its thread is interrupted, which
  // ReceiverThread::stop_and_join does.
  void stop();

 private:
  ReceiveStatus receive_polled(RawNotification& out);
  ReceiveStatus fetch(RawNotification& out);  // the RECV ioctl itself
  ReceiveStatus after_empty_receive();        // RECV found nothing (ENOENT) or was interrupted
  bool stopping() const { return stop_requested_.load(std::memory_order_acquire); }

  int listener_;
  bool sync_wake_up_;
  std::atomic<bool> stop_requested_{false};
  UniqueFd stop_event_;  // wakes receive_polled's poll
};

// Runs `body` (a loop over `source`'s receive(), e.g. MonitorLoop::run) on its own thread, and
// ends it on request: stop_and_join() calls source.stop(), then interrupts the thread.
//
// Why a signal: once a task of the tree keeps the filter in use without ever making a call (it
// cannot be reaped), nothing but a signal ends a RECV blocked on the filter's wait queue (and on
// 6.6 to 6.10 RECV does not even wake when the last task is gone). stop_and_join catches SIGURG
// with a no-op handler installed WITHOUT SA_RESTART and sends it to the thread (tgkill): its RECV
// (or poll) fails with EINTR and receive() sees the stop flag. It repeats the signal until
// `body` has returned, because one can land just before the thread enters RECV (after it checked
// the flag) and be lost to that race. Then it joins, then restores the previous disposition.
//
// Why only then, and why SIGURG: while the loop runs SIGURG keeps its default action, which is
// to ignore it, and the notifier has every signal lanner forwards (and SIGCHLD) blocked, so no
// signal can interrupt the notifier's calls: an interrupted NOTIF_ADDFD|SEND, ID_VALID or SEND
// could fail the target's call or lose its answer, and the target can aim signals at a lanner
// thread (F_SETOWN_EX with F_OWNER_TID). By the time stop_and_join runs the tree is dead or
// being killed, so a SIGURG from elsewhere in that window costs at most a retried receive(); and
// since SIGURG is ignored by default and lanner neither forwards nor uses it, catching it with a
// handler that does nothing loses no signal meant for anyone. The disposition is process-wide
// (so stop one ReceiverThread at a time per process); the handler itself touches no state.
class ReceiverThread {
 public:
  ReceiverThread(UnotifySource& source, std::function<void()> body);
  ~ReceiverThread();  // stop_and_join() if it was not called
  ReceiverThread(const ReceiverThread&) = delete;
  ReceiverThread& operator=(const ReceiverThread&) = delete;

  // source.stop(), then interrupts the thread until `body` has returned, and joins it. Without
  // a signal if `body` already returned (e.g. the filter was orphaned, or the listener failed).
  void stop_and_join();

 private:
  class WakeSignal {
   public:
    WakeSignal();
    ~WakeSignal();
    WakeSignal(const WakeSignal&) = delete;
    WakeSignal& operator=(const WakeSignal&) = delete;

   private:
    struct sigaction previous_;
  };

  void run(const std::function<void()>& body);
  void interrupt_until_finished(std::unique_lock<std::mutex>& lock);

  UnotifySource& source_;
  std::atomic<pid_t> tid_{0};  // the thread's kernel tid, once it runs
  std::mutex mutex_;
  std::condition_variable finished_cv_;
  bool finished_ = false;  // `body` returned (guarded by mutex_)
  std::thread thread_;
};

}  // namespace lanner::supervisor
