// EventFieldSource::extract_view memoizes per event: repeated requests return the same values
// without re-extracting, and reset() to another event invalidates everything.
#include <gtest/gtest.h>

#include <memory>

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

// reset() prepares what the extractors read (the event, the text arena...) for the whole
// event: a copy or a moved-to source must compose texts in its own arena, also once the
// source it came from is gone, and before its own next reset().
TEST(FieldMemo, CopiedAndMovedSourcesExtractWithTheirOwnState) {
  SyscallEvent ev = exec_of("curl", {"-s", "x"});
  lang::FieldValues values;
  auto original = std::make_unique<EventFieldSource>();
  original->reset(ev);
  EventFieldSource copy(*original);
  EventFieldSource assigned;
  assigned = *original;
  EventFieldSource moved(std::move(*original));
  original.reset();
  for (EventFieldSource* source : {&copy, &assigned, &moved}) {
    ASSERT_TRUE(source->extract(field("proc.cmdline"), values));
    EXPECT_EQ(std::string(values.front().str), "curl -s x");
    ASSERT_TRUE(source->extract(field("proc.pname"), values));
    EXPECT_EQ(std::string(values.front().str), "bash");
  }
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

SyscallEvent open_with_flags(uint64_t flags, uint64_t mode) {
  SyscallEvent ev = make_event("openat");
  ev.raw = {int_arg(-100), 0, flags, mode, 0, 0};
  set_arg_data(ev, 1, "/tmp/x", "/tmp/x");
  return ev;
}

// Flag texts are kept across events (FlagTextCache): a source that has rendered other values
// before must give exactly what a fresh source gives, and each event's own values.
TEST(FieldMemo, FlagTextsKeptAcrossEventsMatchFreshRendering) {
  const std::vector<std::pair<uint64_t, uint64_t>> sequence = {
      {0x80000, 0}, {0x241, 0644}, {0x80000, 0}, {0x2, 0600}, {0x241, 0644}, {0x80000, 0}};
  EventFieldSource reused;
  for (const auto& [flags, mode] : sequence) {
    SyscallEvent ev = open_with_flags(flags, mode);
    EventFieldSource fresh;
    fresh.reset(ev);
    reused.reset(ev);
    for (const char* name : {"evt.arg.flags", "evt.arg.mode", "evt.arg.dirfd"}) {
      lang::FieldValues a, b;
      ASSERT_TRUE(fresh.extract(field(name), a)) << name;
      ASSERT_TRUE(reused.extract(field(name), b)) << name;
      EXPECT_EQ(first_text(&b), first_text(&a)) << name << " flags=" << flags;
    }
  }
  SyscallEvent read_only = open_with_flags(0x80000, 0);
  reused.reset(read_only);
  lang::FieldValues values;
  ASSERT_TRUE(reused.extract(field("evt.arg.flags"), values));
  EXPECT_EQ(first_text(&values), "O_RDONLY|O_CLOEXEC");
}

}  // namespace
}  // namespace lanner::event
