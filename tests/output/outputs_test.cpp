#include "output/outputs.h"

#include <gtest/gtest.h>

#include "output/test_util.h"

namespace lanner::output {
namespace {

using testing::read_file;
using testing::sample_alert;
using testing::TempDir;

config::Config quiet_config() {
  config::Config c;
  c.stdout_output.enabled = false;
  c.syslog_output.enabled = false;
  return c;
}

std::vector<std::string> names(const std::vector<std::unique_ptr<AlertSink>>& sinks) {
  std::vector<std::string> out;
  for (const auto& s : sinks) out.push_back(s->name());
  return out;
}

TEST(OutputsTest, DefaultConfigHasStdoutOnly) {
  // lanner's default leaves syslog off (containers rarely have a daemon); falco.yaml turns it on.
  Diagnostics diags;
  auto sinks = build_sinks(config::Config{}, {}, diags);
  EXPECT_EQ(names(sinks), (std::vector<std::string>{"stdout"}));
  EXPECT_EQ(diags.items().size(), 0u);
}

TEST(OutputsTest, EverySinkKind) {
  config::Config c;
  c.file_output.enabled = true;
  c.syslog_output.enabled = true;
  c.program_output.enabled = true;
  c.http_output.enabled = true;
  c.http_output.url = "http://127.0.0.1:1/";
  Diagnostics diags;
  auto sinks = build_sinks(c, {}, diags);
  EXPECT_EQ(names(sinks), (std::vector<std::string>{"stdout", "file", "syslog", "program", "http"}));
}

TEST(OutputsTest, HttpWithoutUrlIsAnError) {
  config::Config c = quiet_config();
  c.http_output.enabled = true;
  Diagnostics diags;
  auto sinks = build_sinks(c, {}, diags);
  EXPECT_TRUE(sinks.empty());
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(render_text(diags),
            "error: http_output.url: http_output is enabled but has no url [CONFIG_BAD_VALUE]\n"
            "warning: no output is enabled: alerts go nowhere [CONFIG_NO_OUTPUT]\n");
}

TEST(OutputsTest, ConfigDrivesFormatAndQueue) {
  config::Config c = quiet_config();
  c.json_output = true;
  c.json_include_tags_property = false;
  c.time_format_iso_8601 = true;
  FormatOptions f = format_options(c);
  EXPECT_TRUE(f.json_output);
  EXPECT_FALSE(f.include_tags);
  EXPECT_TRUE(f.time_iso_8601);
  DispatcherOptions d = dispatcher_options(c, "h");
  EXPECT_EQ(d.queue_capacity, 10000u);  // Falco's 0 (unbounded) becomes a bound
  c.outputs_queue_capacity = 50;
  c.lanner.output_retry_attempts = 7;
  d = dispatcher_options(c, "h");
  EXPECT_EQ(d.queue_capacity, 50u);
  EXPECT_EQ(d.max_attempts, 7u);
}

TEST(OutputsTest, BuiltOutputsWriteJsonToTheConfiguredFile) {
  TempDir dir;
  config::Config c = quiet_config();
  c.json_output = true;
  c.file_output.enabled = true;
  c.file_output.filename = dir.file("events.json");
  Diagnostics diags;
  OutputsEnvironment env;
  env.hostname = "node-7";
  auto dispatcher = build_outputs(c, env, diags);
  ASSERT_EQ(dispatcher->sink_count(), 1u);
  Alert a = sample_alert();
  a.hostname = "node-7";
  dispatcher->enqueue(a);
  EXPECT_TRUE(dispatcher->shutdown(std::chrono::seconds(10)).complete);
  auto j = nlohmann::json::parse(read_file(dir.file("events.json")));
  EXPECT_EQ(j["hostname"], "node-7");
}

TEST(OutputsTest, FalcoHostnameOverridesTheHostName) {
  setenv("FALCO_HOSTNAME", "from-env", 1);
  EXPECT_EQ(default_hostname(), "from-env");
  unsetenv("FALCO_HOSTNAME");
  EXPECT_FALSE(default_hostname().empty());
  EXPECT_NE(default_hostname(), "from-env");
}

}  // namespace
}  // namespace lanner::output
