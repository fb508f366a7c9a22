// EventFieldSource::extract_view memoizes per event: repeated requests return the same values
// without re-extracting, and reset() to another event invalidates everything.
#include <gtest/gtest.h>

#include "event/field_registry.h"
#include "event_builders.h"

namespace lanner::event {
namespace {

using namespace lanner::event::testing;

lang::FieldRef field(std::string_view name, int64_t index = -1) {
  auto ref = field_catalog().resolve(name);
  EXPECT_TRUE(ref) << name;
  ref->index = index;
  return *ref;
}

std::string first_text(const lang::FieldValues* values) {
  return values && !values->empty() ? std::string(values->front().str) : "<missing>";
}

SyscallEvent exec_of(const char* comm, std::vector<std::string> args) {
  SyscallEvent ev = make_event("execve");
  auto parent = make_process(10, "bash", "/bin/bash", {"-l"});
  auto proc = make_process(100, comm, comm, std::move(args));
  proc->parent = parent;
  ev.process = proc;
  return ev;
}

TEST(FieldMemo, SameValuesAsExtractAndStableWithinEvent) {
  SyscallEvent ev = exec_of("curl", {"-s", "x"});
  EventFieldSource source;
  source.reset(ev);
  lang::FieldValues scratch, direct;
  const lang::FieldValues* first = source.extract_view(field("proc.cmdline"), scratch);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first_text(first), "curl -s x");
  ASSERT_TRUE(source.extract(field("proc.cmdline"), direct));
  EXPECT_EQ(std::string(direct.front().str), "curl -s x");
  // A second request (another rule's check) gets the very same memoized values.
  EXPECT_EQ(source.extract_view(field("proc.cmdline"), scratch), first);
  EXPECT_EQ(first_text(first), "curl -s x");
}

TEST(FieldMemo, ResetInvalidates) {
  SyscallEvent a = exec_of("curl", {"-s"});
  SyscallEvent b = exec_of("wget", {"-q", "y"});
  EventFieldSource source;
  lang::FieldValues scratch;
  source.reset(a);
  EXPECT_EQ(first_text(source.extract_view(field("proc.cmdline"), scratch)), "curl -s");
  EXPECT_EQ(first_text(source.extract_view(field("proc.name"), scratch)), "curl");
  source.reset(b);
  EXPECT_EQ(first_text(source.extract_view(field("proc.cmdline"), scratch)), "wget -q y");
  EXPECT_EQ(first_text(source.extract_view(field("proc.name"), scratch)), "wget");
}

TEST(FieldMemo, ArgumentsAreSeparateEntries) {
  SyscallEvent ev = exec_of("curl", {"-s", "x"});
  EventFieldSource source;
  source.reset(ev);
  lang::FieldValues scratch;
  EXPECT_EQ(first_text(source.extract_view(field("proc.aname", 0), scratch)), "curl");
  EXPECT_EQ(first_text(source.extract_view(field("proc.aname", 1), scratch)), "bash");
  const lang::FieldValues* any = source.extract_view(field("proc.aname"), scratch);
  ASSERT_NE(any, nullptr);
  EXPECT_EQ(any->size(), 1u);  // every ancestor from the parent up: bash only
  EXPECT_EQ(first_text(source.extract_view(field("proc.aname", 0), scratch)), "curl");
}

TEST(FieldMemo, MissingValuesStayMissing) {
  SyscallEvent ev = exec_of("curl", {});
  EventFieldSource source;
  source.reset(ev);
  lang::FieldValues scratch;
  EXPECT_EQ(source.extract_view(field("evt.res"), scratch), nullptr);  // result unknown
  EXPECT_EQ(source.extract_view(field("evt.res"), scratch), nullptr);
  ev.result = 0;
  source.reset(ev);  // same event object, now with a result: recomputed
  EXPECT_NE(source.extract_view(field("evt.res"), scratch), nullptr);
}

}  // namespace
}  // namespace lanner::event
