#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "output/file_sink.h"
#include "output/program_sink.h"
#include "output/stdout_sink.h"
#include "output/test_util.h"

namespace lanner::output {
namespace {

using testing::count_lines;
using testing::read_file;
using testing::sample_alert;
using testing::TempDir;

class SinksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
  }
  TempDir dir;
};

TEST_F(SinksTest, StdoutSinkWritesOneLinePerAlert) {
  const std::string path = dir.file("out.txt");
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  {
    StdoutSink sink({}, false, fd);
    EXPECT_TRUE(sink.deliver(sample_alert("r", "first")).ok);
    EXPECT_TRUE(sink.deliver(sample_alert("r", "second\nline")).ok);
  }
  ::close(fd);
  EXPECT_EQ(read_file(path),
            "22:13:20.000000000: Warning first\n22:13:20.000000000: Warning second\\nline\n");
}

TEST_F(SinksTest, BufferedStdoutSinkWritesOnFlush) {
  const std::string path = dir.file("out.txt");
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  StdoutSink sink({}, true, fd);
  EXPECT_TRUE(sink.deliver(sample_alert()).ok);
  EXPECT_EQ(read_file(path), "");
  sink.flush();
  EXPECT_EQ(count_lines(read_file(path)), 1u);
  ::close(fd);
}

TEST_F(SinksTest, StdoutSinkReportsWriteFailure) {
  StdoutSink sink({}, false, -1);
  DeliveryResult r = sink.deliver(sample_alert());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "stdout: Bad file descriptor");
}

TEST_F(SinksTest, StdoutSinkSurvivesAClosedPipe) {
  // `lanner ... | head -1`: the reader goes away; lanner must see EPIPE, not die of SIGPIPE.
  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  ::close(fds[0]);
  StdoutSink sink({}, false, fds[1]);
  DeliveryResult r = sink.deliver(sample_alert());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "stdout: Broken pipe");
  ::close(fds[1]);
}

TEST_F(SinksTest, FileSinkAppendsJsonLines) {
  const std::string path = dir.file("events.txt");
  FormatOptions json;
  json.json_output = true;
  FileSink sink(path, false, false, json);
  EXPECT_TRUE(sink.deliver(sample_alert("a")).ok);
  EXPECT_TRUE(sink.deliver(sample_alert("b")).ok);
  std::string text = read_file(path);
  ASSERT_EQ(count_lines(text), 2u);
  auto first = nlohmann::json::parse(text.substr(0, text.find('\n')));
  EXPECT_EQ(first["rule"], "a");
  EXPECT_EQ((std::filesystem::status(path).permissions() & std::filesystem::perms::others_read),
            std::filesystem::perms::none);
}

TEST_F(SinksTest, FileSinkWithoutKeepAliveFollowsRotation) {
  const std::string path = dir.file("events.txt");
  FileSink sink(path, false, false, {});
  EXPECT_TRUE(sink.deliver(sample_alert("r", "before")).ok);
  std::filesystem::rename(path, dir.file("events.txt.1"));
  EXPECT_TRUE(sink.deliver(sample_alert("r", "after")).ok);
  EXPECT_EQ(count_lines(read_file(dir.file("events.txt.1"))), 1u);
  EXPECT_NE(read_file(path).find("after"), std::string::npos);
}

TEST_F(SinksTest, FileSinkKeepAliveReopensOnRequest) {
  const std::string path = dir.file("events.txt");
  FileSink sink(path, true, false, {});
  EXPECT_TRUE(sink.deliver(sample_alert("r", "one")).ok);
  std::filesystem::rename(path, dir.file("events.txt.1"));
  EXPECT_TRUE(sink.deliver(sample_alert("r", "two")).ok);  // still the old, open file
  EXPECT_FALSE(std::filesystem::exists(path));
  sink.reopen();
  EXPECT_TRUE(sink.deliver(sample_alert("r", "three")).ok);
  EXPECT_EQ(count_lines(read_file(dir.file("events.txt.1"))), 2u);
  EXPECT_NE(read_file(path).find("three"), std::string::npos);
}

TEST_F(SinksTest, FileSinkReportsUnwritablePath) {
  FileSink sink(dir.file("missing/dir/events.txt"), false, false, {});
  DeliveryResult r = sink.deliver(sample_alert());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("cannot open"), std::string::npos);
}

TEST_F(SinksTest, ProgramSinkRunsOneProcessPerAlert) {
  const std::string path = dir.file("prog.txt");
  ProgramSink sink("cat >> '" + path + "'", false, {});
  EXPECT_TRUE(sink.deliver(sample_alert("r", "one")).ok);
  EXPECT_TRUE(sink.deliver(sample_alert("r", "two")).ok);
  EXPECT_EQ(read_file(path),
            "22:13:20.000000000: Warning one\n22:13:20.000000000: Warning two\n");
}

TEST_F(SinksTest, ProgramSinkKeepAliveUsesOneProcess) {
  const std::string path = dir.file("prog.txt");
  {
    ProgramSink sink("echo start >> '" + path + "'; cat >> '" + path + "'", true, {});
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(sink.deliver(sample_alert()).ok);
  }  // destructor closes stdin and waits
  std::string text = read_file(path);
  EXPECT_EQ(count_lines(text), 4u);
  EXPECT_EQ(text.rfind("start", 0), 0u);
  EXPECT_EQ(text.find("start", 1), std::string::npos);
}

TEST_F(SinksTest, ProgramSinkFailureIsReported) {
  ProgramSink sink("cat > /dev/null; exit 3", false, {});
  DeliveryResult r = sink.deliver(sample_alert());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("exited with status 3"), std::string::npos) << r.error;
}

TEST_F(SinksTest, ProgramSinkSurvivesADeadReader) {
  // The program exits without reading: writing must give EPIPE, not kill the test with SIGPIPE.
  ProgramSink sink("exit 0", true, {});
  std::string big(1 << 20, 'x');
  bool failed = false;
  for (int i = 0; i < 5 && !failed; ++i) {
    failed = !sink.deliver(sample_alert("r", big)).ok;
    usleep(20000);
  }
  EXPECT_TRUE(failed);
}

TEST_F(SinksTest, ProgramSinkKillsAHangingProgramAfterTimeout) {
  ProgramSink sink("cat > /dev/null; exec sleep 30", false, {}, std::chrono::milliseconds(200));
  auto start = std::chrono::steady_clock::now();
  DeliveryResult r = sink.deliver(sample_alert());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("did not exit in time"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

}  // namespace
}  // namespace lanner::output
