// `lanner run` end to end: upstream Falco rules, real programs, alerts on stdout.
#include <sys/stat.h>
#include <unistd.h>

#include <map>
#include <regex>

#include "app/run_support.h"

namespace lanner::testing {
namespace {

class RunAlerts : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_upstream_rules()) GTEST_SKIP() << "upstream rules not found at " << LANNER_UPSTREAM_RULES_DIR;
    if (geteuid() != 0) GTEST_SKIP() << "needs root (reads /etc/shadow)";
  }
  CommandResult lanner_run(const std::string& options, const std::string& command) {
    return run_shell(lanner_binary() + " run" + upstream_rule_flags() + " " + options + " -- " + command);
  }
};

TEST_F(RunAlerts, CatShadowGivesExactlyOneReadSensitiveFileAlert) {
  auto r = lanner_run("-o json_output=true", "cat /etc/shadow");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto alerts = json_alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  const auto& a = alerts[0];
  EXPECT_EQ(a["rule"], "Read sensitive file untrusted");
  EXPECT_EQ(a["priority"], "Warning");
  EXPECT_EQ(a["source"], "syscall");
  EXPECT_TRUE(a["tags"].is_array());
  EXPECT_NE(std::find(a["tags"].begin(), a["tags"].end(), "maturity_stable"), a["tags"].end());
  const auto& f = a["output_fields"];
  EXPECT_EQ(f["fd.name"], "/etc/shadow");
  EXPECT_EQ(f["proc.name"], "cat");
  EXPECT_EQ(f["proc.cmdline"], "cat /etc/shadow");
  EXPECT_EQ(f["proc.exepath"], "/usr/bin/cat");
  EXPECT_EQ(f["evt.type"], "openat");
  EXPECT_EQ(f["user.name"], "root");
  EXPECT_EQ(f["user.uid"], 0);
  EXPECT_EQ(f["container.id"], "host");
  EXPECT_TRUE(f["container.name"].is_null());
  expect_falcosidekick_accepts(a);
  // The program's own output is all there: the shadow file, byte for byte (before or after the
  // alert: both share stdout, and alerts are written by lanner's output thread).
  EXPECT_NE(r.out.find(read_all("/etc/shadow")), std::string::npos) << r.out;
}

TEST_F(RunAlerts, TextLineHasFalcosFormat) {
  auto r = lanner_run("", "cat /etc/shadow");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      r.out, m,
      std::regex(R"((^|\n)(\d\d:\d\d:\d\d\.\d{9}): Warning Sensitive file opened for reading by non-trusted program \| file=/etc/shadow [^\n]*process=cat [^\n]*command=cat /etc/shadow [^\n]*container_id=host container_name=<NA>)")))
      << r.out;
}

TEST_F(RunAlerts, IsoTimeWhenConfigured) {
  auto r = lanner_run("-o time_format_iso_8601=true", "cat /etc/shadow");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}\+0000: Warning Sensitive file opened)")))
      << r.out;
}

TEST_F(RunAlerts, BenignProgramsRaiseNoAlertAndBehaveAsNative) {
  const std::string script =
      "ls / >/dev/null; cat /etc/hostname; echo data > /tmp/lanner-e2e-benign.txt; "
      "cat /tmp/lanner-e2e-benign.txt; rm -f /tmp/lanner-e2e-benign.txt; exit 3";
  auto native = run_shell("sh -c '" + script + "'");
  auto r = lanner_run("-o json_output=true", "sh -c '" + script + "'");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(native.exit_code, 3);
  EXPECT_TRUE(json_alerts(r.out).empty()) << r.out;
  EXPECT_EQ(r.out, native.out);
}

TEST_F(RunAlerts, UnprivilegedReadOfShadowFailsAsNativeAndDoesNotAlert) {
  // The rule needs fd.num >= 0 (a successful open): lanner learns the real result by opening
  // the file with the program's own credentials, so the failed open does not alert.
  const std::string cmd = "setpriv --reuid=65534 --regid=65534 --clear-groups cat /etc/shadow";
  auto native = run_shell(cmd);
  auto r = lanner_run("-o json_output=true", cmd);
  EXPECT_EQ(r.exit_code, native.exit_code);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("Permission denied"), std::string::npos) << r.err;
  EXPECT_TRUE(json_alerts(r.out).empty()) << r.out;
}

