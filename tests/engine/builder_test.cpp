#include <gtest/gtest.h>

#include "engine/ruleset_builder.h"
#include "fakes/fake_field_catalog.h"
#include "test_documents.h"

namespace lanner::engine {
namespace {

using namespace engine::testing;  // NOLINT(google-build-using-namespace): test helpers
using lanner::testing::FakeFieldCatalog;

struct Built {
  std::unique_ptr<RuleSet> ruleset;
  Diagnostics diags;
};

Built build(const rules::RuleDocument& doc, const FakeFieldCatalog& catalog = FakeFieldCatalog()) {
  Built b;
  b.ruleset = build_ruleset(doc, catalog, b.diags);
  return b;
}

std::vector<std::string> rendered(const Diagnostics& d, Severity severity) {
  std::vector<std::string> out;
  for (const auto& item : d.items()) {
    if (item.severity == severity) out.push_back(render_text(item));
  }
  return out;
}

TEST(Builder, GoldenExpandedConditions) {
  rules::RuleDocument doc;
  // List substitution happened in the rules stage; the engine sees its result.
  add_macro(doc, "spawned_process", "evt.type in (execve, execveat) and evt.dir=<");
  add_macro(doc, "shell_procs", "proc.name in (ash, bash, csh, ksh, sh, tcsh, zsh, dash)");
  add_macro(doc, "never_true", "(evt.num=0)");
  add_rule(doc, "legit_rule", "evt.type=open and proc.name=cat");
  add_rule(doc, "shell", "spawned_process and shell_procs and not proc.pname in (sshd) and not never_true");
  add_rule(doc, "quoted", "evt.type = execve and proc.cmdline = 'sh -c \"uname -p 2> /dev/null\"'");
  Built b = build(doc);
  ASSERT_FALSE(b.diags.has_errors()) << render_text(b.diags);
  EXPECT_EQ(b.ruleset->find("legit_rule")->condition, "(evt.type = open and proc.name = cat)");
  EXPECT_EQ(b.ruleset->find("shell")->condition,
            "((evt.type in (execve, execveat) and evt.dir = <) and proc.name in (ash, bash, csh, ksh, sh, "
            "tcsh, zsh, dash) and not proc.pname in (sshd) and not evt.num = 0)");
  EXPECT_EQ(b.ruleset->find("shell")->event_types.to_string(), "{execve, execveat}");
  EXPECT_EQ(b.ruleset->find("quoted")->condition,
            "(evt.type = execve and proc.cmdline = \"sh -c \\\"uname -p 2> /dev/null\\\"\")");
}

TEST(Builder, ExactErrorTexts) {
  rules::RuleDocument doc;
  add_rule(doc, "typo", "evt.type = open and proc.nme = cat");
  add_rule(doc, "bad event", "evt.type = opne");
  add_rule(doc, "syntax", "evt.type = open and (proc.name = cat");
  add_rule(doc, "macro", "evt.type = open and no_such_macro");
  add_rule(doc, "type", "evt.type = open and fd.num = abc");
  // Without file contents the snippet is the condition text itself (column relative to it).
  doc.rules[0].condition.span.line = 7;
  doc.rules[0].condition.span.column = 14;
  Built b = build(doc);
  EXPECT_EQ(rendered(b.diags, Severity::kError),
            (std::vector<std::string>{
                "test.yaml:7:21: error: rule 'typo': nonexistent field 'proc.nme' (did you mean "
                "'proc.name'?) [LOAD_ERR_COMPILE_CONDITION]\n"
                "  evt.type = open and proc.nme = cat\n"
                "                      ^^^^^^^^\n",
                "test.yaml: error: rule 'bad event': unknown event type opne [LOAD_ERR_COMPILE_CONDITION]\n",
                "test.yaml: error: rule 'syntax': expected a ')' token [LOAD_ERR_COMPILE_CONDITION]\n",
                "test.yaml: error: rule 'macro': Undefined macro 'no_such_macro' used in filter "
                "[LOAD_ERR_COMPILE_CONDITION]\n",
                "test.yaml: error: rule 'type': 'abc' is not a valid number for field 'fd.num' of type INT64 "
                "[LOAD_ERR_COMPILE_CONDITION]\n",
            }));
  EXPECT_EQ(b.ruleset->rules().size(), 0u);
}

TEST(Builder, SkipIfUnknownFilterDropsTheRuleWithAWarning) {
  FakeFieldCatalog catalog;
  catalog.remove("container.image.repository");
  rules::RuleDocument doc;
  add_rule(doc, "needs plugin", "evt.type = open and container.image.repository = nginx")
      .skip_if_unknown_filter = true;
  add_rule(doc, "unknown type", "evt.type = future_call").skip_if_unknown_filter = true;
  add_rule(doc, "bad output", "evt.type = open").skip_if_unknown_filter = true;
  doc.rules.back().output = "x %container.nosuch";
  add_rule(doc, "other errors stay errors", "evt.type = open and fd.num = x").skip_if_unknown_filter = true;
  add_rule(doc, "kept", "evt.type = open");
  Built b = build(doc, catalog);
  ASSERT_EQ(b.diags.error_count(), 1u) << render_text(b.diags);
  size_t unknown = 0;
  for (const auto& d : b.diags.items()) unknown += d.code == "LOAD_UNKNOWN_FILTER";
  EXPECT_EQ(unknown, 3u);
  ASSERT_EQ(b.ruleset->rules().size(), 1u);
  EXPECT_EQ(b.ruleset->rules()[0].name, "kept");
}

TEST(Builder, MacroErrorsVisibilityAndUnusedWarnings) {
  rules::RuleDocument doc;
  add_macro(doc, "early", "later_macro");  // forward reference: undefined for a macro
  add_macro(doc, "later_macro", "proc.name = x");
  add_macro(doc, "unused", "proc.name = y");
  add_macro(doc, "broken", "proc.name = ");
  add_rule(doc, "uses later", "evt.type = open and later_macro");  // rules see every macro
  rules::ListItem list;
  list.name = "lonely_list";
  doc.lists.push_back(list);
  Built b = build(doc);
  std::vector<std::string> codes;
  for (const auto& d : b.diags.items()) codes.push_back(d.item + " " + d.code + ": " + d.message);
  EXPECT_EQ(codes, (std::vector<std::string>{
                       "macro 'broken' LOAD_ERR_COMPILE_CONDITION: expected a string value or a field with a "
                       "valid transformer: 'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', "
                       "'concat', 'getopt'",
                       "macro 'early' LOAD_ERR_COMPILE_CONDITION: Undefined macro 'later_macro' used in filter",
                       "macro 'early' LOAD_UNUSED_MACRO: Macro not referred to by any other rule/macro",
                       "macro 'unused' LOAD_UNUSED_MACRO: Macro not referred to by any other rule/macro",
                       "macro 'broken' LOAD_UNUSED_MACRO: Macro not referred to by any other rule/macro",
                       "list 'lonely_list' LOAD_UNUSED_LIST: List not referred to by any other rule/macro",
                   }));
  EXPECT_EQ(b.ruleset->rules().size(), 1u);
}

TEST(Builder, DisabledRulesAreStillCompiled) {
  rules::RuleDocument doc;
  add_rule(doc, "off but broken", "evt.type = open and proc.nope = 1").enabled = false;
  Built b = build(doc);
  EXPECT_EQ(b.diags.error_count(), 1u);
}

TEST(Builder, WarnEvttypesFalseSilencesNoEvttype) {
  rules::RuleDocument doc;
  add_rule(doc, "broad", "proc.name = x").warn_evttypes = false;
  add_rule(doc, "broad2", "proc.name = y");
  Built b = build(doc);
  ASSERT_EQ(b.diags.items().size(), 1u);
  EXPECT_EQ(b.diags.items()[0].code, "LOAD_NO_EVTTYPE");
  EXPECT_EQ(b.diags.items()[0].item, "rule 'broad2'");
}

}  // namespace
}  // namespace lanner::engine
