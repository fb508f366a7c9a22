// --enforce selectors and actions, and the config's lanner.enforce / lanner.hardening.
#include "config/enforce_spec.h"

#include <gtest/gtest.h>

#include <cerrno>

#include "config/config.h"

namespace lanner::config {
namespace {

TEST(EnforceSelector, ParsesTheThreeKinds) {
  std::string error;
  auto rule = parse_enforce_selector("rule:Read sensitive file untrusted", error);
  ASSERT_TRUE(rule) << error;
  EXPECT_EQ(rule->kind, EnforceSelector::Kind::kRule);
  EXPECT_EQ(rule->value, "Read sensitive file untrusted");
  EXPECT_EQ(rule->text(), "rule:Read sensitive file untrusted");

  auto tag = parse_enforce_selector("tag:T1059", error);
  ASSERT_TRUE(tag) << error;
  EXPECT_EQ(tag->kind, EnforceSelector::Kind::kTag);
  EXPECT_EQ(tag->value, "T1059");

  auto priority = parse_enforce_selector("priority>=warning", error);
  ASSERT_TRUE(priority) << error;
  EXPECT_EQ(priority->kind, EnforceSelector::Kind::kPriority);
  EXPECT_EQ(priority->at_least, rules::Priority::kWarning);
  EXPECT_TRUE(parse_enforce_selector("priority>=CRITICAL", error));
}

TEST(EnforceSelector, ExplainsWhatWasExpected) {
  std::string error;
  EXPECT_FALSE(parse_enforce_selector("rule:", error));
  EXPECT_EQ(error, "expected a rule name after 'rule:'");
  EXPECT_FALSE(parse_enforce_selector("shell", error));
  EXPECT_EQ(error, "expected 'rule:NAME', 'tag:TAG' or 'priority>=LEVEL', got 'shell'");
  EXPECT_FALSE(parse_enforce_selector("priority>=loud", error));
  EXPECT_NE(error.find("got 'loud'"), std::string::npos) << error;
}

TEST(EnforceAction, ParsesDenyKillAndKillTree) {
  std::string error;
  auto deny = parse_enforce_action("deny", error);
  ASSERT_TRUE(deny);
  EXPECT_EQ(deny->kind, ActionKind::kDeny);
  EXPECT_EQ(deny->error, EPERM);
  EXPECT_EQ(deny->text(), "deny:EPERM");

  auto eacces = parse_enforce_action("deny:EACCES", error);
  ASSERT_TRUE(eacces);
  EXPECT_EQ(eacces->error, EACCES);
  auto numeric = parse_enforce_action("deny:13", error);
  ASSERT_TRUE(numeric);
  EXPECT_EQ(numeric->text(), "deny:EACCES");

  EXPECT_EQ(parse_enforce_action("kill", error)->text(), "kill");
  EXPECT_EQ(parse_enforce_action("kill-tree", error)->text(), "kill-tree");
  EXPECT_GT(parse_enforce_action("kill-tree", error)->strength(),
            parse_enforce_action("kill", error)->strength());
  EXPECT_GT(parse_enforce_action("kill", error)->strength(), deny->strength());
}

TEST(EnforceAction, RejectsUnknownActionsAndErrnos) {
  std::string error;
  EXPECT_FALSE(parse_enforce_action("deny:EWHAT", error));
  EXPECT_NE(error.find("after 'deny:', got 'EWHAT'"), std::string::npos) << error;
  EXPECT_FALSE(parse_enforce_action("deny:0", error));
  EXPECT_FALSE(parse_enforce_action("deny:99999", error));
  EXPECT_FALSE(parse_enforce_action("stop", error));
  EXPECT_EQ(error, "expected 'deny', 'deny:ERRNO', 'kill' or 'kill-tree', got 'stop'");
  EXPECT_EQ(parse_errno("ENOENT"), ENOENT);
  EXPECT_FALSE(parse_errno(""));
}

TEST(EnforceConfig, ReadsEntriesWithTheirActions) {
  Diagnostics diags;
  auto config = load_config_text(
      "lanner:\n"
      "  enforce:\n"
      "    - rule: Read sensitive file*\n"
      "      action: deny:EACCES\n"
      "    - tag: shell\n"
      "      action: kill\n"
      "    - priority: \">=critical\"\n"
      "  hardening:\n"
      "    deny_io_uring: false\n",
      "lanner.yaml", {}, diags);
  EXPECT_FALSE(diags.has_errors()) << render_text(diags);
  ASSERT_EQ(config.lanner.enforce.size(), 3u);
  EXPECT_EQ(config.lanner.enforce[0].selector.text(), "rule:Read sensitive file*");
  EXPECT_EQ(config.lanner.enforce[0].action.text(), "deny:EACCES");
  EXPECT_EQ(config.lanner.enforce[1].action.text(), "kill");
  EXPECT_EQ(config.lanner.enforce[2].selector.at_least, rules::Priority::kCritical);
  EXPECT_EQ(config.lanner.enforce[2].action.text(), "deny:EPERM");
  EXPECT_FALSE(config.lanner.deny_io_uring);
  EXPECT_TRUE(config.lanner.protect_supervisor);
}

TEST(EnforceConfig, BadEntriesAreErrorsAtTheirPlace) {
  Diagnostics diags;
  load_config_text(
      "lanner:\n"
      "  enforce:\n"
      "    - rule: x\n"
      "      action: stop\n"
      "    - rule: a\n"
      "      tag: b\n",
      "lanner.yaml", {}, diags);
  ASSERT_TRUE(diags.has_errors());
  const std::string text = render_text(diags);
  EXPECT_NE(text.find("lanner.yaml:4:15"), std::string::npos) << text;
  EXPECT_NE(text.find("expected 'deny', 'deny:ERRNO', 'kill' or 'kill-tree', got 'stop'"),
            std::string::npos) << text;
  EXPECT_NE(text.find("expected exactly one of 'rule', 'tag' or 'priority'"), std::string::npos)
      << text;
}

TEST(EnforceConfig, RemembersWhichEnvironmentVariablesItExpanded) {
  Diagnostics diags;
  setenv("LANNER_TEST_SIDEKICK_TOKEN", "s3cret", 1);
  auto config = load_config_text("http_output:\n  url: http://x/${LANNER_TEST_SIDEKICK_TOKEN}\n",
                                 "lanner.yaml", {}, diags);
  unsetenv("LANNER_TEST_SIDEKICK_TOKEN");
  EXPECT_EQ(config.http_output.url, "http://x/s3cret");
  ASSERT_EQ(config.expanded_env_vars.size(), 1u);
  EXPECT_EQ(config.expanded_env_vars[0], "LANNER_TEST_SIDEKICK_TOKEN");
}

}  // namespace
}  // namespace lanner::config
