#include "supervisor/seccomp_filter.h"

#include <gtest/gtest.h>
#include <sys/syscall.h>

#include <algorithm>

namespace lanner::supervisor {
namespace {

bool contains(const std::vector<int>& v, int nr) { return std::find(v.begin(), v.end(), nr) != v.end(); }

TEST(SeccompFilter, OpenExpandsToItsFamilyPlusExec) {
  std::vector<std::string> types{"open"};
  auto set = trap_set_for(types);
  EXPECT_TRUE(contains(set, SYS_open));
  EXPECT_TRUE(contains(set, SYS_openat));
  EXPECT_TRUE(contains(set, SYS_openat2));
  EXPECT_TRUE(contains(set, SYS_creat));
  EXPECT_TRUE(contains(set, SYS_execve));
  EXPECT_TRUE(contains(set, SYS_execveat));
  EXPECT_FALSE(contains(set, SYS_connect));
  EXPECT_TRUE(std::is_sorted(set.begin(), set.end()));
}

TEST(SeccompFilter, NoRulesStillTrapsExec) {
  auto set = trap_set_for({});
  EXPECT_EQ(set, (std::vector<int>{SYS_execve, SYS_execveat}));
  std::vector<std::string> unknown{"no_such_syscall"};
  EXPECT_EQ(trap_set_for(unknown).size(), 2u);
}

TEST(SeccompFilter, HotSyscallsAreNeverTrapped) {
  auto set = trap_set_for(all_event_types());
  for (int nr : {SYS_read, SYS_write, SYS_close, SYS_mmap, SYS_futex, SYS_getpid}) {
    EXPECT_FALSE(contains(set, nr)) << nr;
    EXPECT_TRUE(is_never_trapped(nr));
  }
  EXPECT_GT(set.size(), 20u);
}

TEST(SeccompFilter, ProgramNotifiesOnlyTheSetAndChecksTheArch) {
  FilterOptions options;
  options.notify = trap_set_for(std::vector<std::string>{"connect"});
  std::string error;
  auto program = build_filter(options, error);
  ASSERT_TRUE(program.has_value()) << error;
  EXPECT_FALSE(program->instructions.empty());
  EXPECT_NE(program->pfc.find("x86_64"), std::string::npos) << program->pfc;
  EXPECT_NE(program->pfc.find("connect"), std::string::npos) << program->pfc;
  EXPECT_NE(program->pfc.find("action 0x7fc00000"), std::string::npos) << program->pfc;  // USER_NOTIF
  EXPECT_NE(program->pfc.find("action ERRNO(38)"), std::string::npos) << program->pfc;   // foreign ABI
  EXPECT_EQ(program->pfc.find("openat"), std::string::npos) << program->pfc;
  EXPECT_EQ(program->notify, options.notify);
}

TEST(SeccompFilter, IoUringCanBeDenied) {
  FilterOptions options;
  options.deny_io_uring = true;
  std::string error;
  auto program = build_filter(options, error);
  ASSERT_TRUE(program.has_value()) << error;
  EXPECT_NE(program->pfc.find("io_uring_setup"), std::string::npos) << program->pfc;
}

}  // namespace
}  // namespace lanner::supervisor

namespace lanner::supervisor {
namespace {

TEST(SeccompFilter, ProcessCreationIsTrappedOnlyOnRequest) {
  auto all = trap_set_for(all_event_types());
  for (int nr : {SYS_clone, SYS_clone3, SYS_fork, SYS_vfork}) EXPECT_FALSE(contains(all, nr)) << nr;
  std::vector<std::string> clone{"clone"};
  EXPECT_TRUE(contains(trap_set_for(clone), SYS_clone));
}

}  // namespace
}  // namespace lanner::supervisor
