#include "output/rule_output.h"

#include <gtest/gtest.h>

#include "output/fake_fields.h"

namespace lanner::output {
namespace {

using testing::FakeCatalog;
using testing::FakeSource;

rules::RuleItem make_rule(std::string output) {
  rules::RuleItem r;
  r.name = "Read sensitive file";
  r.output = std::move(output);
  r.priority = rules::Priority::kWarning;
  r.tags = {"filesystem", "mitre_credential_access"};
  r.output_span = SourceSpan{"rules.yaml", 12, 11};
  return r;
}

TEST(RuleOutputTest, DefaultAppendsSuggestedFieldsTheCatalogKnows) {
  FakeCatalog catalog;
  EXPECT_EQ(suggested_output_suffix(catalog),
            " container_id=%container.id container_name=%container.name");
  Diagnostics diags;
  config::Config config;  // default append_output: [{suggested_output: true}]
  auto out = RuleOutput::compile(make_rule("file=%fd.name"), config.append_output, catalog, diags);
  ASSERT_TRUE(out) << render_text(diags);
  EXPECT_EQ(out->message().text(), "file=%fd.name container_id=%container.id container_name=%container.name");
}

TEST(RuleOutputTest, AppendOutputMatchesBySourceRuleAndTags) {
  rules::RuleItem rule = make_rule("x");
  config::AppendOutput a;
  EXPECT_TRUE(append_output_applies(a, rule));
  a.match_source = "syscall";
  a.match_tags = {"filesystem"};
  EXPECT_TRUE(append_output_applies(a, rule));
  a.match_tags = {"filesystem", "network"};
  EXPECT_FALSE(append_output_applies(a, rule));
  a.match_tags.clear();
  a.match_rule = "Other rule";
  EXPECT_FALSE(append_output_applies(a, rule));
  a.match_rule = "Read sensitive file";
  a.match_source = "k8s_audit";
  EXPECT_FALSE(append_output_applies(a, rule));
}

TEST(RuleOutputTest, MakeAlertRendersMessageFieldsExtraFieldsAndTime) {
  FakeCatalog catalog;
  FakeSource source;
  source.set("fd.name", "/etc/shadow");
  source.set("proc.name", "cat");
  source.set_num("proc.pid", 7, lang::FieldType::kSigned);
  config::AppendOutput extra;
  extra.extra_output = "pid=%proc.pid";
  extra.extra_fields = {{"proc.name", ""}, {"where", "in %fd.name"}};
  Diagnostics diags;
  auto out = RuleOutput::compile(make_rule("file=%fd.name"), {extra}, catalog, diags);
  ASSERT_TRUE(out) << render_text(diags);
  Alert a = out->make_alert(source, 1000000000123ull, "host", false);
  EXPECT_EQ(a.output, "file=/etc/shadow pid=7");
  EXPECT_EQ(a.rule, "Read sensitive file");
  EXPECT_EQ(a.priority, rules::Priority::kWarning);
  EXPECT_EQ(a.hostname, "host");
  EXPECT_EQ(a.tags.size(), 2u);
  EXPECT_EQ(a.output_fields.dump(),
            R"({"evt.time":1000000000123,"fd.name":"/etc/shadow","proc.name":"cat","proc.pid":7,"where":"in /etc/shadow"})");
  Alert iso = out->make_alert(source, 5, "host", true);
  EXPECT_EQ(iso.output_fields["evt.time.iso8601"], 5);
}

TEST(RuleOutputTest, ErrorsCarryTheOutputSpan) {
  FakeCatalog catalog;
  Diagnostics diags;
  EXPECT_FALSE(RuleOutput::compile(make_rule("bad %nope.field"), {}, catalog, diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(render_text(diags),
            "rules.yaml:12:11: error: unknown filter: 'nope.field' at offset 4 is not a field "
            "[LOAD_ERR_COMPILE_OUTPUT]\n");
}

}  // namespace
}  // namespace lanner::output
