#include "supervisor/proc_parse.h"

#include <gtest/gtest.h>

namespace lanner::supervisor {
namespace {

TEST(ProcParse, StatWithParenthesesInComm) {
  auto stat = parse_proc_stat(
      "42 (a) b (c)) S 7 42 40 34817 42 4194560 0 0 0 0 0 0 0 0 20 0 1 0 98765 0 0");
  ASSERT_TRUE(stat.has_value());
  EXPECT_EQ(stat->comm, "a) b (c)");
  EXPECT_EQ(stat->ppid, 7);
  EXPECT_EQ(stat->pgid, 42);
  EXPECT_EQ(stat->sid, 40);
  EXPECT_EQ(stat->tty, 34817u);
  EXPECT_EQ(stat->start_ticks, 98765u);
}

TEST(ProcParse, StatRejectsGarbage) {
  EXPECT_FALSE(parse_proc_stat("").has_value());
  EXPECT_FALSE(parse_proc_stat("12 (x").has_value());
  EXPECT_FALSE(parse_proc_stat("12 (x) S").has_value());
}

TEST(ProcParse, Status) {
  auto status = parse_proc_status(
      "Name:\tsh\nTgid:\t300\nPid:\t301\nUid:\t1000\t0\t0\t0\nGid:\t100\t5\t5\t5\n"
      "CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t0000000000000400\n"
      "NSpid:\t301\t7\nNSpgid:\t300\t1\n");
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->tgid, 300);
  EXPECT_EQ(status->euid, 0u);
  EXPECT_EQ(status->egid, 5u);
  EXPECT_EQ(status->cap_permitted, 0x1ffffffffffu);
  EXPECT_EQ(status->cap_effective, 0x400u);
  EXPECT_EQ(status->vpid, 7);
  EXPECT_EQ(status->vpgid, 1);
  EXPECT_FALSE(parse_proc_status("Name:\tx\n").has_value());
}

TEST(ProcParse, Cmdline) {
  auto argv = split_cmdline(std::string_view("sh\0-c\0\0echo\0", 12));
  ASSERT_EQ(argv.size(), 4u);
  EXPECT_EQ(argv[2], "");
  EXPECT_EQ(argv[3], "echo");
  EXPECT_TRUE(split_cmdline("").empty());
}

TEST(ProcParse, IdNames) {
  const char* passwd = "root:x:0:0:root:/root:/bin/bash\nbroken\nalice:x:1000:1000::/home/alice:/bin/sh\n";
  EXPECT_EQ(lookup_id_name(passwd, 0), "root");
  EXPECT_EQ(lookup_id_name(passwd, 1000), "alice");
  EXPECT_EQ(lookup_id_name(passwd, 10), "");
  EXPECT_EQ(lookup_id_name("grp:x:10", 10), "grp");
}

TEST(ProcParse, ContainerId) {
  EXPECT_EQ(container_id_from_cgroup("0::/user.slice\n"), "host");
  std::string id(64, 'a');
  EXPECT_EQ(container_id_from_cgroup("0::/system.slice/docker-" + id + ".scope\n"), "aaaaaaaaaaaa");
}

}  // namespace
}  // namespace lanner::supervisor
