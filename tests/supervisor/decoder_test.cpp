// Decoder against fake memory and fake /proc: no kernel involved.
#include "supervisor/decoder.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <algorithm>
#include <cstring>

#include "event/field_registry.h"
#include "supervisor/supervisor_fakes.h"

namespace lanner::supervisor {
namespace {

using testing::FakeProcFs;
using testing::FakeTargetMemory;

constexpr int kTid = 100;
constexpr uint64_t kPage = 0x10000;

std::string nul_joined(std::initializer_list<const char*> parts) {
  std::string out;
  for (const char* p : parts) {
    out += p;
    out.push_back('\0');
  }
  return out;
}

class DecoderTest : public ::testing::Test {
 protected:
  DecoderTest() : table(fs, /*self_pid=*/1), decoder(memory, table, fs, nullptr) {
    fs.add_process(kTid, 50, "cat", nul_joined({"cat", "hostname"}), "/home/alice");
    fs.add_process(50, 1, "bash", nul_joined({"-bash"}), "/home/alice");
  }

  RawNotification call(int nr, std::array<uint64_t, 6> args) {
    RawNotification n;
    n.id = 7;
    n.tid = kTid;
    n.nr = nr;
    n.args = args;
    return n;
  }

  FakeTargetMemory memory;
  FakeProcFs fs;
  ProcTable table;
  Decoder decoder;
  event::SyscallEvent event;
};

TEST_F(DecoderTest, OpenatAbsolutePathIsTheFdName) {
  memory.map(kPage, std::string("/etc/hostname\0", 14));
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage, O_RDONLY, 0, 0, 0}), event);
  ASSERT_NE(event.syscall, nullptr);
  EXPECT_EQ(event.syscall->name, "openat");
  EXPECT_TRUE(event.data_ok[1]);
  EXPECT_EQ(event.data[1], "/etc/hostname");
  EXPECT_EQ(event.abs_path[1], "/etc/hostname");
  EXPECT_TRUE(event.has_fd);
  EXPECT_EQ(event.fd.name, "/etc/hostname");
  EXPECT_EQ(event.fd.num, -1);
  EXPECT_EQ(event.num, 1u);
  ASSERT_NE(event.process, nullptr);
  EXPECT_EQ(event.process->comm, "cat");
  EXPECT_EQ(event.process->user_name, "alice");
  ASSERT_NE(event.process->parent, nullptr);
  EXPECT_EQ(event.process->parent->comm, "bash");
}

TEST_F(DecoderTest, RelativePathResolvesThroughDirfd) {
  fs.links["/proc/100/fd/5"] = "/var/log";
  memory.map(kPage, std::string("../lib/./x//y\0", 14));
  decoder.decode(call(SYS_openat, {5, kPage, O_RDONLY, 0, 0, 0}), event);
  event.complete_paths();
  EXPECT_EQ(event.abs_path[1], "/var/lib/x/y");
  EXPECT_EQ(event.fd.name, "/var/lib/x/y");
  EXPECT_EQ(event.fd.nameraw, "../lib/./x//y");
}

TEST_F(DecoderTest, RelativePathWithAtFdcwdUsesTheCurrentCwd) {
  fs.links["/proc/100/cwd"] = "/etc";  // changed since the process was first seen
  memory.map(kPage, std::string("hostname\0", 9));
  decoder.decode(call(SYS_open, {kPage, O_RDONLY, 0, 0, 0, 0}), event);
  event.complete_paths();
  EXPECT_EQ(event.abs_path[0], "/etc/hostname");
}

TEST_F(DecoderTest, RelativePathBaseIsReadOnlyWhenAFieldNeedsIt) {
  fs.links["/proc/100/fd/5"] = "/usr/include";
  memory.map(kPage, std::string("linux\0", 6));
  decoder.decode(call(SYS_openat, {5, kPage, O_RDONLY | O_DIRECTORY, 0, 0, 0}), event);
  const auto reads_of_dirfd = [&] {
    return std::count(fs.links_read.begin(), fs.links_read.end(), "/proc/100/fd/5");
  };
  EXPECT_EQ(reads_of_dirfd(), 0) << "decoding alone does not readlink the dirfd";
  EXPECT_NE(event.pending_paths, 0);

  event::EventFieldSource fields;
  fields.reset(event);
  lang::FieldValues values;
  for (const char* name : {"evt.type", "fd.typechar", "fd.nameraw", "proc.name", "evt.is_open_read"}) {
    const auto field = event::field_catalog().resolve(name);
    ASSERT_TRUE(field) << name;
    fields.extract(*field, values);
  }
  EXPECT_EQ(reads_of_dirfd(), 0) << "none of these fields depends on the absolute path";

  const auto directory = event::field_catalog().resolve("fd.directory");
  ASSERT_TRUE(directory);
  ASSERT_TRUE(fields.extract(*directory, values));
  EXPECT_EQ(values.front().str, "/usr/include");
  EXPECT_EQ(event.fd.name, "/usr/include/linux");
  EXPECT_EQ(reads_of_dirfd(), 1);
  event.complete_paths();
  EXPECT_EQ(reads_of_dirfd(), 1) << "completed once per event";
}

