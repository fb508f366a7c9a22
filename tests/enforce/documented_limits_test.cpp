// What docs/threat-model.md says about programs that bring their own seccomp filters and about
// setuid binaries (no_new_privs), shown on real programs under `lanner run`.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "app/run_support.h"

namespace lanner::testing {
namespace {

// In sanitizer builds the helper is instrumented too, and its leak check at exit needs to open
// /proc/self/task, which its own ERRNO filter refuses: leak checking is off for the helper.
std::string helper() {
  return "env ASAN_OPTIONS=detect_leaks=0 " + std::string(LANNER_HELPERS_DIR) + "/own_seccomp";
}

constexpr const char* kOpenRule = "/tmp/lanner-limits-rules.yaml";

void write_open_rule() {
  std::ofstream(kOpenRule) << "- rule: Hostname opened\n"
                              "  desc: any open of /etc/hostname\n"
                              "  condition: evt.type in (open, openat) and fd.name = /etc/hostname\n"
                              "  output: hostname opened\n"
                              "  priority: NOTICE\n";
}

TEST(DocumentedLimits, ASecondListenerInTheTreeFailsWithEbusy) {
  auto natively = run_shell(helper() + " listener");
  EXPECT_EQ(natively.out, "listener errno=0\n");
  auto r = run_shell(lanner_binary() + " run -- " + helper() + " listener");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "listener errno=" + std::to_string(EBUSY) + "\n");
}

TEST(DocumentedLimits, TheProgramsOwnErrnoFilterWinsAndTheCallNeverRuns) {
  write_open_rule();
  auto r = run_shell(lanner_binary() + " run -r " + kOpenRule + " -- " + helper() + " errno");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Its ERRNO outranks lanner's USER_NOTIF: the call fails before lanner sees it (no alert).
  EXPECT_NE(r.out.find("open errno=" + std::to_string(EACCES) + "\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("hostname opened"), std::string::npos) << r.out;
  std::filesystem::remove(kOpenRule);
}

TEST(DocumentedLimits, SetuidBinariesDoNotGainPrivilegesUnderNoNewPrivs) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (makes a setuid-root copy of id)";
  char name[] = "/tmp/lanner-setuid-XXXXXX";
  const std::string dir = mkdtemp(name);
  chmod(dir.c_str(), 0755);
  const std::string id = dir + "/id";
  std::filesystem::copy_file("/usr/bin/id", id);
  ASSERT_EQ(chmod(id.c_str(), 04755), 0);
  const std::string as_nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  auto natively = run_shell(as_nobody + id + " -u");
  auto r = run_shell(lanner_binary() + " run -- " + as_nobody + id + " -u");
  std::filesystem::remove_all(dir);
  if (natively.out != "0\n") GTEST_SKIP() << "setuid is not honoured here (nosuid /tmp?): " << natively.out;
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "65534\n") << "the setuid bit must be ignored, as with no-new-privileges";
}

}  // namespace
}  // namespace lanner::testing

namespace lanner::testing {
namespace {

// `lanner trace` shows what hardening refused, so a rule author sees what the program tried.
TEST(TraceShowsHardening, RefusedIoUringCallsHaveTheirOwnLines) {
  auto r = run_shell(lanner_binary() + " trace -o trace.fields=evt.type -- " +
                     std::string(LANNER_HELPERS_DIR) + "/abi_probe io_uring");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  int refused = 0;
  std::istringstream lines(r.err);  // trace lines go to stderr, the program keeps stdout
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("lanner.hardening")) continue;
    EXPECT_EQ(j["lanner.hardening"], "lanner: io_uring denied");
    EXPECT_EQ(j["lanner.action"], "deny:ENOSYS");
    ++refused;
  }
  EXPECT_EQ(refused, 3) << r.err;  // io_uring_setup, _enter, _register
}

}  // namespace
}  // namespace lanner::testing