TEST_F(RunAlerts, FilesCreatedThroughExactResultsKeepOwnerAndUmask) {
  // A rule that needs the open's result makes lanner perform the open for the program.
  char dir_template[] = "/tmp/lanner-e2e-create-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string dir = dir_template;
  chmod(dir.c_str(), 0777);
  const std::string rules = dir + "/rules.yaml";
  std::ofstream(rules) << "- rule: New file in test dir\n"
                          "  desc: test\n"
                          "  condition: evt.type in (open, openat, openat2, creat) and fd.num >= 0 and fd.name startswith "
                       << dir << "/out\n"
                          "  output: created %fd.name fd=%fd.num res=%evt.res\n"
                          "  priority: NOTICE\n";
  auto r = run_shell(lanner_binary() + " run -o json_output=true -r " + rules +
                     " -- setpriv --reuid=65534 --regid=65534 --clear-groups sh -c 'umask 027; echo hello > " +
                     dir + "/out.txt; cat " + dir + "/out.txt'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto alerts = json_alerts(r.out);
  ASSERT_GE(alerts.size(), 2u) << r.out;  // the write, then the read
  EXPECT_EQ(alerts[0]["output_fields"]["fd.name"], dir + "/out.txt");
  EXPECT_GE(alerts[0]["output_fields"]["fd.num"].get<int64_t>(), 0);
  EXPECT_EQ(alerts[0]["output_fields"]["evt.res"], "SUCCESS");
  EXPECT_NE(r.out.find("hello\n"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(stat((dir + "/out.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 65534u);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  std::filesystem::remove_all(dir);
}

TEST_F(RunAlerts, MissingFileOpenReportsTheRealErrno) {
  const std::string rules = "/tmp/lanner-e2e-enoent.yaml";
  std::ofstream(rules) << "- rule: Failed open\n"
                          "  desc: test\n"
                          "  condition: evt.type in (open, openat) and fd.num = -1 and fd.name = /nonexistent/lanner\n"
                          "  output: failed %fd.name res=%evt.res raw=%evt.rawres\n"
                          "  priority: NOTICE\n";
  auto native = run_shell("cat /nonexistent/lanner");
  auto r = run_shell(lanner_binary() + " run -o json_output=true -r " + rules + " -- cat /nonexistent/lanner");
  EXPECT_EQ(r.exit_code, native.exit_code);
  EXPECT_EQ(r.err, native.err);
  auto alerts = json_alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  EXPECT_EQ(alerts[0]["output_fields"]["evt.res"], "ENOENT");
  EXPECT_EQ(alerts[0]["output_fields"]["evt.rawres"], -2);
  unlink(rules.c_str());
}

// Rules on a particular errno or fd number: lanner decides before the call returns, so it must
// not settle for a guessed result (success as fd 0, failure as EACCES would miss both of these).
TEST_F(RunAlerts, RulesOnAnyErrnoOrFdNumberSeeTheRealResult) {
  const std::string rules = "/tmp/lanner-e2e-results.yaml";
  std::ofstream(rules) << "- rule: Missing file probe\n"
                          "  desc: test\n"
                          "  condition: evt.type in (open, openat) and evt.res = ENOENT and fd.name startswith /nonexistent\n"
                          "  output: missing %fd.name res=%evt.res\n"
                          "  priority: WARNING\n"
                          "- rule: High fd\n"
                          "  desc: test\n"
                          "  condition: evt.type in (open, openat) and fd.num > 2 and fd.name = /etc/hostname\n"
                          "  output: high fd %fd.num\n"
                          "  priority: WARNING\n"
                          "- rule: Never\n"
                          "  desc: an errno an open of an existing readable file cannot return\n"
                          "  condition: evt.type in (open, openat) and evt.res = ENOENT and fd.name = /etc/hostname\n"
                          "  output: never %fd.name\n"
                          "  priority: WARNING\n";
  auto r = run_shell(lanner_binary() + " run -o json_output=true -r " + rules +
                     " -- sh -c 'cat /nonexistent/lanner 2>/dev/null; cat /etc/hostname'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, nlohmann::json> by_rule;
  for (const auto& alert : json_alerts(r.out)) by_rule[alert["rule"]] = alert;
  ASSERT_EQ(by_rule.size(), 2u) << r.out;
  EXPECT_EQ(by_rule["Missing file probe"]["output_fields"]["evt.res"], "ENOENT");
  EXPECT_GT(by_rule["High fd"]["output_fields"]["fd.num"].get<int64_t>(), 2);
  EXPECT_EQ(by_rule.count("Never"), 0u);
  EXPECT_NE(r.out.find(read_all("/etc/hostname")), std::string::npos) << "cat still printed the file";
  unlink(rules.c_str());
}

}  // namespace
}  // namespace lanner::testing

namespace lanner::testing {
namespace {

// Falco reopens its file output on SIGUSR1 (logrotate); lanner does on SIGUSR1 and SIGHUP, and
// still forwards the signal to the command.
TEST(RunOutputs, SignalReopensTheFileOutputAfterRotation) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (reads /etc/shadow)";
  char name[] = "/tmp/lanner-reopen-XXXXXX";
  const std::string dir = mkdtemp(name);
  const std::string rules = std::string(LANNER_SOURCE_DIR) + "/examples/hello_alert/rules.yaml";
  const std::string log = dir + "/alerts.log";
  const std::string script =
      "D=" + dir + "; " + lanner_binary() + " run -r " + rules +
      " -o stdout_output.enabled=false -o file_output.enabled=true -o file_output.keep_alive=true"
      " -o file_output.filename=" + log +
      " -- sh -c 'trap \"echo got-usr1\" USR1; cat /etc/shadow >/dev/null;"
      " while [ ! -e $0/go ]; do sleep 0.05; done; cat /etc/shadow >/dev/null' $D & L=$!;"
      " i=0; while [ ! -s $D/alerts.log ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done;"
      " mv $D/alerts.log $D/rotated.log; kill -USR1 $L; sleep 0.2; touch $D/go; wait $L";
  auto r = run_shell(script);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("got-usr1"), std::string::npos) << "the signal must still reach the command";
  auto count_lines = [](const std::string& path) {
    std::ifstream in(path);
    int n = 0;
    for (std::string line; std::getline(in, line);) n += line.find("Credential file opened") != std::string::npos;
    return n;
  };
  EXPECT_EQ(count_lines(dir + "/rotated.log"), 1);
  EXPECT_EQ(count_lines(log), 1) << "the second alert must go to the reopened file";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lanner::testing