TEST_F(DecoderTest, CompletionKeepsAnFdNameSetSinceDecoding) {
  fs.links["/proc/100/cwd"] = "/home/alice";
  memory.map(kPage, std::string("link/file\0", 10));
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage, O_RDONLY, 0, 0, 0}), event);
  event.fd.name = "/srv/file";  // what the enforcer resolved (link -> /srv)
  event.complete_paths();
  EXPECT_EQ(event.abs_path[1], "/home/alice/link/file");
  EXPECT_EQ(event.fd.name, "/srv/file");
}

TEST_F(DecoderTest, AbsolutePathsNeedNoCompletion) {
  memory.map(kPage, std::string("/etc//passwd\0", 13));
  decoder.decode(call(SYS_openat, {5, kPage, O_RDONLY, 0, 0, 0}), event);
  EXPECT_EQ(event.pending_paths, 0);
  EXPECT_EQ(event.fd.name, "/etc/passwd");
}

TEST_F(DecoderTest, RelativeExecPathIsCompletedAtDecode) {
  fs.links["/proc/100/cwd"] = "/opt/tools";
  memory.map(kPage, std::string("./run.sh\0", 9));
  decoder.decode(call(SYS_execve, {kPage, 0, 0, 0, 0, 0}), event);
  EXPECT_EQ(event.pending_paths, 0);
  EXPECT_EQ(event.abs_path[0], "/opt/tools/run.sh");
  ASSERT_NE(event.process, nullptr);
  EXPECT_EQ(event.process->exepath, "/opt/tools/run.sh");
}

TEST_F(DecoderTest, ODirectoryOpensADirectoryFd) {
  // As Falco: an open with O_DIRECTORY gives fd.type directory (fd.typechar 'd').
  memory.map(kPage, std::string("/usr/include\0", 13));
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage, O_RDONLY | O_DIRECTORY, 0, 0, 0}), event);
  EXPECT_EQ(event.fd.type, event::FdType::kDirectory);
  EXPECT_EQ(event.fd.name, "/usr/include");
  decoder.decode(call(SYS_open, {kPage, O_RDONLY | O_DIRECTORY, 0, 0, 0, 0}), event);
  EXPECT_EQ(event.fd.type, event::FdType::kDirectory);
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage, O_RDONLY, 0, 0, 0}), event);
  EXPECT_EQ(event.fd.type, event::FdType::kFile);
}

TEST_F(DecoderTest, Openat2ODirectoryComesFromOpenHow) {
  memory.map(kPage, std::string("/usr/include\0", 13));
  open_how how{};
  how.flags = O_RDONLY | O_DIRECTORY;
  memory.map(2 * kPage, std::string(reinterpret_cast<const char*>(&how), sizeof how));
  decoder.decode(call(SYS_openat2, {static_cast<uint64_t>(AT_FDCWD), kPage, 2 * kPage, sizeof how, 0, 0}), event);
  EXPECT_EQ(event.fd.type, event::FdType::kDirectory);
  decoder.decode(call(SYS_openat2, {static_cast<uint64_t>(AT_FDCWD), kPage, 0, sizeof how, 0, 0}), event);
  EXPECT_EQ(event.fd.type, event::FdType::kFile) << "unreadable open_how: no O_DIRECTORY seen";
}

TEST_F(DecoderTest, ShortPathIsReadInOneSmallRead) {
  memory.map(kPage, "/etc/hostname" + std::string(kPageSize - 13, '\0'));
  memory.reads = 0;
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage, O_RDONLY, 0, 0, 0}), event);
  EXPECT_EQ(event.data[1], "/etc/hostname");
  EXPECT_EQ(memory.reads, 1);
  EXPECT_LE(memory.largest_read, kFirstStringChunk) << "no page-sized copy for a short path";
}

