// Is the caller alone in the monitored tree? Checked on real processes forked by the test,
// which plays the supervisor.
#include "supervisor/tree_census.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <pthread.h>

#include <chrono>
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
  EXPECT_TRUE(census.is_sole_task(target));
  EXPECT_FALSE(census.is_sole_task(target + 100000));  // another task calling
  reap(target);
  EXPECT_FALSE(census.is_sole_task(target)) << "a dead target answers 'not sole'";
}

TEST(TreeCensus, AChildOrAThreadMeansOthersCouldRace) {
  for (Shape shape : {Shape::kWithChild, Shape::kWithThread}) {
    pid_t target = spawn_target(shape);
    ASSERT_GT(target, 0);
    TreeCensus census(getpid(), target, -1);
    EXPECT_FALSE(census.is_sole_task(target)) << static_cast<int>(shape);
    reap(target);
  }
}

TEST(TreeCensus, AnotherChildOfTheSupervisorCountsUnlessItIsTheSpare) {
  pid_t target = spawn_target(Shape::kAlone);
  pid_t other = spawn_target(Shape::kAlone);  // an orphan re-parented to lanner, say
  ASSERT_GT(target, 0);
  ASSERT_GT(other, 0);
  EXPECT_FALSE(TreeCensus(getpid(), target, -1).is_sole_task(target));
  EXPECT_TRUE(TreeCensus(getpid(), target, other).is_sole_task(target));
  reap(other);
  reap(target);
}

}  // namespace
}  // namespace lanner::supervisor
