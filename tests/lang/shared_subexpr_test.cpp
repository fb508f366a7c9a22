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

}  // namespace
}  // namespace lanner::lang