TEST_F(DecoderTest, PathLongerThanTheFirstReadContinuesInThePage) {
  std::string path = "/" + std::string(kFirstStringChunk + 100, 'p');
  memory.map(kPage, path + std::string(kPageSize - path.size(), '\0'));
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage, O_RDONLY, 0, 0, 0}), event);
  EXPECT_TRUE(event.data_ok[1]);
  EXPECT_EQ(event.data[1], path);
}

TEST_F(DecoderTest, GarbagePointerGivesNoData) {
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), 0xdeadbeef000, 0, 0, 0, 0}), event);
  EXPECT_FALSE(event.data_ok[1]);
  EXPECT_TRUE(event.data[1].empty());
  EXPECT_TRUE(event.abs_path[1].empty());
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), 0, 0, 0, 0, 0}), event);
  EXPECT_FALSE(event.data_ok[1]);
}

TEST_F(DecoderTest, UnterminatedStringAtTheEndOfAMappingFails) {
  memory.map(kPage, std::string(kPageSize, 'a'));  // no NUL, next page unmapped
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage + 4000, 0, 0, 0, 0}), event);
  EXPECT_FALSE(event.data_ok[1]);
}

TEST_F(DecoderTest, StringEndingOnTheLastByteOfAPageReads) {
  std::string page(kPageSize, 'b');
  page.back() = '\0';
  memory.map(kPage, page);
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage + kPageSize - 4, 0, 0, 0, 0}), event);
  EXPECT_TRUE(event.data_ok[1]);
  EXPECT_EQ(event.data[1], "bbb");
}

TEST_F(DecoderTest, StringCrossingPagesReads) {
  std::string two(2 * kPageSize, 'c');
  two[kPageSize + 10] = '\0';
  memory.map(kPage, two);
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage + kPageSize - 5, 0, 0, 0, 0}), event);
  EXPECT_TRUE(event.data_ok[1]);
  EXPECT_EQ(event.data[1].size(), 15u);
}

TEST_F(DecoderTest, OverlongPathIsCutAtTheLimit) {
  memory.map(kPage, std::string(3 * kPageSize, '/'));
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage, 0, 0, 0, 0}), event);
  EXPECT_FALSE(event.data_ok[1]);
  EXPECT_EQ(event.data[1].size(), 4096u);
}

TEST_F(DecoderTest, NonUtf8BytesArePreserved) {
  memory.map(kPage, std::string("/tmp/\xff\xfe\x80x\0", 10));
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage, 0, 0, 0, 0}), event);
  EXPECT_EQ(event.data[1], "/tmp/\xff\xfe\x80x");
}

TEST_F(DecoderTest, ExecveDescribesTheNewProgram) {
  memory.map(kPage, std::string("/usr/bin/wc\0", 12));
  std::string strings = nul_joined({"wc", "-l", "/etc/passwd"});
  memory.map(2 * kPage, strings);
  uint64_t argv[4] = {2 * kPage, 2 * kPage + 3, 2 * kPage + 6, 0};
  memory.map(3 * kPage, std::string(reinterpret_cast<const char*>(argv), sizeof argv));
  decoder.decode(call(SYS_execve, {kPage, 3 * kPage, 0, 0, 0, 0}), event);
  ASSERT_EQ(event.argv.size(), 3u);
  EXPECT_EQ(event.argv[2], "/etc/passwd");
  ASSERT_NE(event.process, nullptr);
  EXPECT_EQ(event.process->comm, "wc");
  EXPECT_EQ(event.process->exepath, "/usr/bin/wc");
  EXPECT_EQ(event.process->exe, "wc");
  ASSERT_EQ(event.process->args.size(), 2u);
  EXPECT_EQ(event.process->args[0], "-l");
  EXPECT_EQ(event.process->pid, kTid);
  ASSERT_NE(event.process->parent, nullptr);
  EXPECT_EQ(event.process->parent->comm, "bash");  // proc.pname is the caller's parent
  EXPECT_FALSE(event.process->exe_from_memfd);
}

