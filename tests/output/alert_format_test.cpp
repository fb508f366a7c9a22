#include "output/alert_format.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <unistd.h>

namespace lanner::output {
namespace {

constexpr uint64_t kTime = 1700000000123456789ull;  // 2023-11-14T22:13:20.123456789Z

// RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM). (No std::regex: GCC 12 warns
// inside it under the sanitizers.)
bool is_rfc3339(const std::string& t) {
  auto digits = [&](size_t from, size_t n) {
    if (from + n > t.size()) return false;
    for (size_t i = from; i < from + n; ++i) {
      if (std::isdigit(static_cast<unsigned char>(t[i])) == 0) return false;
    }
    return true;
  };
  if (t.size() < 20 || !digits(0, 4) || t[4] != '-' || !digits(5, 2) || t[7] != '-' ||
      !digits(8, 2) || t[10] != 'T' || !digits(11, 2) || t[13] != ':' || !digits(14, 2) ||
      t[16] != ':' || !digits(17, 2))
    return false;
  size_t i = 19;
  if (t[i] == '.') {
    size_t start = ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])) != 0) ++i;
    if (i == start) return false;
  }
  if (i < t.size() && t[i] == 'Z') return i + 1 == t.size();
  return i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && digits(i + 1, 2) &&
         t[i + 3] == ':' && digits(i + 4, 2);
}

// falcosidekick's FalcoPayload.Check(): priority parses, rule non-empty, time is RFC 3339,
// output_fields non-empty. Returns "" when it would accept the body, else why not.
std::string sidekick_rejects(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "not JSON";
  static const std::vector<std::string> kPriorities{"emergency", "alert", "critical", "error",
                                                    "warning", "notice", "informational", "info",
                                                    "debug"};
  std::string prio = j.value("priority", "");
  for (auto& c : prio) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(kPriorities.begin(), kPriorities.end(), prio) == kPriorities.end()) return "priority";
  if (j.value("rule", "").empty()) return "rule";
  if (!is_rfc3339(j.value("time", ""))) return "time";
  if (!j.contains("output_fields") || !j["output_fields"].is_object() || j["output_fields"].empty())
    return "output_fields";
  return "";
}

class AlertFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Local-time rendering must be deterministic.
    setenv("TZ", "UTC", 1);
    tzset();
    alert.time_ns = kTime;
    alert.rule = "Terminal shell in container";
    alert.priority = rules::Priority::kNotice;
    alert.source = "syscall";
    alert.tags = {"shell", "container", "mitre_execution"};
    alert.output = "A shell was spawned (user=root shell=bash)";
    alert.output_fields = {{"evt.time", kTime}, {"user.name", "root"}, {"proc.pid", 42},
                           {"fd.name", nullptr}};
    alert.hostname = "node-1";
  }
  Alert alert;
};

TEST_F(AlertFormatTest, TextLine) {
  EXPECT_EQ(format_text(alert, {}),
            "22:13:20.123456789: Notice A shell was spawned (user=root shell=bash)");
}

TEST_F(AlertFormatTest, TextLineIso8601) {
  FormatOptions o;
  o.time_iso_8601 = true;
  EXPECT_EQ(format_text(alert, o),
            "2023-11-14T22:13:20.123456789+0000: Notice A shell was spawned (user=root shell=bash)");
}

TEST_F(AlertFormatTest, LocalTimeFollowsTimezone) {
  if (access("/usr/share/zoneinfo/Europe/Paris", R_OK) != 0) GTEST_SKIP() << "no tzdata";
  setenv("TZ", "Europe/Paris", 1);
  tzset();
  EXPECT_EQ(format_event_time(kTime, false), "23:13:20.123456789");
  EXPECT_EQ(format_event_time(kTime, true), "2023-11-14T22:13:20.123456789+0000");
  setenv("TZ", "UTC", 1);
  tzset();
}

TEST_F(AlertFormatTest, JsonGolden) {
  FormatOptions o;
  o.json_output = true;
  EXPECT_EQ(format_json(alert, o),
            R"j({"hostname":"node-1",)j"
            R"j("output":"22:13:20.123456789: Notice A shell was spawned (user=root shell=bash)",)j"
            R"j("output_fields":{"evt.time":1700000000123456789,"fd.name":null,"proc.pid":42,"user.name":"root"},)j"
            R"j("priority":"Notice","rule":"Terminal shell in container","source":"syscall",)j"
            R"j("tags":["container","mitre_execution","shell"],"time":"2023-11-14T22:13:20.123456789Z"})j");
}

