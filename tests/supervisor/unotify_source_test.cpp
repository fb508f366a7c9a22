// UnotifySource and ReceiverThread against a real listener: a forked child installs a filter that
// traps getppid and makes the call on request. Each case runs with RECV called directly (sync
// wake-up, 6.6+) and with the poll path older kernels need. The stop cases keep the child alive
// and idle, which is what a task clean_up_tree could not reap looks like from the listener: the
// filter stays in use, so nothing but ReceiverThread's signal ends a blocked RECV. A hang fails
// through ctest's timeout.
#include <gtest/gtest.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <future>
#include <string>

#include "supervisor/fd_passing.h"
#include "supervisor/kernel_test_support.h"
#include "supervisor/seccomp_filter.h"
#include "supervisor/unotify_source.h"

namespace lanner::supervisor {
namespace {

// A child under a filter that notifies getppid. call() makes it call getppid once and waits
// until the call returned (so the loop must have answered it).
class FilteredChild {
 public:
  FilteredChild() {
    std::string error;
    FilterOptions options;
    options.notify.push_back(SYS_getppid);
    auto program = build_filter(options, error);
    if (!program || pipe(commands_) != 0 || pipe(replies_) != 0) return;
    sock_fprog prog{static_cast<unsigned short>(program->instructions.size()),
                    program->instructions.data()};
    pid_ = fork();
    if (pid_ == 0) serve(prog);
    close(commands_[0]);
    close(replies_[1]);
    int fd_in_child = -1;
    if (read(replies_[0], &fd_in_child, sizeof fd_in_child) != sizeof fd_in_child) return;
    listener_ = borrow_fd(pid_, fd_in_child);
  }
  ~FilteredChild() { finish(); }
  FilteredChild(const FilteredChild&) = delete;
  FilteredChild& operator=(const FilteredChild&) = delete;

  int listener() const { return listener_.get(); }
  // SECCOMP_IOCTL_NOTIF_SET_FLAGS with SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1), spelled out:
  // Debian 12's kernel headers (6.1) predate both (6.6).
  bool set_sync_wake_up() {
    __u64 sync_wake_up = 1;
    return ioctl(listener_.get(), SECCOMP_IOW(4, __u64), sync_wake_up) == 0;
  }
  bool call() {
    char c = 'c', done = 0;
    return write(commands_[1], &c, 1) == 1 && read(replies_[0], &done, 1) == 1 && done == 'd';
  }
  // Ends the child (EOF on its command pipe) and reaps it: from then on no task uses the filter.
  void finish() {
    if (pid_ <= 0) return;
    close(commands_[1]);
    close(replies_[0]);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  [[noreturn]] void serve(const sock_fprog& prog) {
    close(commands_[1]);
    close(replies_[0]);
    // The child keeps its own listener open: were the test to die, a call it is waiting in
    // would never be answered and would hold ctest's output pipe forever.
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) _exit(1);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) _exit(1);
    int fd = static_cast<int>(syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                                      SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog));
    if (fd < 0 || write(replies_[1], &fd, sizeof fd) != sizeof fd) _exit(1);
    char c;
    while (read(commands_[0], &c, 1) == 1) {
      (void)getppid();
      char done = 'd';
      if (write(replies_[1], &done, 1) != 1) _exit(1);
    }
    _exit(0);
  }

  pid_t pid_ = -1;
  int commands_[2] = {-1, -1};
  int replies_[2] = {-1, -1};
  UniqueFd listener_;
};

// What the receive loop in the thread saw.
struct LoopRecord {
  std::atomic<pid_t> tid{0};
  std::atomic<int> events{0};
  std::atomic<int> retries{0};
  std::atomic<int> last{-1};
  std::promise<void> ended;
};

// A minimal receive loop (MonitorLoop reduced to what these tests check): answers every call.
void receive_loop(UnotifySource& source, LoopRecord& record) {
  record.tid = gettid();
  RawNotification notification;
  for (;;) {
    ReceiveStatus status = source.receive(notification);
    if (status == ReceiveStatus::kEvent) {
      ++record.events;
      source.respond(notification.id, Response::allow());
    } else if (status == ReceiveStatus::kRetry) {
      ++record.retries;
    } else {
      record.last = static_cast<int>(status);
      record.ended.set_value();
      return;
    }
  }
}

// The syscall the thread is blocked in and its second argument, from
// /proc/self/task/<tid>/syscall ("nr arg0 arg1 ..."); nr -1 while it runs.
struct Blocked {
  long nr = -1;
  unsigned long arg1 = 0;
};

Blocked blocked_in(pid_t tid) {
  std::ifstream in("/proc/self/task/" + std::to_string(tid) + "/syscall");
  Blocked blocked;
  std::string arg0, arg1;
  if (!(in >> blocked.nr >> arg0 >> arg1)) return {};
  blocked.arg1 = std::stoul(arg1, nullptr, 16);
  return blocked;
}

// Waits until the loop's thread sleeps in the wait of its mode: the RECV ioctl (not the tail of
// a SEND), or poll.
void wait_until_blocked(const LoopRecord& record, bool sync) {
  while (record.tid.load() == 0) usleep(1000);
  for (;;) {
    Blocked now = blocked_in(record.tid.load());
    if (sync ? now.nr == SYS_ioctl && now.arg1 == SECCOMP_IOCTL_NOTIF_RECV
             : now.nr == SYS_poll || now.nr == SYS_ppoll) {
      return;
    }
    usleep(1000);
  }
}