TEST_F(DecoderTest, HugeArgvIsBounded) {
  memory.map(kPage, std::string("/bin/x\0", 7));
  memory.map(2 * kPage, std::string("arg\0", 4));
  std::string pointers;
  for (int i = 0; i < 5000; ++i) {
    uint64_t p = 2 * kPage;
    pointers.append(reinterpret_cast<const char*>(&p), 8);
  }
  memory.map(4 * kPage, pointers + std::string(8, '\0'));
  decoder.decode(call(SYS_execve, {kPage, 4 * kPage, 0, 0, 0, 0}), event);
  EXPECT_EQ(event.argv.size(), DecoderLimits{}.max_argc);
}

TEST_F(DecoderTest, ArgvWithUnreadableEntriesKeepsGoing) {
  memory.map(kPage, std::string("/bin/x\0", 7));
  uint64_t argv[3] = {0xbad000, kPage, 0};
  memory.map(3 * kPage, std::string(reinterpret_cast<const char*>(argv), sizeof argv));
  decoder.decode(call(SYS_execve, {kPage, 3 * kPage, 0, 0, 0, 0}), event);
  ASSERT_EQ(event.argv.size(), 2u);
  EXPECT_EQ(event.argv[0], "");
  EXPECT_EQ(event.argv[1], "/bin/x");
}

TEST_F(DecoderTest, MemfdExecveatIsFlagged) {
  memory.map(kPage, std::string("\0", 1));
  fs.links["/proc/100/fd/3"] = "/memfd:payload (deleted)";
  decoder.decode(call(SYS_execveat, {3, kPage, 0, 0, AT_EMPTY_PATH, 0}), event);
  ASSERT_NE(event.process, nullptr);
  EXPECT_TRUE(event.process->exe_from_memfd);
}

TEST_F(DecoderTest, ConnectTakesTheRemoteFromTheSockaddr) {
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(8080);
  sin.sin_addr.s_addr = htonl(0x7f000001);
  memory.map(kPage, std::string(reinterpret_cast<const char*>(&sin), sizeof sin));
  fs.links["/proc/100/fd/4"] = "socket:[1234]";
  decoder.decode(call(SYS_connect, {4, kPage, sizeof sin, 0, 0, 0}), event);
  EXPECT_TRUE(event.has_fd);
  EXPECT_EQ(event.fd.num, 4);
  EXPECT_EQ(event.fd.type, event::FdType::kIpv4);
  EXPECT_TRUE(event.fd.has_tuple);
  EXPECT_EQ(event.fd.remote.port, 8080);
  EXPECT_EQ(event.fd.remote.ip[0], 127);
  EXPECT_EQ(event.fd.name, "0.0.0.0:0->127.0.0.1:8080");
}

TEST_F(DecoderTest, FdUsingCallDescribesTheFd) {
  fs.links["/proc/100/fd/9"] = "pipe:[77]";
  decoder.decode(call(SYS_fchmod, {9, 0644, 0, 0, 0, 0}), event);
  EXPECT_EQ(event.fd.num, 9);
  EXPECT_EQ(event.fd.type, event::FdType::kPipe);
  EXPECT_EQ(event.fd.name, "pipe:[77]");
}

TEST_F(DecoderTest, UnknownSyscallKeepsRawArguments) {
  decoder.decode(call(999, {1, 2, 3, 4, 5, 6}), event);
  EXPECT_EQ(event.syscall, nullptr);
  EXPECT_EQ(event.raw[5], 6u);
  EXPECT_NE(event.process, nullptr);
}

TEST_F(DecoderTest, ReusedEventIsCleared) {
  memory.map(kPage, std::string("/etc/hostname\0", 14));
  decoder.decode(call(SYS_openat, {static_cast<uint64_t>(AT_FDCWD), kPage, 0, 0, 0, 0}), event);
  decoder.decode(call(SYS_setuid, {0, 0, 0, 0, 0, 0}), event);
  EXPECT_FALSE(event.has_fd);
  EXPECT_TRUE(event.data[1].empty());
  EXPECT_EQ(event.num, 2u);
}

TEST(NormalizePath, Lexical) {
  EXPECT_EQ(normalize_path("/"), "/");
  EXPECT_EQ(normalize_path("/a/../../b"), "/b");
  EXPECT_EQ(normalize_path("//a/./b/"), "/a/b");
  EXPECT_EQ(normalize_path("/a/b/.."), "/a");
}

}  // namespace
}  // namespace lanner::supervisor
