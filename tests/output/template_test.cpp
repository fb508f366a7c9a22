#include "output/template.h"

#include <gtest/gtest.h>

#include "output/fake_fields.h"

namespace lanner::output {
namespace {

using testing::FakeCatalog;
using testing::FakeSource;

class TemplateTest : public ::testing::Test {
 protected:
  std::optional<OutputTemplate> compile(std::string_view text) {
    diags = Diagnostics();
    return OutputTemplate::compile(text, catalog, diags, SourceSpan{"rules.yaml", 7, 11});
  }
  std::string render(std::string_view text) {
    auto t = compile(text);
    EXPECT_TRUE(t.has_value()) << render_text(diags);
    return t ? t->render(source) : "";
  }
  std::string first_message() const {
    return diags.items().empty() ? "" : diags.items().front().message;
  }

  FakeCatalog catalog;
  FakeSource source;
  Diagnostics diags;
};

TEST_F(TemplateTest, RendersLiteralsAndFields) {
  source.set("proc.name", "bash");
  source.set("user.name", "root");
  EXPECT_EQ(render("Shell spawned (user=%user.name proc=%proc.name)"),
            "Shell spawned (user=root proc=bash)");
}

TEST_F(TemplateTest, LongestPrefixThatIsAFieldWins) {
  source.set("proc.name", "bash");
  // proc.namex is not a field: proc.name followed by the literal "x".
  EXPECT_EQ(render("%proc.namex"), "bashx");
  EXPECT_EQ(render("(%proc.name)."), "(bash).");
  auto t = compile("%proc.name.");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->parts().size(), 2u);
  EXPECT_EQ(t->parts()[0].field_text, "proc.name");
  EXPECT_EQ(t->parts()[1].literal, ".");
}

TEST_F(TemplateTest, MissingValuesPrintNA) {
  EXPECT_EQ(render("user=%user.name pid=%proc.pid"), "user=<NA> pid=<NA>");
}

TEST_F(TemplateTest, NumbersBooleansAndAddressesAsFalcoPrintsThem) {
  source.set_num("proc.pid", -42, lang::FieldType::kSigned);
  source.set_num("user.uid", static_cast<int64_t>(4294967295u), lang::FieldType::kUnsigned);
  source.set_num("proc.is_exe_writable", 1, lang::FieldType::kBool);
  source.set_ipv4("fd.sip", 10, 0, 0, 1);
  EXPECT_EQ(render("%proc.pid %user.uid %proc.is_exe_writable %fd.sip"), "-42 4294967295 true 10.0.0.1");
}

TEST_F(TemplateTest, WidthPadsAndTruncates) {
  source.set("proc.name", "bash");
  source.set("user.name", "administrator");
  EXPECT_EQ(render("[%8proc.name][%5user.name]"), "[bash    ][admin]");
}

TEST_F(TemplateTest, BracketArguments) {
  source.set("proc.aname[2]", "sshd");
  source.set("proc.env[HOME]", "/root");
  EXPECT_EQ(render("gp=%proc.aname[2] home=%proc.env[HOME]"), "gp=sshd home=/root");
  auto t = compile("%proc.aname[2]");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->parts()[0].field.index, 2);
}

TEST_F(TemplateTest, FieldWithoutArgumentKeepsBracketAsText) {
  source.set("proc.name", "bash");
  EXPECT_EQ(render("%proc.name[x]"), "bash[x]");
}

TEST_F(TemplateTest, EvtArgByName) {
  source.set("evt.arg[flags]", "O_RDONLY");
  EXPECT_EQ(render("flags=%evt.arg.flags"), "flags=O_RDONLY");
  source.set("evt.arg[name]", "/etc/shadow");
  EXPECT_EQ(render("%evt.arg[name]"), "/etc/shadow");
}

TEST_F(TemplateTest, MultipleValuesAreJoinedInParentheses) {
  source.set_list("proc.aname", {"bash", "sshd", "systemd"});
  EXPECT_EQ(render("%proc.aname"), "(bash,sshd,systemd)");
}

