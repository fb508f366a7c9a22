#include "event/syscall_table.h"

#include <sys/syscall.h>

#include <algorithm>
#include <set>
#include <string>

#include <gtest/gtest.h>

namespace lanner::event {
namespace {

// The 41 event types reachable from the three current upstream rule files (stats/current-all.md).
const char* const kUpstreamEventTypes[] = {
    "accept", "accept4", "bpf", "chmod", "connect", "creat", "dup", "dup2", "dup3", "execve",
    "execveat", "fchmod", "fchmodat", "finit_module", "init_module", "link", "linkat", "listen",
    "mkdir", "mkdirat", "open", "openat", "openat2", "ptrace", "recvfrom", "recvmsg", "rename",
    "renameat", "renameat2", "rmdir", "sendmsg", "sendto", "setns", "setuid", "socket", "symlink",
    "symlinkat", "unlink", "unlinkat", "unshare", "userfaultfd"};

TEST(SyscallTable, HasEveryUpstreamEventType) {
  for (const char* name : kUpstreamEventTypes) {
    const SyscallInfo* info = syscall_by_name(name);
    ASSERT_NE(info, nullptr) << name;
    EXPECT_EQ(info->name, name);
    EXPECT_EQ(syscall_by_nr(info->nr), info) << name;
    EXPECT_FALSE(info->params.empty()) << name;
  }
}

TEST(SyscallTable, NumbersMatchKernelHeaders) {
  EXPECT_EQ(syscall_by_nr(__NR_openat)->name, "openat");
  EXPECT_EQ(syscall_by_nr(__NR_execve)->name, "execve");
  EXPECT_EQ(syscall_by_nr(__NR_connect)->name, "connect");
  EXPECT_EQ(syscall_by_name("fchmodat2")->nr, 452);
  EXPECT_EQ(syscall_by_nr(__NR_read), nullptr);
  EXPECT_EQ(syscall_by_nr(-1), nullptr);
  EXPECT_EQ(syscall_by_name("nosuchcall"), nullptr);
}

TEST(SyscallTable, RowsAreSortedAndUnique) {
  auto rows = all_syscalls();
  std::set<std::string_view> names;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(rows[i - 1].nr, rows[i].nr);
    }
    EXPECT_TRUE(names.insert(rows[i].name).second) << rows[i].name;
  }
}

TEST(SyscallTable, OpenatParamsFollowFalcoExitEvent) {
  const SyscallInfo* info = syscall_by_name("openat");
  ASSERT_EQ(info->params.size(), 7u);
  const char* names[] = {"fd", "dirfd", "name", "flags", "mode", "dev", "ino"};
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(info->params[i].name, names[i]);
  EXPECT_EQ(info->params[0].source.kind, ParamSource::kResult);
  EXPECT_EQ(info->params[2].source.kind, ParamSource::kArg);
  EXPECT_EQ(info->params[2].source.arg, 1);
  EXPECT_EQ(info->params[3].table, "file_flags");
  EXPECT_EQ(info->args[0], ArgRole::kDirFd);
  EXPECT_EQ(info->args[1], ArgRole::kPath);
  EXPECT_TRUE(info->creates_fd);
}

TEST(SyscallTable, ExecveHasThirtyOneParams) {
  const SyscallInfo* info = syscall_by_name("execve");
  ASSERT_EQ(info->params.size(), 31u);
  EXPECT_EQ(info->params[30].name, "filename");
  EXPECT_EQ(syscall_by_name("execveat")->params.size(), 30u);
  EXPECT_EQ(info->args[1], ArgRole::kArgv);
  EXPECT_FALSE(info->creates_fd);
}

TEST(SyscallTable, ParamSourcesPointAtRegistersTheSyscallHas) {
  for (const SyscallInfo& s : all_syscalls()) {
    for (const ParamInfo& param : s.params) {
      if (param.source.kind != ParamSource::kArg) continue;
      ASSERT_LT(param.source.arg, 6) << s.name << "." << param.name;
      EXPECT_NE(s.args[param.source.arg], ArgRole::kUnused) << s.name << "." << param.name;
    }
  }
}

std::set<std::string> family_names(std::string_view type) {
  std::set<std::string> out;
  for (int nr : family_of(type)) out.emplace(syscall_by_nr(nr)->name);
  return out;
}

TEST(SyscallTable, Families) {
  EXPECT_EQ(family_names("open"),
            (std::set<std::string>{"open", "openat", "openat2", "creat", "open_by_handle_at"}));
  EXPECT_EQ(family_names("openat"), family_names("open"));
  EXPECT_EQ(family_names("execve"), (std::set<std::string>{"execve", "execveat"}));
  EXPECT_EQ(family_names("rmdir"), (std::set<std::string>{"rmdir", "unlinkat"}));
  EXPECT_EQ(family_names("unlinkat"), (std::set<std::string>{"unlink", "unlinkat", "rmdir"}));
  EXPECT_EQ(family_names("chmod"),
            (std::set<std::string>{"chmod", "fchmod", "fchmodat", "fchmodat2"}));
  EXPECT_EQ(family_names("connect"), (std::set<std::string>{"connect"}));
  EXPECT_EQ(family_names("setuid"), (std::set<std::string>{"setuid", "setreuid", "setresuid"}));
  EXPECT_TRUE(family_of("container").empty());
  EXPECT_TRUE(family_of("nosuchcall").empty());
}

}  // namespace
}  // namespace lanner::event