TEST_F(AlertFormatTest, JsonIncludeSwitches) {
  FormatOptions o;
  o.json_output = true;
  o.include_output = false;
  o.include_output_fields = false;
  o.include_tags = false;
  o.include_message = true;
  EXPECT_EQ(format_json(alert, o),
            R"j({"hostname":"node-1","message":"A shell was spawned (user=root shell=bash)",)j"
            R"j("priority":"Notice","rule":"Terminal shell in container","source":"syscall",)j"
            R"j("time":"2023-11-14T22:13:20.123456789Z"})j");
}

TEST_F(AlertFormatTest, FormatAlertPicksJsonOrText) {
  FormatOptions o;
  EXPECT_EQ(format_alert(alert, o).front(), '2');
  o.json_output = true;
  EXPECT_EQ(format_alert(alert, o).front(), '{');
}

TEST_F(AlertFormatTest, PriorityNames) {
  EXPECT_EQ(priority_name(rules::Priority::kEmergency), "Emergency");
  EXPECT_EQ(priority_name(rules::Priority::kInformational), "Informational");
  EXPECT_EQ(priority_name(rules::Priority::kDebug), "Debug");
}

TEST_F(AlertFormatTest, InvalidUtf8BecomesReplacementCharacterInJson) {
  alert.output = "file=/tmp/\xff\xfe-bad";
  alert.output_fields["fd.name"] = "/tmp/\xff\xfe-bad";
  FormatOptions o;
  o.json_output = true;
  std::string json = format_json(alert, o);
  auto parsed = nlohmann::json::parse(json);  // would throw on invalid UTF-8
  EXPECT_EQ(parsed["output_fields"]["fd.name"], "/tmp/\xEF\xBF\xBD\xEF\xBF\xBD-bad");
  EXPECT_NE(parsed["output"].get<std::string>().find("/tmp/\xEF\xBF\xBD\xEF\xBF\xBD-bad"),
            std::string::npos);
}

TEST_F(AlertFormatTest, ControlCharactersCannotForgeAlertLines) {
  alert.output = "file=/tmp/x\n22:13:20.000000000: Critical fake alert\t\x1b[31m\\";
  std::string line = format_text(alert, {});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line,
            "22:13:20.123456789: Notice file=/tmp/x\\n22:13:20.000000000: Critical fake "
            "alert\\t\\x1b[31m\\\\");
}

TEST_F(AlertFormatTest, EscapeHandlesUtf8AndC1Controls) {
  EXPECT_EQ(escape_for_line("caf\xC3\xA9"), "caf\xC3\xA9");               // valid UTF-8 kept
  EXPECT_EQ(escape_for_line("a\xC2\x9B" "b"), "a\\u009bb");               // C1 CSI escaped
  EXPECT_EQ(escape_for_line("x\xE2\x80\xA8y"), "x\\u2028y");              // line separator
  EXPECT_EQ(escape_for_line("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");     // overlong '/'
  EXPECT_EQ(escape_for_line("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(escape_for_line("\x7f\r"), "\\x7f\\r");
}

TEST_F(AlertFormatTest, FalcosidekickAcceptsOurJson) {
  FormatOptions o;
  o.json_output = true;
  EXPECT_EQ(sidekick_rejects(format_json(alert, o)), "");
  for (auto p : {rules::Priority::kEmergency, rules::Priority::kInformational, rules::Priority::kDebug}) {
    alert.priority = p;
    EXPECT_EQ(sidekick_rejects(format_json(alert, o)), "") << priority_name(p);
  }
}

TEST(Rfc3339Test, ValidatorAgreesWithTheFormat) {
  EXPECT_TRUE(is_rfc3339("2023-11-14T22:13:20.123456789Z"));
  EXPECT_TRUE(is_rfc3339("2023-11-14T22:13:20Z"));
  EXPECT_TRUE(is_rfc3339("2023-11-14T22:13:20.1+01:00"));
  EXPECT_FALSE(is_rfc3339("2023-11-14T22:13:20.123456789+0000"));  // Falco's text prefix form
  EXPECT_FALSE(is_rfc3339("2023-11-14 22:13:20Z"));
  EXPECT_FALSE(is_rfc3339("2023-11-14T22:13:20."));
}

TEST_F(AlertFormatTest, FalcosidekickChecksAreRealChecks) {
  FormatOptions o;
  o.json_output = true;
  alert.output_fields = nlohmann::json::object();
  EXPECT_EQ(sidekick_rejects(format_json(alert, o)), "output_fields");
  o.include_output_fields = false;
  EXPECT_EQ(sidekick_rejects(format_json(alert, o)), "output_fields");
  EXPECT_EQ(sidekick_rejects(R"j({"priority":"Warning","rule":"r","time":"yesterday","output_fields":{"a":1}})j"), "time");
}

}  // namespace
}  // namespace lanner::output
