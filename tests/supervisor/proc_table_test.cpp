#include "supervisor/proc_table.h"

#include <gtest/gtest.h>

#include "supervisor/supervisor_fakes.h"

namespace lanner::supervisor {
namespace {

using testing::FakeProcFs;

TEST(ProcTable, BuildsAncestorsAndSkipsLanner) {
  FakeProcFs fs;
  fs.add_process(30, 20, "python3", std::string("python3\0app.py\0", 15), "/srv");
  fs.add_process(20, 10, "lanner", std::string("lanner\0run\0", 11), "/srv");  // lanner itself
  fs.add_process(10, 1, "bash", std::string("bash\0", 5), "/root", 0);
  ProcTable table(fs, /*self_pid=*/20);
  auto info = table.get(30);
  EXPECT_EQ(info->comm, "python3");
  EXPECT_EQ(info->exe, "python3");
  ASSERT_EQ(info->args.size(), 1u);
  EXPECT_EQ(info->cwd, "/srv");
  EXPECT_EQ(info->exepath, "/usr/bin/python3");
  EXPECT_EQ(info->cap_effective, 0xffu);
  EXPECT_EQ(info->group_name, "users");
  ASSERT_NE(info->parent, nullptr);
  EXPECT_EQ(info->parent->comm, "bash");
  EXPECT_EQ(info->parent->user_name, "root");
  EXPECT_EQ(table.get(30), info);  // cached
  table.invalidate(30);
  EXPECT_NE(table.get(30), info);
}

TEST(ProcTable, UnknownPidGivesAMinimalEntry) {
  FakeProcFs fs;
  ProcTable table(fs, 1);
  auto info = table.get(4242);
  EXPECT_EQ(info->pid, 4242);
  EXPECT_EQ(info->parent, nullptr);
  EXPECT_EQ(table.tgid_of(4243), 4243);
}

TEST(ProcTable, AncestorLoopIsBounded) {
  FakeProcFs fs;
  fs.add_process(5, 6, "a", "a", "/");
  fs.add_process(6, 5, "b", "b", "/");  // corrupt: a cycle
  ProcTable table(fs, 1);
  auto info = table.get(5);
  int depth = 0;
  for (auto p = info; p != nullptr && depth < 1000; p = p->parent) ++depth;
  EXPECT_LT(depth, 100);
}

TEST(ProcTable, CommFromPath) {
  EXPECT_EQ(comm_from_path("/usr/bin/a-very-long-program-name"), "a-very-long-pro");
  EXPECT_EQ(comm_from_path("true"), "true");
}

}  // namespace
}  // namespace lanner::supervisor