TEST_F(TemplateTest, UnknownFieldIsAnErrorWithOffsetAndSuggestion) {
  EXPECT_FALSE(compile("user=%user.name proc=%prc.name"));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].code, "LOAD_ERR_COMPILE_OUTPUT");
  EXPECT_EQ(first_message(),
            "unknown filter: 'prc.name' at offset 21 is not a field (did you mean '%proc.name'?)");
  EXPECT_EQ(diags.items()[0].span.line, 7u);
}

TEST_F(TemplateTest, PercentWithoutFieldIsInvalidFormattingToken) {
  EXPECT_FALSE(compile("100% sure"));
  EXPECT_EQ(first_message(),
            "invalid formatting token at offset 3: expected a field name after '%' (there is no "
            "escape for a literal '%')");
  EXPECT_FALSE(compile("trailing %"));
  EXPECT_FALSE(compile("%20"));
}

TEST_F(TemplateTest, RequiredArgumentAndIndexErrors) {
  EXPECT_FALSE(compile("%proc.env"));
  EXPECT_EQ(first_message(), "field 'proc.env' at offset 0 requires an argument, e.g. %proc.env[name]");
  EXPECT_FALSE(compile("x %proc.aname[two]"));
  EXPECT_EQ(first_message(),
            "field 'proc.aname' at offset 2 expects a numeric index in brackets, got '[two]'");
  EXPECT_FALSE(compile("%proc.aname[2"));
}

TEST_F(TemplateTest, FilterOnlyFieldIsRejected) {
  EXPECT_FALSE(compile("%fd.net"));
  EXPECT_EQ(first_message(), "field 'fd.net' at offset 0 can be used in conditions only, not in outputs");
}

TEST_F(TemplateTest, ContainerInfoIsDeprecatedAndEmpty) {
  source.set("proc.name", "bash");
  EXPECT_EQ(render("%proc.name (%container.info)"), "bash ()");
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].severity, Severity::kWarning);
  EXPECT_EQ(diags.items()[0].code, "LOAD_DEPRECATED_ITEM");
}

TEST_F(TemplateTest, ContainerInfoIsBlankEvenWhenTheCatalogueListsIt) {
  catalog.add("container.info", lang::FieldType::kString, lang::FieldArgKind::kNone,
              lang::kFieldDeprecated | lang::kFieldPrintOnly);
  source.set("container.info", "should not print");
  EXPECT_EQ(render("[%container.info]"), "[]");
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].code, "LOAD_DEPRECATED_ITEM");
}

TEST_F(TemplateTest, DeprecatedFieldsWarnButRender) {
  catalog.add("k8s.rc.name", lang::FieldType::kString, lang::FieldArgKind::kNone, lang::kFieldDeprecated);
  source.set("k8s.rc.name", "rc1");
  EXPECT_EQ(render("rc=%k8s.rc.name"), "rc=rc1");
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].severity, Severity::kWarning);
  EXPECT_EQ(first_message(), "field 'k8s.rc.name' at offset 3 is deprecated");
}

TEST_F(TemplateTest, TypedOutputFields) {
  source.set("proc.name", "bash");
  source.set_num("proc.pid", 1234, lang::FieldType::kSigned);
  source.set_num("user.uid", 0, lang::FieldType::kUnsigned);
  source.set_num("proc.is_exe_writable", 0, lang::FieldType::kBool);
  source.set_list("proc.aname", {"a", "b"});
  auto t = compile("%proc.name %proc.pid %user.uid %proc.is_exe_writable %user.name %proc.aname %evt.arg.flags");
  ASSERT_TRUE(t);
  nlohmann::json fields = nlohmann::json::object();
  t->render_fields(source, fields);
  EXPECT_EQ(fields.dump(),
            R"({"evt.arg.flags":null,"proc.aname":["a","b"],"proc.is_exe_writable":false,)"
            R"("proc.name":"bash","proc.pid":1234,"user.name":null,"user.uid":0})");
}

TEST_F(TemplateTest, EveryUpstreamStyleTokenCompiles) {
  // Shapes that occur in Falco's rule files.
  EXPECT_TRUE(compile("%evt.time %proc.aname[2] %proc.aname[7] (%user.name) %fd.name."));
  EXPECT_EQ(diags.items().size(), 0u);
}

}  // namespace
}  // namespace lanner::output
