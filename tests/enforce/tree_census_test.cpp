// Can anything in the monitored tree race the caller? Checked on real processes forked by the
// test, which plays the supervisor.
#include "supervisor/tree_census.h"

#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <pthread.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace lanner::supervisor {
namespace {

enum class Shape { kAlone, kWithChild, kWithThread };

void* park(void*) {
  pause();
  return nullptr;
}

// Forks a "target" of the given shape and waits until it has taken that shape.
pid_t spawn_target(Shape shape) {
  int ready[2];
  if (pipe(ready) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);  // so reap() can kill a grandchild with it
    if (shape == Shape::kWithChild && fork() == 0) {
      pause();
      _exit(0);
    }
    pthread_t thread;
    if (shape == Shape::kWithThread) pthread_create(&thread, nullptr, park, nullptr);
    (void)!write(ready[1], "r", 1);
    pause();
    _exit(0);
  }
  char c;
  (void)!read(ready[0], &c, 1);
  close(ready[0]);
  close(ready[1]);
  return pid;
}

void reap(pid_t pid) {
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

TEST(TreeCensus, ALoneSingleThreadedTargetIsTheSoleTask) {
  pid_t target = spawn_target(Shape::kAlone);
  ASSERT_GT(target, 0);
  TreeCensus census(getpid(), target, -1);
  EXPECT_TRUE(census.is_unraceable(target));
  EXPECT_FALSE(census.is_unraceable(target + 100000));  // another task calling
  reap(target);
  EXPECT_FALSE(census.is_unraceable(target)) << "a dead target answers 'not sole'";
}

TEST(TreeCensus, AChildOrAThreadMeansOthersCouldRace) {
  for (Shape shape : {Shape::kWithChild, Shape::kWithThread}) {
    pid_t target = spawn_target(shape);
    ASSERT_GT(target, 0);
    TreeCensus census(getpid(), target, -1);
    EXPECT_FALSE(census.is_unraceable(target)) << static_cast<int>(shape);
    reap(target);
  }
}

TEST(TreeCensus, AnotherChildOfTheSupervisorCountsUnlessItIsTheSpare) {
  pid_t target = spawn_target(Shape::kAlone);
  pid_t other = spawn_target(Shape::kAlone);  // an orphan re-parented to lanner, say
  ASSERT_GT(target, 0);
  ASSERT_GT(other, 0);
  EXPECT_FALSE(TreeCensus(getpid(), target, -1).is_unraceable(target));
  EXPECT_TRUE(TreeCensus(getpid(), target, other).is_unraceable(target));
  reap(other);
  reap(target);
}

// --- The waited-for child: `sh -c CMD` ------------------------------------------------------

enum class Parent {
  kWaits,             // a shell running one command: waitpid on its only child
  kWaitsWithAlarm,    // catches SIGALRM: an alarm it set could run the handler
  kWaitsWithTimer,    // owns a POSIX timer
  kWaitsWithAsync,    // owns an O_ASYNC file: I/O from outside would raise a signal
  kWaitsForTwo,       // a second child could exit and wake it
  kSpins,             // running: it could rewrite files or shared memory at any time
  kLearnsHandler,     // waits; once its child stops, installs a SIGALRM handler and waits again
};

enum class Child { kAlone, kWithThread, kWithChild };

void on_signal(int) {}

[[noreturn]] void child_body(Child shape) {
  if (shape == Child::kWithChild && fork() == 0) {
    pause();
    _exit(0);
  }
  pthread_t thread;
  if (shape == Child::kWithThread) pthread_create(&thread, nullptr, park, nullptr);
  pause();
  _exit(0);
}

[[noreturn]] void parent_body(Parent shape, pid_t child, int ready) {
  // Handlers inherited from the test runner (sanitizers install some) would count as caught.
  for (int sig = 1; sig < SIGRTMIN; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
  }
  if (shape == Parent::kWaitsWithAlarm) signal(SIGALRM, on_signal);
  timer_t timer;
  if (shape == Parent::kWaitsWithTimer) timer_create(CLOCK_MONOTONIC, nullptr, &timer);
  int async_pipe[2];
  if (shape == Parent::kWaitsWithAsync && pipe(async_pipe) == 0) {
    fcntl(async_pipe[0], F_SETFL, fcntl(async_pipe[0], F_GETFL) | O_ASYNC);
  }
  if (shape == Parent::kWaitsForTwo && fork() == 0) {
    pause();
    _exit(0);
  }
  (void)!write(ready, "r", 1);
  if (shape == Parent::kSpins) {
    for (;;) {
    }
  }
  int status = 0;
  while (waitpid(child, &status, WUNTRACED) == child && WIFSTOPPED(status)) {
    if (shape == Parent::kLearnsHandler) signal(SIGALRM, on_signal);
  }
  _exit(0);
}

std::string proc_file(pid_t pid, const std::string& name) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Polls until `pid` is asleep in wait4/waitid (the parent's shapes that wait get there soon).
bool wait_until_waiting(pid_t pid) {
  const std::string wait4 = std::to_string(SYS_wait4) + " ";
  const std::string waitid = std::to_string(SYS_waitid) + " ";
  for (int i = 0; i < 500; ++i) {
    const std::string line = proc_file(pid, "syscall");
    if (line.rfind(wait4, 0) == 0 || line.rfind(waitid, 0) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

struct Family {
  pid_t parent = -1;
  pid_t child = -1;
  bool settled = false;  // both exist and the parent sleeps in its wait (unless it spins)
};

// Forks a "target" that forks the caller-to-be; returns both once they have taken their shapes.
Family spawn_family(Parent parent_shape, Child child_shape) {
  int ready[2];
  int child_pid[2];
  if (pipe(ready) != 0 || pipe(child_pid) != 0) return {};
  Family family;
  family.parent = fork();
  if (family.parent == 0) {
    setpgid(0, 0);  // so reap() kills the whole family
    pid_t child = fork();
    if (child == 0) child_body(child_shape);
    (void)!write(child_pid[1], &child, sizeof child);
    parent_body(parent_shape, child, ready[1]);
  }
  char c;
  (void)!read(child_pid[0], &family.child, sizeof family.child);
  (void)!read(ready[0], &c, 1);
  for (int fd : {ready[0], ready[1], child_pid[0], child_pid[1]}) close(fd);
  family.settled = family.child > 0 && (parent_shape == Parent::kSpins || wait_until_waiting(family.parent));
  return family;
}

bool wait_until_threads(pid_t pid, int threads) {
  const std::string want = "Threads:\t" + std::to_string(threads) + "\n";
  for (int i = 0; i < 500; ++i) {
    if (proc_file(pid, "status").find(want) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST(TreeCensus, AChildItsParentWaitsForCannotBeRaced) {
  Family family = spawn_family(Parent::kWaits, Child::kAlone);
  ASSERT_TRUE(family.settled);
  TreeCensus census(getpid(), family.parent, -1);
  EXPECT_TRUE(census.is_unraceable(family.child));
  EXPECT_TRUE(census.is_unraceable(family.child)) << "the cached verification holds";
  EXPECT_FALSE(census.is_unraceable(family.parent)) << "the parent has a child";
  EXPECT_FALSE(census.is_unraceable(family.child + 100000)) << "not the target's child";
  reap(family.parent);
}

TEST(TreeCensus, AParentThatCouldRunMeansTheChildCanBeRaced) {
  for (Parent shape : {Parent::kWaitsWithAlarm, Parent::kWaitsWithTimer, Parent::kWaitsWithAsync,
                       Parent::kWaitsForTwo, Parent::kSpins}) {
    Family family = spawn_family(shape, Child::kAlone);
    ASSERT_TRUE(family.settled);
    TreeCensus census(getpid(), family.parent, -1);
    EXPECT_FALSE(census.is_unraceable(family.child)) << static_cast<int>(shape);
    reap(family.parent);
  }
}

TEST(TreeCensus, AChildWithAThreadOrAChildOfItsOwnCanBeRaced) {
  for (Child shape : {Child::kWithThread, Child::kWithChild}) {
    Family family = spawn_family(Parent::kWaits, shape);
    ASSERT_TRUE(family.settled);
    if (shape == Child::kWithThread) {
      ASSERT_TRUE(wait_until_threads(family.child, 2));
    }
    if (shape == Child::kWithChild) {
      for (int i = 0; i < 500 && proc_file(family.child, "task/" + std::to_string(family.child) + "/children").empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    TreeCensus census(getpid(), family.parent, -1);
    EXPECT_FALSE(census.is_unraceable(family.child)) << static_cast<int>(shape);
    reap(family.parent);
  }
}

TEST(TreeCensus, AParentThatRanIsVerifiedAgain) {
  Family family = spawn_family(Parent::kLearnsHandler, Child::kAlone);
  ASSERT_TRUE(family.settled);
  TreeCensus census(getpid(), family.parent, -1);
  ASSERT_TRUE(census.is_unraceable(family.child));
  // Stopping the child wakes the parent, which installs a handler and waits again.
  kill(family.child, SIGSTOP);
  bool learned = false;
  for (int i = 0; i < 500 && !learned; ++i) {
    learned = proc_file(family.parent, "status").find("SigCgt:\t0000000000002000") != std::string::npos;
    if (!learned) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(learned) << proc_file(family.parent, "status");
  ASSERT_TRUE(wait_until_waiting(family.parent));
  EXPECT_FALSE(census.is_unraceable(family.child)) << "a stale verification was trusted";
  reap(family.parent);
}

}  // namespace
}  // namespace lanner::supervisor
