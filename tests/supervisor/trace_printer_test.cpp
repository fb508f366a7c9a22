#include "supervisor/trace_printer.h"

#include <gtest/gtest.h>
#include <sys/syscall.h>

#include <cstdio>
#include <nlohmann/json.hpp>

namespace lanner::supervisor {
namespace {

event::SyscallEvent open_event(const std::string& path) {
  event::SyscallEvent ev;
  ev.num = 3;
  ev.syscall = event::syscall_by_nr(SYS_openat);
  ev.tid = 42;
  ev.raw = {static_cast<uint64_t>(-100), 0x1000, 0, 0, 0, 0};
  ev.data[1] = path;
  ev.data_ok[1] = true;
  ev.abs_path[1] = path;
  ev.has_fd = true;
  ev.fd.name = path;
  ev.fd.type = event::FdType::kFile;
  auto proc = std::make_shared<event::ProcessInfo>();
  proc->pid = 42;
  proc->comm = "cat";
  auto parent = std::make_shared<event::ProcessInfo>();
  parent->pid = 1;
  parent->comm = "init";
  proc->parent = parent;
  ev.process = proc;
  return ev;
}

std::vector<lang::FieldRef> fields(std::initializer_list<const char*> names) {
  std::vector<lang::FieldRef> out;
  for (const char* n : names) {
    auto ref = parse_field_ref(event::field_catalog(), n);
    EXPECT_TRUE(ref.has_value()) << n;
    if (ref) out.push_back(*ref);
  }
  return out;
}

TEST(TracePrinter, ChosenFieldsBecomeOneJsonObject) {
  TracePrinter printer(fields({"evt.num", "evt.type", "proc.name", "proc.aname[1]", "fd.name", "proc.tty"}), stderr);
  auto json = nlohmann::json::parse(printer.to_json(open_event("/etc/hostname")));
  EXPECT_EQ(json["evt.num"], 3);
  EXPECT_EQ(json["evt.type"], "openat");
  EXPECT_EQ(json["proc.name"], "cat");
  EXPECT_EQ(json["proc.aname[1]"], "init");
  EXPECT_EQ(json["fd.name"], "/etc/hostname");
}

TEST(TracePrinter, InvalidUtf8DoesNotThrow) {
  TracePrinter printer(fields({"fd.name"}), stderr);
  std::string line = printer.to_json(open_event("/tmp/\xff\xfe"));
  EXPECT_NE(line.find("/tmp/"), std::string::npos);
  EXPECT_TRUE(nlohmann::json::accept(line));
}

TEST(TracePrinter, DefaultFieldsAreSuppliedOnesWithoutRequiredArguments) {
  auto all = default_trace_fields(event::field_catalog());
  EXPECT_GT(all.size(), 50u);
  for (const auto& ref : all) {
    EXPECT_NE(ref.info->flags & lang::kFieldSupplied, 0u) << ref.info->name;
  }
}

TEST(TracePrinter, UnknownFieldIsRejected) {
  EXPECT_FALSE(parse_field_ref(event::field_catalog(), "proc.nope").has_value());
  auto ref = parse_field_ref(event::field_catalog(), "proc.aname[2]");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->index, 2);
}

TEST(TracePrinter, EventsAreWrittenAsLines) {
  std::FILE* tmp = std::tmpfile();
  ASSERT_NE(tmp, nullptr);
  {
    TracePrinter printer(fields({"evt.type", "fd.name"}), tmp);
    for (int i = 0; i < 100; ++i) {
    auto event = open_event("/f" + std::to_string(i));
    printer.on_event(event);
  }
    printer.finish();
  }
  std::rewind(tmp);
  char buf[256];
  int lines = 0;
  while (std::fgets(buf, sizeof buf, tmp) != nullptr) ++lines;
  std::fclose(tmp);
  EXPECT_EQ(lines, 100);
}

}  // namespace
}  // namespace lanner::supervisor
