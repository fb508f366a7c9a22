// Renderings must match libscap/libsinsp text exactly: upstream rules compare them as strings
// (evt.arg.flags contains O_TRUNC, evt.arg.domain contains AF_PACKET...).
#include <fcntl.h>
#include <sched.h>
#include <sys/ptrace.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include "event/render_flags.h"
#include "event/render_net.h"
#include "event/render_time.h"
#include "event_builders.h"

namespace lanner::event {
namespace {

std::string flags_text(std::string_view table, uint64_t linux_value) {
  std::string out;
  append_flag_names(flag_table(table), to_ppm(table, linux_value), out);
  return out;
}

std::string enum_text(std::string_view table, uint64_t linux_value) {
  return std::string(enum_name(flag_table(table), to_ppm(table, linux_value)));
}

TEST(RenderFlags, OpenFlagsReadOnlyIsExplicit) {
  EXPECT_EQ(flags_text("file_flags", O_RDONLY | O_CLOEXEC), "O_RDONLY|O_CLOEXEC");
  EXPECT_EQ(flags_text("file_flags", O_RDONLY), "O_RDONLY");
  EXPECT_EQ(open_flags_to_ppm(O_RDONLY | O_CLOEXEC), 4097u);
}

TEST(RenderFlags, OpenFlagsFollowLibscapTableOrder) {
  // libsinsp walks flags_table.c in order: O_TRUNC comes before O_CREAT, O_WRONLY after both.
  EXPECT_EQ(flags_text("file_flags", O_WRONLY | O_CREAT | O_TRUNC), "O_TRUNC|O_CREAT|O_WRONLY");
  EXPECT_EQ(flags_text("file_flags", O_RDWR), "O_RDWR");
  EXPECT_EQ(flags_text("file_flags", O_RDWR | O_CREAT | O_APPEND), "O_APPEND|O_CREAT|O_RDWR");
  EXPECT_EQ(flags_text("file_flags", O_WRONLY | O_NONBLOCK | O_DIRECTORY),
            "O_DIRECTORY|O_NONBLOCK|O_WRONLY");
}

TEST(RenderFlags, TmpfileImpliesDirectoryBit) {
  std::string text = flags_text("file_flags", O_RDWR | O_TMPFILE);
  EXPECT_NE(text.find("O_TMPFILE"), std::string::npos);
  EXPECT_NE(text.find("O_RDWR"), std::string::npos);
}

TEST(RenderFlags, ZeroRendersNoneOnlyWhereTheTableNamesIt) {
  std::string out;
  append_flag_names(flag_table("file_flags"), 0, out);
  EXPECT_EQ(out, "O_NONE");
  out.clear();
  append_flag_names(flag_table("unlinkat_flags"), 0, out);
  EXPECT_EQ(out, "");
}

TEST(RenderFlags, SocketFamilies) {
  EXPECT_EQ(enum_text("socket_families", AF_PACKET), "AF_PACKET");
  EXPECT_EQ(enum_text("socket_families", AF_INET), "AF_INET");
  EXPECT_EQ(enum_text("socket_families", AF_INET6), "AF_INET6");
  EXPECT_EQ(enum_text("socket_families", AF_NETLINK), "AF_ROUTE");  // first 16 in the table
  EXPECT_EQ(enum_text("socket_families", AF_UNIX), "AF_LOCAL");     // first 1 in the table
  EXPECT_EQ(enum_text("socket_families", 27), "");
}

TEST(RenderFlags, PtraceRequestsAreConvertedToPpm) {
  EXPECT_EQ(enum_text("ptrace_requests", PTRACE_ATTACH), "PTRACE_ATTACH");
  EXPECT_EQ(enum_text("ptrace_requests", PTRACE_TRACEME), "PTRACE_TRACEME");
  EXPECT_EQ(enum_text("ptrace_requests", PTRACE_SEIZE), "PTRACE_SEIZE");
  EXPECT_EQ(enum_text("ptrace_requests", PTRACE_POKETEXT), "PTRACE_POKETEXT");
  EXPECT_EQ(enum_text("ptrace_requests", 0x9999), "PTRACE_UNKNOWN");
  EXPECT_EQ(ptrace_request_to_ppm(PTRACE_ATTACH), 11u);
}

TEST(RenderFlags, CloneFlags) {
  EXPECT_EQ(flags_text("clone_flags", CLONE_NEWNS | CLONE_NEWUSER), "CLONE_NEWNS|CLONE_NEWUSER");
  EXPECT_EQ(flags_text("clone_flags", CLONE_NEWCGROUP), "CLONE_NEWCGROUP");
  EXPECT_EQ(flags_text("clone_flags", CLONE_VM | CLONE_FS | CLONE_FILES),
            "CLONE_FILES|CLONE_FS|CLONE_VM");
}

TEST(RenderFlags, ModesAndAtFlags) {
  EXPECT_EQ(flags_text("chmod_mode", 04755),
            "S_IXOTH|S_IROTH|S_IXGRP|S_IRGRP|S_IXUSR|S_IWUSR|S_IRUSR|S_ISUID");
  EXPECT_EQ(flags_text("unlinkat_flags", 0x200), "AT_REMOVEDIR");
  EXPECT_EQ(flags_text("linkat_flags", 0x400), "AT_SYMLINK_FOLLOW");
  EXPECT_EQ(flags_text("renameat2_flags", 1), "RENAME_NOREPLACE");
  EXPECT_EQ(flags_text("openat2_flags", 0x08), "RESOLVE_BENEATH");  // Linux value 8, PPM 1
  EXPECT_EQ(enum_text("bpf_commands", 5), "BPF_PROG_LOAD");
  EXPECT_EQ(flags_text("finit_module_flags", 3),
            "MODULE_INIT_IGNORE_MODVERSIONS|MODULE_INIT_IGNORE_VERMAGIC");
  EXPECT_TRUE(flag_table("no_such_table").empty());
}

TEST(RenderFlags, ErrnoNames) {
  EXPECT_EQ(errno_name(-2), "ENOENT");
  EXPECT_EQ(errno_name(13), "EACCES");
  EXPECT_EQ(errno_name(-115), "EINPROGRESS");
  EXPECT_EQ(errno_name(-11), "EAGAIN");
  EXPECT_EQ(errno_name(0), "");
  EXPECT_EQ(errno_name(-100000), "");
}

TEST(RenderFlags, CapabilityNames) {
  std::string out;
  append_capability_names((1ull << 0) | (1ull << 21) | (1ull << 40), out);
  EXPECT_EQ(out, "CAP_CHOWN CAP_SYS_ADMIN CAP_CHECKPOINT_RESTORE");
  out.clear();
  append_capability_names(0, out);
  EXPECT_EQ(out, "");
}

TEST(RenderNet, Ipv4TupleIsClientToServer) {
  FdInfo fd;
  fd.type = FdType::kIpv4;
  fd.has_tuple = true;
  fd.local = testing::endpoint_v4("10.0.0.2", 40000);
  fd.remote = testing::endpoint_v4("93.184.216.34", 443);
  std::string out;
  append_tuple(fd, out);
  EXPECT_EQ(out, "10.0.0.2:40000->93.184.216.34:443");
  fd.is_server = true;  // accepted socket: the remote end is the client
  out.clear();
  append_tuple(fd, out);
  EXPECT_EQ(out, "93.184.216.34:443->10.0.0.2:40000");
}

TEST(RenderNet, Ipv6UsesInetNtop) {
  FdInfo fd;
  fd.type = FdType::kIpv6;
  fd.has_tuple = true;
  fd.local.ip[15] = 1;
  fd.local.port = 5000;
  fd.remote.ip = {0x20, 0x01, 0x0d, 0xb8};
  fd.remote.ip[15] = 2;
  fd.remote.port = 80;
  std::string out;
  append_tuple(fd, out);
  EXPECT_EQ(out, "::1:5000->2001:db8::2:80");
}

TEST(RenderNet, Sockaddrs) {
  std::string out;
  append_sockaddr(testing::sockaddr_in_bytes("1.2.3.4", 8080), out);
  EXPECT_EQ(out, "1.2.3.4:8080");

  std::string un(2, '\0');
  un[0] = AF_UNIX;
  out.clear();
  append_sockaddr(un + "/run/docker.sock" + std::string(3, '\0'), out);
  EXPECT_EQ(out, "/run/docker.sock");
  out.clear();
  append_sockaddr(un + std::string(1, '\0') + "abstract", out);
  EXPECT_EQ(out, "@abstract");
  out.clear();
  append_sockaddr("x", out);  // truncated: nothing
  EXPECT_EQ(out, "");
  EXPECT_EQ(parse_sockaddr("").family, -1);
}

TEST(RenderTime, Iso8601IsUtc) {
  std::string out;
  append_iso8601(1'000'000'005ULL, out);
  EXPECT_EQ(out, "1970-01-01T00:00:01.000000005+0000");
}

TEST(RenderTime, TimeHasNineDigitFraction) {
  std::string out;
  append_time(1'700'000'000'123'456'789ULL, true, out);
  ASSERT_EQ(out.size(), 18u);  // HH:MM:SS.nnnnnnnnn
  EXPECT_EQ(out.substr(8), ".123456789");
  out.clear();
  append_datetime(1'700'000'000'000'000'000ULL, false, out);
  EXPECT_EQ(out.size(), 19u);  // YYYY-MM-DD HH:MM:SS
}

}  // namespace
}  // namespace lanner::event
