#pragma once
// lanner's configuration: the falco.yaml keys that apply to lanner, plus lanner's own keys under
// `lanner:`. Loading never fails on keys it does not know (they are warnings, as users carry
// configs between Falco versions); it reports bad values as errors with file:line:col.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/diagnostic.h"
#include "config/enforce_spec.h"
#include "rules/rule_document.h"

namespace lanner::config {

enum class RuleMatching : uint8_t { kFirst, kAll };

struct StdoutOutput {
  bool enabled = true;
};

struct FileOutput {
  bool enabled = false;
  bool keep_alive = false;  // false: open/append/close per alert (survives external rotation)
  std::string filename = "./events.txt";
};

// Off by default, unlike falco.yaml: lanner runs in containers and CI runners, which rarely have
// a syslog daemon, and an enabled sink with no daemon would count every alert as lost. Turn it
// on with `syslog_output.enabled: true` (Falco's own falco.yaml does).
struct SyslogOutput {
  bool enabled = false;
};

struct ProgramOutput {
  bool enabled = false;
  bool keep_alive = false;  // false: one `sh -c program` per alert
  std::string program = "jq '{text: .output}' | curl -d @- -X POST https://hooks.slack.com/services/XXX";
};

struct HttpOutput {
  bool enabled = false;
  std::string url;
  std::string user_agent = "falcosecurity/falco";
  bool insecure = false;
  std::string ca_cert, ca_bundle, ca_path;
  bool mtls = false;
  std::string client_cert, client_key;
  bool echo = false;
  bool compress_uploads = false;
  bool keep_alive = false;
  uint32_t max_consecutive_timeouts = 5;
};

// One `append_output` entry (Falco 0.39+). An entry applies to a rule when every given match key
// matches: source equal, rule name equal, and the rule carries all listed tags.
struct AppendOutput {
  std::optional<std::string> match_source;
  std::optional<std::string> match_rule;
  std::vector<std::string> match_tags;
  std::string extra_output;  // appended to the message, after a space
  // JSON-only fields: {name, template}. A bare field name `evt.cpu` becomes {"evt.cpu", ""}:
  // the field itself, typed; otherwise the template is rendered as a string.
  std::vector<std::pair<std::string, std::string>> extra_fields;
  bool suggested_output = false;  // append the container/k8s "suggested" fields
};

// Falco 0.39+'s default: `append_output: [{suggested_output: true}]`.
inline AppendOutput default_append_output() {
  AppendOutput a;
  a.suggested_output = true;
  return a;
}

// One `rules:` selection entry (Falco 0.39+): `- enable: {rule: "glob"}` / `- disable: {tag: x}`.
struct RuleSelection {
  bool enable = true;
  std::string rule;  // glob on the rule name; empty if selecting by tag
  std::string tag;
};

// Keys under `lanner:`; not Falco's.
struct LannerSettings {
  bool fail_on_dropped_alerts = true;  // exit non-zero if any alert could not be delivered
  uint32_t output_retry_attempts = 3;   // delivery attempts per alert and sink, >= 1
  uint32_t output_retry_backoff_ms = 100;  // first retry delay; doubles, capped at 5 s
  uint32_t http_timeout_ms = 5000;
  uint32_t output_shutdown_timeout_ms = 2000;  // how long shutdown waits for queued alerts
  // `enforce:` which matching rules block, and how (empty: lanner only alerts). Each item is
  // `{rule: NAME | tag: TAG | priority: ">=LEVEL", action: deny[:ERRNO] | kill | kill-tree}`.
  std::vector<EnforceEntry> enforce;
  // `hardening:` lanner's default hardening (docs/threat-model.md); each on unless turned off.
  bool deny_io_uring = true;       // io_uring_* -> ENOSYS
  bool protect_supervisor = true;  // kill/ptrace/... aimed at lanner -> EPERM
  bool deny_foreign_abi = true;    // i386 (int 0x80) and x32 calls -> ENOSYS
};

struct Config {
  std::vector<std::string> rules_files;  // `rules_files`, or `rules_file` in old configs
  std::vector<RuleSelection> rules;
  rules::Priority priority = rules::Priority::kDebug;  // minimum rule priority loaded
  bool json_output = false;
  bool json_include_output_property = true;
  bool json_include_output_fields_property = true;
  bool json_include_tags_property = true;
  bool json_include_message_property = false;
  bool time_format_iso_8601 = false;
  RuleMatching rule_matching = RuleMatching::kFirst;
  bool buffered_outputs = false;
  StdoutOutput stdout_output;
  FileOutput file_output;
  SyslogOutput syslog_output;
  ProgramOutput program_output;
  HttpOutput http_output;
  uint64_t outputs_queue_capacity = 0;  // 0 = lanner's default bound (never unbounded)
  std::vector<AppendOutput> append_output{default_append_output()};
  std::string log_level = "info";
  bool log_stderr = true;
  bool log_syslog = true;
  LannerSettings lanner;
  // Names of the environment variables the configuration expanded (${VAR}): they may hold
  // secrets (sink credentials), so they are removed from the monitored program's environment.
  std::vector<std::string> expanded_env_vars;
};

// Loads `path` (empty: defaults only), then applies `overrides` in order ("key.sub=value",
// "list[0].key=value"; the value is YAML: `rules_files=[a,b]`), then expands ${ENV} in string
// values, then decodes. Problems go to `diags` (codes CONFIG_*); on errors the affected keys keep
// their defaults. Never throws.
Config load_config(const std::string& path, const std::vector<std::string>& overrides,
                   Diagnostics& diags);

// Same, from YAML text (tests, embedded configs). `name` is used as the file name in spans.
Config load_config_text(const std::string& text, const std::string& name,
                        const std::vector<std::string>& overrides, Diagnostics& diags);

// "emergency".."debug", case-insensitive, also "info"; nullopt otherwise.
std::optional<rules::Priority> parse_priority(std::string_view text);

}  // namespace lanner::config
