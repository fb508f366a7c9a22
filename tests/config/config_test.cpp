#include "config/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace lanner::config {
namespace {

Config load(const std::string& text, Diagnostics& diags,
            const std::vector<std::string>& overrides = {}) {
  return load_config_text(text, "falco.yaml", overrides, diags);
}

std::vector<std::string> codes(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(d.code);
  return out;
}

TEST(ConfigTest, DefaultsMatchFalco) {
  Diagnostics diags;
  Config c = load_config("", {}, diags);
  EXPECT_TRUE(diags.items().empty());
  EXPECT_EQ(c.priority, rules::Priority::kDebug);
  EXPECT_FALSE(c.json_output);
  EXPECT_TRUE(c.json_include_output_property);
  EXPECT_TRUE(c.json_include_output_fields_property);
  EXPECT_TRUE(c.json_include_tags_property);
  EXPECT_FALSE(c.json_include_message_property);
  EXPECT_EQ(c.rule_matching, RuleMatching::kFirst);
  EXPECT_TRUE(c.stdout_output.enabled);
  EXPECT_FALSE(c.syslog_output.enabled);  // lanner's default differs from falco.yaml's
  EXPECT_FALSE(c.file_output.enabled);
  EXPECT_EQ(c.file_output.filename, "./events.txt");
  EXPECT_FALSE(c.http_output.enabled);
  EXPECT_EQ(c.http_output.user_agent, "falcosecurity/falco");
  ASSERT_EQ(c.append_output.size(), 1u);
  EXPECT_TRUE(c.append_output[0].suggested_output);
  EXPECT_EQ(c.log_level, "info");
  EXPECT_TRUE(c.lanner.fail_on_dropped_alerts);
}

TEST(ConfigTest, ReadsEveryImplementedKey) {
  Diagnostics diags;
  Config c = load(R"(
rules_files: [/etc/lanner/a.yaml, /etc/lanner/rules.d]
priority: Warning
json_output: true
json_include_output_property: false
json_include_output_fields_property: false
json_include_tags_property: false
json_include_message_property: true
time_format_iso_8601: yes
rule_matching: all
buffered_outputs: true
stdout_output: {enabled: false}
syslog_output: {enabled: false}
file_output: {enabled: true, keep_alive: true, filename: /var/log/lanner.json}
program_output: {enabled: true, keep_alive: true, program: "cat"}
http_output:
  enabled: true
  url: http://sidekick:2801/
  user_agent: lanner
  insecure: true
  ca_cert: /ca.pem
  mtls: true
  client_cert: /c.pem
  client_key: /k.pem
  echo: true
  keep_alive: true
  max_consecutive_timeouts: 3
outputs_queue: {capacity: 500}
log_level: Debug
log_stderr: false
log_syslog: false
rules:
  - disable: {rule: "*"}
  - enable: {tag: network}
append_output:
  - match: {source: syscall, tags: [container], rule: Some rule}
    extra_output: "cpu=%evt.cpu"
    extra_fields:
      - evt.hostname
      - home: "${HOME}"
  - suggested_output: true
lanner:
  fail_on_dropped_alerts: false
  output_retry_attempts: 5
  output_retry_backoff_ms: 50
  http_timeout_ms: 1000
  output_shutdown_timeout_ms: 3000
)", diags);
  EXPECT_TRUE(diags.items().empty()) << render_text(diags);
  EXPECT_EQ(c.rules_files, (std::vector<std::string>{"/etc/lanner/a.yaml", "/etc/lanner/rules.d"}));
  EXPECT_EQ(c.priority, rules::Priority::kWarning);
  EXPECT_TRUE(c.json_output);
  EXPECT_FALSE(c.json_include_output_property);
  EXPECT_FALSE(c.json_include_output_fields_property);
  EXPECT_FALSE(c.json_include_tags_property);
  EXPECT_TRUE(c.json_include_message_property);
  EXPECT_TRUE(c.time_format_iso_8601);
  EXPECT_EQ(c.rule_matching, RuleMatching::kAll);
  EXPECT_TRUE(c.buffered_outputs);
  EXPECT_FALSE(c.stdout_output.enabled);
  EXPECT_FALSE(c.syslog_output.enabled);
  EXPECT_TRUE(c.file_output.enabled);
  EXPECT_TRUE(c.file_output.keep_alive);
  EXPECT_EQ(c.file_output.filename, "/var/log/lanner.json");
  EXPECT_TRUE(c.program_output.keep_alive);
  EXPECT_EQ(c.program_output.program, "cat");
  EXPECT_EQ(c.http_output.url, "http://sidekick:2801/");
  EXPECT_EQ(c.http_output.user_agent, "lanner");
  EXPECT_TRUE(c.http_output.insecure);
  EXPECT_TRUE(c.http_output.mtls);
  EXPECT_EQ(c.http_output.client_key, "/k.pem");
  EXPECT_EQ(c.http_output.max_consecutive_timeouts, 3u);
  EXPECT_EQ(c.outputs_queue_capacity, 500u);
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_FALSE(c.log_stderr);
  ASSERT_EQ(c.rules.size(), 2u);
  EXPECT_FALSE(c.rules[0].enable);
  EXPECT_EQ(c.rules[0].rule, "*");
  EXPECT_TRUE(c.rules[1].enable);
  EXPECT_EQ(c.rules[1].tag, "network");
  ASSERT_EQ(c.append_output.size(), 2u);
  EXPECT_EQ(c.append_output[0].match_source, "syscall");
  EXPECT_EQ(c.append_output[0].match_rule, "Some rule");
  EXPECT_EQ(c.append_output[0].match_tags, std::vector<std::string>{"container"});
  EXPECT_EQ(c.append_output[0].extra_output, "cpu=%evt.cpu");
  ASSERT_EQ(c.append_output[0].extra_fields.size(), 2u);
  EXPECT_EQ(c.append_output[0].extra_fields[0], (std::pair<std::string, std::string>{"evt.hostname", ""}));
  EXPECT_EQ(c.append_output[0].extra_fields[1].first, "home");
  EXPECT_FALSE(c.append_output[0].suggested_output);
  EXPECT_TRUE(c.append_output[1].suggested_output);
  EXPECT_FALSE(c.lanner.fail_on_dropped_alerts);
  EXPECT_EQ(c.lanner.output_retry_attempts, 5u);
  EXPECT_EQ(c.lanner.output_retry_backoff_ms, 50u);
  EXPECT_EQ(c.lanner.http_timeout_ms, 1000u);
  EXPECT_EQ(c.lanner.output_shutdown_timeout_ms, 3000u);
}

TEST(ConfigTest, BadBooleanIsAnErrorWithPositionAndCaret) {
  Diagnostics diags;
  Config c = load("stdout_output:\n  enabled: false\njson_output: maybe\n", diags);
  EXPECT_FALSE(c.json_output);  // default kept
  EXPECT_FALSE(c.stdout_output.enabled);  // other keys still read
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(render_text(diags),
            "falco.yaml:3:14: error: json_output: expected a boolean (true or false), got 'maybe' "
            "[CONFIG_BAD_VALUE]\n"
            "  json_output: maybe\n"
            "               ^\n");
}

TEST(ConfigTest, OtherBadValues) {
  Diagnostics diags;
  load("priority: loud\nrules_files: {a: b}\noutputs_queue: {capacity: -1}\nrule_matching: most\n"
       "lanner: {output_retry_attempts: 0}\nfile_output: [x]\n",
       diags);
  ASSERT_EQ(diags.error_count(), 6u) << render_text(diags);
  EXPECT_EQ(diags.items()[0].message,
            "priority: expected one of emergency, alert, critical, error, warning, notice, "
            "informational, debug; got 'loud'");
  EXPECT_EQ(diags.items()[1].message, "rules_files: expected a list of strings, got a mapping");
  EXPECT_EQ(diags.items()[2].message,
            "outputs_queue.capacity: expected an integer between 0 and 18446744073709551615, got '-1'");
  EXPECT_EQ(diags.items()[3].message, "rule_matching: expected 'first' or 'all', got 'most'");
  EXPECT_EQ(diags.items()[4].message,
            "lanner.output_retry_attempts: expected an integer between 1 and 4294967295, got '0'");
  EXPECT_EQ(diags.items()[5].message, "file_output: expected a mapping of keys, got a list");
  EXPECT_EQ(diags.items()[5].span.line, 6u);
}

TEST(ConfigTest, UnknownKeysAreWarningsWithSuggestions) {
  Diagnostics diags;
  Config c = load("json_ouptut: true\nfile_output:\n  enabled: true\n  filname: x\nfoo: 1\n", diags);
  EXPECT_FALSE(diags.has_errors());
  EXPECT_TRUE(c.file_output.enabled);
  EXPECT_EQ(render_text(diags),
            "falco.yaml:1:1: warning: unknown key 'json_ouptut', ignored (did you mean "
            "'json_output'?) [CONFIG_UNKNOWN_KEY]\n"
            "  json_ouptut: true\n"
            "  ^\n"
            "falco.yaml:4:3: warning: unknown key 'file_output.filname', ignored (did you mean "
            "'filename'?) [CONFIG_UNKNOWN_KEY]\n"
            "    filname: x\n"
            "    ^\n"
            "falco.yaml:5:1: warning: unknown key 'foo', ignored [CONFIG_UNKNOWN_KEY]\n"
            "  foo: 1\n"
            "  ^\n");
}

TEST(ConfigTest, FalcoFeaturesLannerLacksAreWarnings) {
  Diagnostics diags;
  load("grpc: {enabled: true}\nwebserver: {enabled: true}\nsyscall_event_drops: {rate: 1}\n"
       "engine: {kind: modern_ebpf}\noutputs: {rate: 1, max_burst: 1000}\n",
       diags);
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(codes(diags), (std::vector<std::string>{"CONFIG_UNSUPPORTED_KEY", "CONFIG_UNSUPPORTED_KEY",
                                                    "CONFIG_UNSUPPORTED_KEY", "CONFIG_UNSUPPORTED_KEY",
                                                    "CONFIG_REMOVED_KEY"}));
  EXPECT_EQ(diags.items()[0].message, "'grpc' configures a Falco feature lanner does not have; ignored");
  EXPECT_EQ(diags.items()[4].message,
            "'outputs' (rate, max_burst) was removed in Falco 0.37 and has no effect; ignored");
}

TEST(ConfigTest, OldRulesFileKeyAndPrecedence) {
  Diagnostics diags;
  EXPECT_EQ(load("rules_file: [a.yaml]\n", diags).rules_files, std::vector<std::string>{"a.yaml"});
  EXPECT_EQ(load("rules_files: [new.yaml]\nrules_file: [old.yaml]\n", diags).rules_files,
            std::vector<std::string>{"new.yaml"});
  EXPECT_EQ(load("rules_files: single.yaml\n", diags).rules_files,
            std::vector<std::string>{"single.yaml"});
  EXPECT_TRUE(diags.items().empty());
}

TEST(ConfigTest, OverridesApplyAfterTheFile) {
  Diagnostics diags;
  Config c = load("json_output: false\nfile_output: {enabled: false, filename: a.txt}\n", diags,
                  {"json_output=true", "file_output.enabled=true", "rules_files=[a,b]",
                   "http_output.url=http://x/", "lanner.fail_on_dropped_alerts=true",
                   "append_output[0].extra_output=on %evt.cpu"});
  EXPECT_TRUE(diags.items().empty()) << render_text(diags);
  EXPECT_TRUE(c.json_output);
  EXPECT_TRUE(c.file_output.enabled);
  EXPECT_EQ(c.file_output.filename, "a.txt");  // siblings untouched
  EXPECT_EQ(c.rules_files, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(c.http_output.url, "http://x/");
  EXPECT_TRUE(c.lanner.fail_on_dropped_alerts);
  ASSERT_EQ(c.append_output.size(), 1u);
  EXPECT_EQ(c.append_output[0].extra_output, "on %evt.cpu");
}

TEST(ConfigTest, OverrideEditsAnExistingListItem) {
  Diagnostics diags;
  Config c = load("append_output:\n  - extra_output: a\n  - extra_output: b\n", diags,
                  {"append_output[1].extra_output=B", "append_output[2].suggested_output=true"});
  EXPECT_TRUE(diags.items().empty()) << render_text(diags);
  ASSERT_EQ(c.append_output.size(), 3u);
  EXPECT_EQ(c.append_output[0].extra_output, "a");
  EXPECT_EQ(c.append_output[1].extra_output, "B");
  EXPECT_TRUE(c.append_output[2].suggested_output);
}

TEST(ConfigTest, BadOverrideValueNamesTheOption) {
  Diagnostics diags;
  load("json_output: true\n", diags, {"json_output=maybe"});
  EXPECT_EQ(render_text(diags),
            "option -o json_output=maybe: error: json_output: expected a boolean (true or false), "
            "got 'maybe' [CONFIG_BAD_VALUE]\n");
}

TEST(ConfigTest, MalformedOverridesAreErrors) {
  Diagnostics diags;
  Config c = load("", diags, {"novalue", "a..b=1", "rules_files[5]=x", "x[y]=1", "json_output=[1"});
  EXPECT_EQ(diags.error_count(), 5u);
  EXPECT_EQ(render_text(diags),
            "option -o novalue: error: expected key=value, got 'novalue' [CONFIG_BAD_OVERRIDE]\n"
            "option -o a..b=1: error: expected a key name at position 3 of 'a..b' [CONFIG_BAD_OVERRIDE]\n"
            "option -o rules_files[5]=x: error: list index 5 is out of range (the list has 0 items) "
            "[CONFIG_BAD_OVERRIDE]\n"
            "option -o x[y]=1: error: expected a list index like [0] at position 2 of 'x[y]' "
            "[CONFIG_BAD_OVERRIDE]\n"
            "option -o json_output=[1: error: value of 'json_output' is not valid YAML: end of "
            "sequence flow not found [CONFIG_BAD_OVERRIDE]\n");
  EXPECT_FALSE(c.json_output);
}

TEST(ConfigTest, EnvironmentVariablesAreExpandedInValues) {
  setenv("LANNER_TEST_SIDEKICK", "http://sidekick:2801", 1);
  setenv("LANNER_TEST_JSON", "true", 1);
  unsetenv("LANNER_TEST_UNSET");
  Diagnostics diags;
  Config c = load("http_output:\n  url: ${LANNER_TEST_SIDEKICK}/\njson_output: ${LANNER_TEST_JSON}\n"
                  "program_output:\n  program: \"echo $${LANNER_TEST_JSON} ${LANNER_TEST_UNSET}x\"\n",
                  diags, {"file_output.filename=${LANNER_TEST_JSON}.txt"});
  EXPECT_TRUE(diags.items().empty()) << render_text(diags);
  EXPECT_EQ(c.http_output.url, "http://sidekick:2801/");
  EXPECT_TRUE(c.json_output);
  EXPECT_EQ(c.program_output.program, "echo ${LANNER_TEST_JSON} x");
  EXPECT_EQ(c.file_output.filename, "true.txt");
}

TEST(ConfigTest, YamlSyntaxErrorHasPosition) {
  Diagnostics diags;
  Config c = load("json_output: true\nfile_output: {enabled: true\n", diags);
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.items()[0].code, "CONFIG_YAML_PARSE");
  EXPECT_EQ(diags.items()[0].span.file, "falco.yaml");
  EXPECT_GE(diags.items()[0].span.line, 2u);
  EXPECT_FALSE(c.json_output);  // nothing applied from a file that does not parse
}

TEST(ConfigTest, MissingFileIsAnError) {
  Diagnostics diags;
  Config c = load_config("/nonexistent/falco.yaml", {"json_output=true"}, diags);
  EXPECT_EQ(render_text(diags),
            "/nonexistent/falco.yaml: error: cannot read configuration file [CONFIG_FILE_READ]\n");
  EXPECT_TRUE(c.json_output);  // overrides still apply
}

TEST(ConfigTest, Falco0221ConfigLoadsWithWarningsOnly) {
  const std::string path = std::string(LANNER_UPSTREAM_RULES_DIR) + "/falco-0.22.1/falco.yaml";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found";
  Diagnostics diags;
  Config c = load_config(path, {}, diags);
  EXPECT_FALSE(diags.has_errors()) << render_text(diags);
  EXPECT_EQ(codes(diags), (std::vector<std::string>{"CONFIG_UNSUPPORTED_KEY", "CONFIG_REMOVED_KEY",
                                                    "CONFIG_UNSUPPORTED_KEY", "CONFIG_UNSUPPORTED_KEY",
                                                    "CONFIG_UNSUPPORTED_KEY"}))
      << render_text(diags);
  EXPECT_EQ(c.rules_files,
            (std::vector<std::string>{"/etc/falco/falco_rules.yaml", "/etc/falco/falco_rules.local.yaml",
                                      "/etc/falco/k8s_audit_rules.yaml", "/etc/falco/rules.d"}));
  EXPECT_TRUE(c.stdout_output.enabled);
  EXPECT_TRUE(c.syslog_output.enabled);
  EXPECT_FALSE(c.file_output.enabled);
  EXPECT_EQ(c.http_output.url, "http://some.url");
  EXPECT_EQ(c.program_output.program,
            "jq '{text: .output}' | curl -d @- -X POST https://hooks.slack.com/services/XXX");
  EXPECT_EQ(c.priority, rules::Priority::kDebug);
  for (const auto& d : diags.items()) EXPECT_EQ(d.span.file, path);
}

TEST(ConfigTest, HostileInputsAreDiagnosedNotThrown) {
  const std::vector<std::string> inputs{
      "[1, 2]\n",
      "just a string\n",
      "json_output:\n",
      "? [a, b]\n: c\n",
      "rules: [1, {enable: 5}, {enable: {rule: a, tag: b}}, {frob: {}}]\n",
      "append_output: [{match: 5}, 7, {extra_fields: {a: b}}, {extra_fields: [[1]]}]\n",
      "http_output: 5\nfile_output: {enabled: [x]}\nlanner: []\n",
      "a: &x {b: *x}\n",
      "base: &b {enabled: true}\nstdout_output: *b\n",
      "outputs_queue: {capacity: 99999999999999999999999}\n",
      "priority: {a: 1}\nlog_level: [debug]\n",
  };
  for (const auto& text : inputs) {
    Diagnostics diags;
    EXPECT_NO_THROW(load(text, diags, {"x.y[0]=1", "rules_files[0]=z"})) << text;
  }
  Diagnostics diags;
  Config c = load("base: &b {enabled: false}\nstdout_output: *b\n", diags);
  EXPECT_FALSE(c.stdout_output.enabled);  // aliases resolve like any YAML
  Diagnostics null_bool;
  load("json_output:\n", null_bool);
  EXPECT_EQ(null_bool.items().at(0).message, "json_output: expected a boolean (true or false), got nothing");
}

TEST(ConfigTest, ParsePriority) {
  EXPECT_EQ(parse_priority("EMERGENCY"), rules::Priority::kEmergency);
  EXPECT_EQ(parse_priority("info"), rules::Priority::kInformational);
  EXPECT_EQ(parse_priority("Informational"), rules::Priority::kInformational);
  EXPECT_EQ(parse_priority("warn"), std::nullopt);
}

}  // namespace
}  // namespace lanner::config
