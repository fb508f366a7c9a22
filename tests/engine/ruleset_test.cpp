#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/ruleset_builder.h"
#include "fakes/fake_field_catalog.h"
#include "test_documents.h"

namespace lanner::engine {
namespace {

using namespace engine::testing;  // NOLINT(google-build-using-namespace): test helpers
using lanner::testing::FakeFieldCatalog;
using lanner::testing::FakeFieldSource;

std::vector<std::string> names(std::span<const CompiledRule* const> rules) {
  std::vector<std::string> out;
  for (const auto* r : rules) out.push_back(r->name);
  return out;
}

class RuleSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add_macro(doc_, "open_read", "evt.type in (open, openat) and fd.num >= 0");
    add_rule(doc_, "read etc", "open_read and fd.name startswith /etc");
    add_rule(doc_, "shell", "evt.type = execve and proc.name in (sh, bash)", rules::Priority::kNotice);
    add_rule(doc_, "any bash", "proc.name = bash and not evt.type = close", rules::Priority::kDebug);
    add_rule(doc_, "disabled one", "evt.type = openat and proc.name = cat").enabled = false;
    doc_.rules.back().tags = {"t1"};
    ruleset_ = build_ruleset(doc_, catalog_, diags_);
  }

  rules::RuleDocument doc_;
  FakeFieldCatalog catalog_;
  Diagnostics diags_;
  std::unique_ptr<RuleSet> ruleset_;
};

TEST_F(RuleSetTest, BucketsFollowEventTypesAndIndexOrder) {
  ASSERT_FALSE(diags_.has_errors()) << render_text(diags_);
  ASSERT_EQ(ruleset_->rules().size(), 4u);  // disabled rules are compiled too
  EXPECT_EQ(names(ruleset_->rules_for("open")), (std::vector<std::string>{"read etc", "any bash"}));
  EXPECT_EQ(names(ruleset_->rules_for("openat")), (std::vector<std::string>{"read etc", "any bash"}));
  EXPECT_EQ(names(ruleset_->rules_for("execve")), (std::vector<std::string>{"shell", "any bash"}));
  EXPECT_EQ(names(ruleset_->rules_for("close")), std::vector<std::string>{});
  EXPECT_EQ(names(ruleset_->rules_for("mkdir")), std::vector<std::string>{"any bash"});
  EXPECT_EQ(ruleset_->event_types().to_string(), "all except {close}");
  // "any bash" has no positive evt.type restriction.
  size_t no_evttype = 0;
  for (const auto& d : diags_.items()) no_evttype += d.code == "LOAD_NO_EVTTYPE";
  EXPECT_EQ(no_evttype, 1u);
}

std::vector<std::string> names(std::span<const RuleForType> plan) {
  std::vector<std::string> out;
  for (const auto& r : plan) out.push_back(r.rule->name);
  return out;
}

TEST(RuleSetPlan, EvtTypeChecksAreFoldedPerBucketAndFalseRulesLeaveThePlan) {
  rules::RuleDocument doc;
  add_rule(doc, "open or exec", "(evt.type = open and fd.name startswith /etc) or (evt.type = execve and proc.name = sh)");
  // The bucketing cannot tell that `startswith` excludes execve; folding can.
  add_rule(doc, "not execve", "evt.type in (open, execve) and evt.type startswith open and proc.name = cat");
  FakeFieldCatalog catalog;
  Diagnostics diags;
  auto ruleset = build_ruleset(doc, catalog, diags);
  ASSERT_TRUE(ruleset) << render_text(diags);
  ASSERT_EQ(ruleset->rules().size(), 2u) << render_text(diags);
  EXPECT_EQ(names(ruleset->rules_for("execve")), (std::vector<std::string>{"open or exec", "not execve"}));
  EXPECT_EQ(names(ruleset->plan_for("execve")), std::vector<std::string>{"open or exec"});
  EXPECT_EQ(names(ruleset->plan_for("open")), (std::vector<std::string>{"open or exec", "not execve"}));
  // The execve plan of "open or exec" reads proc.name only: evt.type and fd.name are gone.
  FakeFieldSource source;
  source.set("proc.name", "sh").set("fd.name", "/etc/passwd");
  lang::EvalScratch scratch;
  ruleset->rules().front().predicate->prepare(scratch);
  EXPECT_TRUE(ruleset->plan_for("execve").front().condition->eval(source, scratch));
  EXPECT_EQ(source.extract_calls(), 1u);
  Engine engine(*ruleset, RuleMatching::kAll);
  std::vector<const CompiledRule*> matches;
  source.set("proc.name", "cat");
  EXPECT_TRUE(engine.evaluate("open", source, matches));
  EXPECT_EQ(matches.size(), 2u);  // fd.name startswith /etc, and proc.name = cat
}

TEST_F(RuleSetTest, EnableDisableByNameTagAndPriority) {
  EXPECT_EQ(ruleset_->set_enabled_by_tag("t1", true), 1u);
  EXPECT_EQ(names(ruleset_->rules_for("openat")),
            (std::vector<std::string>{"read etc", "any bash", "disabled one"}));
  EXPECT_EQ(ruleset_->set_enabled("read*", false), 1u);
  EXPECT_EQ(names(ruleset_->rules_for("openat")), (std::vector<std::string>{"any bash", "disabled one"}));
  ruleset_->set_min_priority(rules::Priority::kNotice);  // drops Debug
  EXPECT_EQ(names(ruleset_->rules_for("openat")), (std::vector<std::string>{"disabled one"}));
  EXPECT_EQ(names(ruleset_->rules_for("execve")), (std::vector<std::string>{"shell"}));
  EXPECT_EQ(ruleset_->active_count(), 2u);
  EXPECT_EQ(ruleset_->event_types().to_string(), "{execve, openat}");
}

TEST_F(RuleSetTest, EngineFirstAndAllMatching) {
  FakeFieldSource event;
  event.set("evt.type", "open").set("proc.name", "bash").set_num("fd.num", 3).set("fd.name", "/etc/passwd");
  std::vector<const CompiledRule*> matches;
  Engine first(*ruleset_);
  EXPECT_TRUE(first.evaluate("open", event, matches));
  EXPECT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0]->name, "read etc");
  Engine all(*ruleset_, RuleMatching::kAll);
  EXPECT_TRUE(all.evaluate("open", event, matches));
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[1]->name, "any bash");
  EXPECT_FALSE(all.evaluate("close", event, matches));
  EXPECT_TRUE(matches.empty());
  event.set("proc.name", "cat").set("evt.type", "openat");
  EXPECT_TRUE(all.evaluate("openat", event, matches));
  EXPECT_EQ(matches.size(), 1u);  // "disabled one" is disabled
}

TEST_F(RuleSetTest, CanonicalExpandedConditionIsKept) {
  EXPECT_EQ(ruleset_->find("read etc")->condition,
            "((evt.type in (open, openat) and fd.num >= 0) and fd.name startswith /etc)");
}

}  // namespace
}  // namespace lanner::engine