bool kernel_at_least(int major, int minor) {
  utsname name{};
  int have_major = 0, have_minor = 0;
  if (uname(&name) != 0 || std::sscanf(name.release, "%d.%d", &have_major, &have_minor) != 2) return false;
  return have_major > major || (have_major == major && have_minor >= minor);
}

bool wake_handler_installed() {
  struct sigaction now{};
  sigaction(SIGURG, nullptr, &now);
  return now.sa_handler != SIG_DFL && now.sa_handler != SIG_IGN;
}

class ReceiverThreadTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    LANNER_REQUIRE_UNOTIFY();
    ASSERT_GE(child_.listener(), 0);
    if (sync() && !child_.set_sync_wake_up()) GTEST_SKIP() << "no SYNC_WAKE_UP before 6.6";
  }
  bool sync() const { return GetParam(); }

  FilteredChild child_;
  LoopRecord record_;
};

TEST_P(ReceiverThreadTest, StopEndsALoopBlockedWhileATaskStillUsesTheFilter) {
  UnotifySource source(child_.listener(), sync());
  ReceiverThread thread(source, [&] { receive_loop(source, record_); });
  ASSERT_TRUE(child_.call());
  wait_until_blocked(record_, sync());
  thread.stop_and_join();
  EXPECT_EQ(record_.events.load(), 1);
  EXPECT_EQ(record_.last.load(), static_cast<int>(ReceiveStatus::kStopped));
}

TEST_P(ReceiverThreadTest, StopBeforeTheFirstReceiveEndsTheLoop) {
  UnotifySource source(child_.listener(), sync());
  ReceiverThread thread(source, [&] { receive_loop(source, record_); });
  thread.stop_and_join();
  EXPECT_EQ(record_.last.load(), static_cast<int>(ReceiveStatus::kStopped));
}

TEST_P(ReceiverThreadTest, TheDestructorStopsTheLoopToo) {
  UnotifySource source(child_.listener(), sync());
  {
    ReceiverThread thread(source, [&] { receive_loop(source, record_); });
    ASSERT_TRUE(child_.call());
    wait_until_blocked(record_, sync());
  }
  EXPECT_EQ(record_.last.load(), static_cast<int>(ReceiveStatus::kStopped));
}

// While the loop runs SIGURG keeps its default action (ignored), so a SIGURG sent to the
// notifier or to the process interrupts nothing: the kernel drops it when it is sent.
TEST_P(ReceiverThreadTest, AForeignWakeSignalDuringTheRunInterruptsNothing) {
  UnotifySource source(child_.listener(), sync());
  ReceiverThread thread(source, [&] { receive_loop(source, record_); });
  ASSERT_TRUE(child_.call());
  wait_until_blocked(record_, sync());
  EXPECT_FALSE(wake_handler_installed());
  syscall(SYS_tgkill, getpid(), record_.tid.load(), SIGURG);  // the notifier's own thread
  kill(getpid(), SIGURG);                                      // and the whole process
  ASSERT_TRUE(child_.call());
  EXPECT_EQ(record_.retries.load(), 0);
  EXPECT_EQ(record_.last.load(), -1);
  thread.stop_and_join();
  EXPECT_EQ(record_.events.load(), 2);
  EXPECT_EQ(record_.last.load(), static_cast<int>(ReceiveStatus::kStopped));
  EXPECT_FALSE(wake_handler_installed());  // the disposition found before the stop is back
}

// Once the last task of the filter is reaped the loop ends by itself (POLLHUP; with sync
// wake-up, RECV wakes for it from 6.11 on), without a stop request.
TEST_P(ReceiverThreadTest, AnOrphanedFilterEndsTheLoopWithoutAStop) {
  if (sync() && !kernel_at_least(6, 11)) GTEST_SKIP() << "RECV wakes for an orphaned filter from 6.11";
  UnotifySource source(child_.listener(), sync());
  ReceiverThread thread(source, [&] { receive_loop(source, record_); });
  ASSERT_TRUE(child_.call());
  child_.finish();
  record_.ended.get_future().wait();
  EXPECT_EQ(record_.events.load(), 1);
  EXPECT_EQ(record_.last.load(), static_cast<int>(ReceiveStatus::kStopped));
  thread.stop_and_join();
}

// The listener failing ends the loop (kError: run_supervised then kills the tree). On the poll
// path a real failure can be caused from outside: poll() refuses more fds than RLIMIT_NOFILE.
TEST(UnotifySource, APollFailureIsAnError) {
  LANNER_REQUIRE_UNOTIFY();
  FilteredChild child;
  ASSERT_GE(child.listener(), 0);
  UnotifySource source(child.listener(), false);
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit one = saved;
  one.rlim_cur = 1;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &one), 0);
  RawNotification notification;
  ReceiveStatus status = source.receive(notification);
  setrlimit(RLIMIT_NOFILE, &saved);
  EXPECT_EQ(status, ReceiveStatus::kError);
}

INSTANTIATE_TEST_SUITE_P(BothWaits, ReceiverThreadTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& param_info) {
                           return param_info.param ? std::string("DirectReceive") : std::string("Poll");
                         });

}  // namespace
}  // namespace lanner::supervisor
