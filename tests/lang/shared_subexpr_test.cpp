// SharedSubexpressions: sub-conditions common to several predicates are evaluated once per
// event (per EvalScratch::event_generation) and give the same results as unshared evaluation.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "fakes/fake_field_catalog.h"
#include "lang/compiler.h"
#include "lang/parser.h"

namespace lanner::lang {
namespace {

using testing::FakeFieldCatalog;
using testing::FakeFieldSource;

std::unique_ptr<Predicate> compile(const std::string& text, const FieldCatalog& catalog,
                                   SharedSubexpressions* shared) {
  ParseResult parsed = parse_condition(text);
  EXPECT_TRUE(parsed.ok()) << text;
  if (!parsed.ok()) return nullptr;
  CompileResult r = compile_condition(*parsed.ast, catalog, shared);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.error ? r.error->message : "");
  return std::move(r.predicate);
}

const std::vector<std::string> kConditions = {
    "proc.name = bash and fd.name startswith /etc",
    "proc.name = bash and fd.name startswith /etc and not proc.pname in (sshd, sudo)",
    "(proc.name = bash and fd.name startswith /etc) or proc.pname = cron",
    "not (proc.name = bash and fd.name startswith /etc)",
    "proc.pname in (sshd, sudo) or fd.name contains shadow",
    "not proc.pname in (sshd, sudo) and fd.name exists",
    "fd.num >= 0 and (fd.name endswith passwd or fd.name endswith shadow)",
    "fd.num < 0 or not fd.name exists",
};

struct State {
  const char* name;
  const char* pname;
  const char* fd_name;  // nullptr = missing
  int64_t fd_num;
};
const State kStates[] = {
    {"bash", "sshd", "/etc/shadow", 3},  {"bash", "cron", "/tmp/x", -1},
    {"cat", "sudo", "/etc/passwd", 4},   {"bash", "make", nullptr, 0},
    {"bash", "bash", "/etc/ld.so.cache", 5},
};

void apply(const State& s, FakeFieldSource& source) {
  source.set("proc.name", s.name).set("proc.pname", s.pname).set_num("fd.num", s.fd_num);
  if (s.fd_name) {
    source.set("fd.name", s.fd_name);
  } else {
    source.unset("fd.name");
  }
}

TEST(SharedSubexpressions, SameResultsAsUnsharedOnATableOfConditions) {
  FakeFieldCatalog catalog;
  SharedSubexpressions shared;
  std::vector<std::unique_ptr<Predicate>> plain, sharing;
  for (const auto& c : kConditions) {
    plain.push_back(compile(c, catalog, nullptr));
    sharing.push_back(compile(c, catalog, &shared));
  }
  EXPECT_LT(shared.size(), 40u);  // common pieces were interned once
  FakeFieldSource source;
  EvalScratch plain_scratch, shared_scratch;
  uint64_t generation = 0;
  for (const State& s : kStates) {
    apply(s, source);
    shared_scratch.event_generation = ++generation;
    for (size_t i = 0; i < kConditions.size(); ++i) {
      EXPECT_EQ(plain[i]->matches(source, plain_scratch), sharing[i]->matches(source, shared_scratch))
          << kConditions[i] << " with proc.name=" << s.name << " fd.name=" << (s.fd_name ? s.fd_name : "-");
    }
  }
}

TEST(SharedSubexpressions, CommonPartIsEvaluatedOncePerEvent) {
  FakeFieldCatalog catalog;
  SharedSubexpressions shared;
  auto first = compile("proc.name = bash and fd.name startswith /etc", catalog, &shared);
  auto second = compile("proc.name = bash and fd.name startswith /etc", catalog, &shared);
  FakeFieldSource source;
  source.set("proc.name", "bash").set("fd.name", "/etc/shadow");
  EvalScratch scratch;
  scratch.event_generation = 1;
  EXPECT_TRUE(first->matches(source, scratch));
  size_t calls = source.extract_calls();
  EXPECT_TRUE(second->matches(source, scratch));
  EXPECT_EQ(source.extract_calls(), calls);  // reused, no extraction
}

TEST(SharedSubexpressions, NewGenerationRecomputesAndZeroDisablesSharing) {
  FakeFieldCatalog catalog;
  SharedSubexpressions shared;
  auto p = compile("proc.name = bash and fd.name startswith /etc", catalog, &shared);
  FakeFieldSource source;
  source.set("proc.name", "bash").set("fd.name", "/etc/shadow");
  EvalScratch scratch;
  scratch.event_generation = 7;
  EXPECT_TRUE(p->matches(source, scratch));
  source.set("proc.name", "cat");
  EXPECT_TRUE(p->matches(source, scratch));  // same generation: the event's stored result
  scratch.event_generation = 8;
  EXPECT_FALSE(p->matches(source, scratch));
  source.set("proc.name", "bash");
  scratch.event_generation = 0;  // sharing off: always evaluated
  EXPECT_TRUE(p->matches(source, scratch));
  source.set("proc.name", "cat");
  EXPECT_FALSE(p->matches(source, scratch));
}

TEST(SharedSubexpressions, FieldReadByDifferentChecksIsExtractedOncePerEvent) {
  FakeFieldCatalog catalog;
  SharedSubexpressions shared;
  auto first = compile("fd.name startswith /etc", catalog, &shared);
  auto second = compile("fd.name endswith shadow and not fd.name contains ssh", catalog, &shared);
  EXPECT_EQ(shared.field_count(), 1u);
  FakeFieldSource source;
  source.set("fd.name", "/etc/shadow");
  EvalScratch scratch;
  scratch.event_generation = 1;
  EXPECT_TRUE(first->matches(source, scratch));
  EXPECT_TRUE(second->matches(source, scratch));
  EXPECT_EQ(source.extract_calls(), 1u);
  source.set("fd.name", "/tmp/x");  // a new event: extracted again
  scratch.event_generation = 2;
  EXPECT_FALSE(first->matches(source, scratch));
  EXPECT_FALSE(second->matches(source, scratch));
  EXPECT_EQ(source.extract_calls(), 2u);
}

// Evaluates what `p` folds to for `type`; `constant_out` (optional) tells whether it folded to
// a constant.
bool eval_folded(const Predicate& p, std::string_view type, FieldSource& source, bool* constant_out) {
  NodeArena arena;
  FoldResult f = p.for_event_type(type, arena);
  EvalScratch scratch;
  p.prepare(scratch);
  if (constant_out) *constant_out = f.kind != FoldResult::Kind::kNode;
  if (f.kind != FoldResult::Kind::kNode) return f.kind == FoldResult::Kind::kTrue;
  return f.node->eval(source, scratch);
}

const std::vector<std::string> kTypedConditions = {
    "evt.type = openat",
    "evt.type in (open, openat, openat2) and fd.name startswith /etc",
    "(evt.type = execve and proc.name = bash) or (evt.type = openat and fd.name startswith /etc)",
    "not evt.type in (execve, execveat) and proc.name = bash",
    "evt.type != openat or proc.name = bash",
    "evt.type startswith open and not (evt.type = connect or fd.name exists)",
    "(evt.type = openat and proc.name = bash) and (evt.type = openat or fd.name contains x)",
    "proc.name = bash and fd.name startswith /etc",
};

TEST(FoldEventType, FoldedConditionsMatchLikeTheOriginalForEventsOfThatType) {
  FakeFieldCatalog catalog;
  SharedSubexpressions shared;
  for (const std::string& text : kTypedConditions) {
    auto p = compile(text, catalog, &shared);
    ASSERT_TRUE(p);
    for (const char* type : {"openat", "execve", "connect", "open"}) {
      for (const State& s : kStates) {
        FakeFieldSource source;
        apply(s, source);
        source.set("evt.type", type);
        EvalScratch plain;
        EXPECT_EQ(eval_folded(*p, type, source, nullptr), p->matches(source, plain))
            << text << " for " << type << " with proc.name=" << s.name;
      }
    }
  }
}

TEST(FoldEventType, EventTypeChecksBecomeConstantsAndOtherSubtreesAreKept) {
  FakeFieldCatalog catalog;
  FakeFieldSource source;
  bool constant = false;
  auto only_type = compile("evt.type in (open, openat)", catalog, nullptr);
  EXPECT_TRUE(eval_folded(*only_type, "openat", source, &constant));
  EXPECT_TRUE(constant);
  EXPECT_FALSE(eval_folded(*only_type, "execve", source, &constant));
  EXPECT_TRUE(constant);
  // A false evt.type conjunct decides the `and` without evaluating the rest.
  auto guarded = compile("evt.type = execve and proc.name = bash", catalog, nullptr);
  source.set("proc.name", "bash");
  EXPECT_FALSE(eval_folded(*guarded, "openat", source, &constant));
  EXPECT_TRUE(constant);
  EXPECT_TRUE(eval_folded(*guarded, "execve", source, &constant));
  EXPECT_FALSE(constant);
  EXPECT_EQ(source.extract_calls(), 1u);  // proc.name only: evt.type was not extracted
  // Without evt.type checks the compiled tree itself is returned.
  auto untyped = compile("proc.name = bash and fd.name startswith /etc", catalog, nullptr);
  NodeArena arena;
  FoldResult f = untyped->for_event_type("openat", arena);
  EXPECT_EQ(f.kind, FoldResult::Kind::kNode);
  EXPECT_EQ(f.node, &untyped->root());
}

}  // namespace
}  // namespace lanner::lang
