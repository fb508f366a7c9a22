// Field extraction on synthetic events, checked against what Falco would report.
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/ptrace.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include "event/field_registry.h"
#include "event_builders.h"

namespace lanner::event {
namespace {

using namespace lanner::event::testing;

class Extract : public ::testing::Test {
 protected:
  // The single value of `field` as text (numbers and bools in decimal), or "<missing>".
  std::string text(std::string_view field, int64_t index = -1) {
    auto values = all(field, index);
    if (!values) return "<missing>";
    EXPECT_EQ(values->size(), 1u) << field;
    return values->empty() ? "" : values->front();
  }

  std::optional<std::vector<std::string>> all(std::string_view field, int64_t index = -1) {
    auto ref = field_catalog().resolve(field);
    EXPECT_TRUE(ref) << field;
    if (!ref) return std::nullopt;
    ref->index = index;
    source_.reset(ev_);
    lang::FieldValues values;
    if (!source_.extract(*ref, values)) {
      EXPECT_TRUE(values.empty());
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& v : values) out.push_back(format(v));
    return out;
  }

  static std::string format(const lang::FieldValue& v) {
    switch (v.type) {
      case lang::FieldType::kString:
      case lang::FieldType::kBytes: return std::string(v.str);
      case lang::FieldType::kUnsigned: return std::to_string(v.unsigned_num());
      case lang::FieldType::kBool: return v.num ? "true" : "false";
      case lang::FieldType::kIpAddr:
      case lang::FieldType::kIpNet:
        return std::to_string(v.ip[0]) + "." + std::to_string(v.ip[1]) + "." +
               std::to_string(v.ip[2]) + "." + std::to_string(v.ip[3]);
      default: return std::to_string(v.num);
    }
  }

  SyscallEvent ev_;
  EventFieldSource source_;
};

class OpenatExtract : public Extract {
 protected:
  void SetUp() override {
    ev_ = make_event("openat");
    ev_.process = make_process(100, "cat", "cat", {"passwd"});
    ev_.raw = {int_arg(-100), 0x7ffd0000, O_RDONLY | O_CLOEXEC, 0, 0, 0};
    set_arg_data(ev_, 1, "passwd", "/etc/passwd");
    ev_.has_fd = true;
    ev_.fd.type = FdType::kFile;
    ev_.fd.name = "/etc/passwd";
    ev_.fd.nameraw = "passwd";
  }
};

TEST_F(OpenatExtract, EventFields) {
  EXPECT_EQ(text("evt.type"), "openat");
  EXPECT_EQ(text("evt.dir"), "<");
  EXPECT_EQ(text("evt.num"), "1");
  EXPECT_EQ(text("evt.rawtime"), "1700000000123456789");
  EXPECT_EQ(text("evt.time").substr(8), ".123456789");
  EXPECT_EQ(text("evt.source"), "syscall");
  EXPECT_EQ(text("evt.category"), "file");
  EXPECT_EQ(text("evt.type.is.openat"), "1");
  EXPECT_EQ(text("evt.type.is.open"), "0");
}

TEST_F(OpenatExtract, ArgumentsRenderLikeFalco) {
  EXPECT_EQ(text("evt.arg.flags"), "O_RDONLY|O_CLOEXEC");
  EXPECT_EQ(text("evt.arg.name"), "/etc/passwd");
  EXPECT_EQ(text("evt.arg.dirfd"), "AT_FDCWD");
  EXPECT_EQ(text("evt.arg.mode"), "0");
  EXPECT_EQ(text("evt.arg", 3), "O_RDONLY|O_CLOEXEC");
  EXPECT_EQ(text("evt.arg", 2), "/etc/passwd");
  EXPECT_EQ(text("evt.arg.fd"), "<missing>");  // the new fd: unknown at entry
  EXPECT_EQ(text("evt.arg.dev"), "<missing>");
  EXPECT_EQ(text("evt.arg", 42), "<missing>");
  EXPECT_EQ(text("evt.rawarg.flags"), "4097");
  EXPECT_EQ(text("evt.rawarg.dirfd"), "-100");
  EXPECT_EQ(text("evt.rawarg.name"), "passwd");
  EXPECT_EQ(text("evt.args"), "dirfd=-100(AT_FDCWD) name=passwd(/etc/passwd) "
                              "flags=4097(O_RDONLY|O_CLOEXEC) mode=0");
  EXPECT_EQ(text("evt.abspath.src"), "/etc/passwd");
}

TEST_F(OpenatExtract, OpenChecks) {
  EXPECT_EQ(text("evt.is_open_read"), "true");
  EXPECT_EQ(text("evt.is_open_write"), "false");
  EXPECT_EQ(text("evt.is_open_create"), "false");
  ev_.raw[2] = O_RDWR | O_CREAT;
  ev_.raw[3] = 0755;
  EXPECT_EQ(text("evt.is_open_read"), "true");
  EXPECT_EQ(text("evt.is_open_write"), "true");
  EXPECT_EQ(text("evt.is_open_create"), "true");
  EXPECT_EQ(text("evt.is_open_exec"), "true");
  EXPECT_EQ(text("evt.arg.flags"), "O_CREAT|O_RDWR");
  EXPECT_EQ(text("evt.arg.mode"), "0755");
}

// fd.directory / fd.filename split at the last '/' (found with memrchr): entries of the root,
// long paths with many slashes, names ending in '/' and names without any.
TEST_F(OpenatExtract, DirectoryAndFilenameSplitAtTheLastSlash) {
  struct Case {
    const char* name;
    const char* directory;
    const char* filename;
  };
  const Case cases[] = {
      {"/passwd", "/", "passwd"},
      {"/usr/share/some/rather/long/directory/tree/file.name.txt", "/usr/share/some/rather/long/directory/tree",
       "file.name.txt"},
      {"/etc/ssh/", "/etc/ssh", "<missing>"},
      {"relative-name", "<missing>", "relative-name"},
  };
  for (const Case& c : cases) {
    ev_.fd.name = c.name;
    EXPECT_EQ(text("fd.directory"), c.directory) << c.name;
    EXPECT_EQ(text("fd.filename"), c.filename) << c.name;
  }
}

TEST_F(OpenatExtract, FdFields) {
  EXPECT_EQ(text("fd.name"), "/etc/passwd");
  EXPECT_EQ(text("fd.nameraw"), "passwd");
  EXPECT_EQ(text("fd.directory"), "/etc");
  EXPECT_EQ(text("fd.filename"), "passwd");
  EXPECT_EQ(text("fd.typechar"), "f");
  EXPECT_EQ(text("fd.type"), "file");
  EXPECT_EQ(text("fd.l4proto"), "<NA>");
  EXPECT_EQ(text("fd.sip"), "<missing>");
  EXPECT_EQ(text("fd.containername"), "host:/etc/passwd");
  EXPECT_EQ(text("fs.path.name"), "/etc/passwd");
  EXPECT_EQ(text("fs.path.nameraw"), "passwd");
}

TEST_F(OpenatExtract, ResultDependentFieldsAreMissingUntilTheResultIsKnown) {
  EXPECT_EQ(text("fd.num"), "<missing>");
  EXPECT_EQ(text("evt.res"), "<missing>");
  EXPECT_EQ(text("evt.rawres"), "<missing>");
  EXPECT_EQ(text("evt.failed"), "<missing>");

  ev_.result = 3;
  EXPECT_EQ(text("fd.num"), "3");
  EXPECT_EQ(text("evt.res"), "SUCCESS");
  EXPECT_EQ(text("evt.rawres"), "3");
  EXPECT_EQ(text("evt.failed"), "false");
  EXPECT_EQ(text("evt.arg.fd"), "<f>/etc/passwd");

  ev_.result = -2;
  EXPECT_EQ(text("fd.num"), "-1");
  EXPECT_EQ(text("evt.res"), "ENOENT");
  EXPECT_EQ(text("evt.rawres"), "-2");
  EXPECT_EQ(text("evt.failed"), "true");
  EXPECT_EQ(text("evt.count.error"), "1");

  ev_.result = -4000;  // no errno has this number
  EXPECT_EQ(text("evt.res"), "-4000");
}

TEST_F(OpenatExtract, RelativeToADirfd) {
  ev_.raw[0] = 7;
  set_arg_data(ev_, 1, "shadow", "/etc/shadow");
  EXPECT_EQ(text("evt.arg.dirfd"), "7");
  EXPECT_EQ(text("evt.arg.name"), "/etc/shadow");
  EXPECT_EQ(text("evt.rawarg.dirfd"), "7");
}

TEST_F(OpenatExtract, UnreadablePathIsMissing) {
  ev_.data_ok[1] = false;
  EXPECT_EQ(text("evt.arg.name"), "<missing>");
  EXPECT_EQ(text("fs.path.name"), "<missing>");
}

class ExecveExtract : public Extract {
 protected:
  void SetUp() override {
    auto init = make_process(1, "systemd", "/sbin/init");
    init->exepath = "/usr/lib/systemd/systemd";
    auto sshd = make_process(500, "sshd", "/usr/sbin/sshd", {"-D"});
    sshd->parent = init;
    sshd->ppid = 1;
    sshd->start_time_ns = 1'000;
    auto bash = make_process(600, "bash", "/bin/bash", {"-c", "ls -l"});
    bash->parent = sshd;
    bash->ppid = 500;
    bash->sid = 500;
    bash->vpgid = bash->pgid = 600;
    bash->cwd = "/root";
    bash->uid = 0;
    bash->user_name = "root";
    bash->group_name = "root";
    bash->loginuid = 1000;
    bash->login_name = "alice";
    bash->cap_effective = (1ull << 21) | (1ull << 0);
    bash->start_time_ns = 1'700'000'000'000'000'000ULL;
    bash->exe_upper_layer = true;
    bash->tty = 34816;
    ev_ = make_event("execve");
    ev_.tid = 600;
    ev_.process = bash;
    ev_.argv = {"bash", "-c", "ls -l"};
    set_arg_data(ev_, 0, "/bin/bash", "/bin/bash");
  }
};

TEST_F(ExecveExtract, ProcessFields) {
  EXPECT_EQ(text("proc.name"), "bash");
  EXPECT_EQ(text("proc.exe"), "/bin/bash");
  EXPECT_EQ(text("proc.args"), "-c ls -l");
  EXPECT_EQ(text("proc.args", 1), "ls -l");
  EXPECT_EQ(text("proc.args", 5), "<missing>");
  EXPECT_EQ(text("proc.cmdline"), "bash -c ls -l");
  EXPECT_EQ(text("proc.exeline"), "/bin/bash -c ls -l");
  EXPECT_EQ(text("proc.cmdnargs"), "2");
  EXPECT_EQ(text("proc.cwd"), "/root/");
  EXPECT_EQ(text("proc.pid"), "600");
  EXPECT_EQ(text("proc.ppid"), "500");
  EXPECT_EQ(text("proc.tty"), "34816");
  EXPECT_EQ(text("proc.duration"), "123456789");
  EXPECT_EQ(text("proc.is_exe_upper_layer"), "true");
  EXPECT_EQ(text("proc.is_exe_from_memfd"), "false");
  EXPECT_EQ(text("thread.tid"), "600");
  EXPECT_EQ(text("thread.ismain"), "true");
  EXPECT_EQ(text("thread.cap_effective"), "CAP_CHOWN CAP_SYS_ADMIN");
}

TEST_F(ExecveExtract, Ancestors) {
  EXPECT_EQ(text("proc.pname"), "sshd");
  EXPECT_EQ(text("proc.pexe"), "/usr/sbin/sshd");
  EXPECT_EQ(text("proc.pcmdline"), "sshd -D");
  EXPECT_EQ(text("proc.aname", 0), "bash");
  EXPECT_EQ(text("proc.aname", 1), "sshd");
  EXPECT_EQ(text("proc.aname", 2), "systemd");
  EXPECT_EQ(text("proc.aname", 3), "<missing>");
  EXPECT_EQ(text("proc.aexepath", 2), "/usr/lib/systemd/systemd");
  EXPECT_EQ(text("proc.apid", 1), "500");
  EXPECT_EQ(text("proc.acmdline", 1), "sshd -D");
  EXPECT_EQ(all("proc.aname"), (std::vector<std::string>{"sshd", "systemd"}));
  EXPECT_EQ(text("proc.sname"), "sshd");        // pid == sid
  EXPECT_EQ(text("proc.vpgid.name"), "bash");   // its own group leader
  EXPECT_EQ(text("proc.is_vpgid_leader"), "true");
  EXPECT_EQ(text("proc.is_sid_leader"), "false");
  EXPECT_EQ(text("proc.ppid.duration"), std::to_string(ev_.time_ns - 1'000));
}

TEST_F(ExecveExtract, UserAndContainer) {
  EXPECT_EQ(text("user.uid"), "0");
  EXPECT_EQ(text("user.name"), "root");
  EXPECT_EQ(text("user.loginuid"), "1000");
  EXPECT_EQ(text("user.loginname"), "alice");
  EXPECT_EQ(text("group.name"), "root");
  EXPECT_EQ(text("container.id"), "host");
  EXPECT_EQ(text("container.image.repository"), "<missing>");
  EXPECT_EQ(text("k8s.ns.name"), "<missing>");
  EXPECT_EQ(text("container.info"), "");
}

TEST_F(ExecveExtract, ExecveParams) {
  EXPECT_EQ(text("evt.arg.filename"), "/bin/bash");
  EXPECT_EQ(text("evt.arg.exe"), "/bin/bash");
  EXPECT_EQ(text("evt.arg.args"), "-c.ls -l.");
  EXPECT_EQ(text("evt.arg.flags"), "EXE_UPPER_LAYER");
  EXPECT_EQ(text("evt.arg.uid"), "root");
  EXPECT_EQ(text("evt.arg.res"), "<missing>");
  EXPECT_EQ(text("evt.is_open_read"), "false");
  EXPECT_EQ(text("fd.name"), "<missing>");
}

class ConnectExtract : public Extract {
 protected:
  void SetUp() override {
    ev_ = make_event("connect");
    ev_.process = make_process(100, "curl", "curl");
    ev_.raw = {5, 0x1000, 16, 0, 0, 0};
    set_arg_data(ev_, 1, sockaddr_in_bytes("93.184.216.34", 443));
    ev_.has_fd = true;
    ev_.fd.num = 5;
    ev_.fd.type = FdType::kIpv4;
    ev_.fd.l4proto = IPPROTO_TCP;
    ev_.fd.has_tuple = true;
    ev_.fd.local = endpoint_v4("10.0.0.2", 40000);
    ev_.fd.remote = endpoint_v4("93.184.216.34", 443);
    ev_.fd.name = "10.0.0.2:40000->93.184.216.34:443";
  }
};

TEST_F(ConnectExtract, SocketTuple) {
  EXPECT_EQ(text("fd.num"), "5");
  EXPECT_EQ(text("fd.typechar"), "4");
  EXPECT_EQ(text("fd.type"), "ipv4");
  EXPECT_EQ(text("fd.l4proto"), "tcp");
  EXPECT_EQ(text("fd.sockfamily"), "ip");
  EXPECT_EQ(text("fd.sip"), "93.184.216.34");
  EXPECT_EQ(text("fd.cip"), "10.0.0.2");
  EXPECT_EQ(text("fd.rip"), "93.184.216.34");
  EXPECT_EQ(text("fd.lip"), "10.0.0.2");
  EXPECT_EQ(text("fd.sport"), "443");
  EXPECT_EQ(text("fd.cport"), "40000");
  EXPECT_EQ(text("fd.lport"), "40000");
  EXPECT_EQ(text("fd.rport"), "443");
  EXPECT_EQ(all("fd.port"), (std::vector<std::string>{"40000", "443"}));
  EXPECT_EQ(all("fd.ip"), (std::vector<std::string>{"10.0.0.2", "93.184.216.34"}));
  EXPECT_EQ(text("fd.snet"), "93.184.216.34");
  EXPECT_EQ(text("fd.connected"), "false");
  EXPECT_EQ(text("fd.name_changed"), "true");
  EXPECT_EQ(text("fd.sip.name"), "<missing>");
  EXPECT_EQ(text("fd.directory"), "<missing>");
  EXPECT_EQ(text("evt.category"), "net");
}

TEST_F(ConnectExtract, Params) {
  EXPECT_EQ(text("evt.arg.fd"), "<4t>10.0.0.2:40000->93.184.216.34:443");
  EXPECT_EQ(text("evt.arg.tuple"), "10.0.0.2:40000->93.184.216.34:443");
  EXPECT_EQ(text("evt.arg.addr"), "93.184.216.34:443");
  EXPECT_EQ(text("evt.rawarg.fd"), "5");
}

TEST_F(ConnectExtract, AcceptedSocketSwapsSides) {
  ev_.fd.is_server = true;
  EXPECT_EQ(text("fd.sip"), "10.0.0.2");
  EXPECT_EQ(text("fd.cport"), "443");
  EXPECT_EQ(text("fd.lport"), "40000");
  EXPECT_EQ(text("fd.is_server"), "true");
}

TEST_F(Extract, SocketAndPtraceEnums) {
  ev_ = make_event("socket");
  ev_.raw = {AF_PACKET, SOCK_RAW, 768, 0, 0, 0};
  EXPECT_EQ(text("evt.arg.domain"), "AF_PACKET");
  EXPECT_EQ(text("evt.arg.type"), "3");
  EXPECT_EQ(text("evt.rawarg.domain"), "17");
  EXPECT_EQ(text("fd.num"), "<missing>");

  ev_ = make_event("ptrace");
  ev_.raw = {PTRACE_ATTACH, 1234, 0, 0, 0, 0};
  EXPECT_EQ(text("evt.arg.request"), "PTRACE_ATTACH");
  EXPECT_EQ(text("evt.rawarg.request"), "11");
  EXPECT_EQ(text("evt.arg.pid"), "1234");
  ev_.raw[0] = PTRACE_TRACEME;
  EXPECT_EQ(text("evt.arg.request"), "PTRACE_TRACEME");
}

TEST_F(Extract, ChmodAndUnlinkatAndSymlink) {
  ev_ = make_event("fchmodat");
  ev_.raw = {int_arg(-100), 0x1000, 04755, 0, 0, 0};
  set_arg_data(ev_, 1, "/usr/bin/x");
  EXPECT_NE(text("evt.arg.mode").find("S_ISUID"), std::string::npos);
  EXPECT_EQ(text("evt.arg.filename"), "/usr/bin/x");

  ev_ = make_event("unlinkat");
  ev_.raw = {int_arg(-100), 0x1000, 0x200, 0, 0, 0};
  set_arg_data(ev_, 1, "d", "/tmp/d");
  EXPECT_EQ(text("evt.arg.flags"), "AT_REMOVEDIR");
  EXPECT_EQ(text("evt.arg.name"), "/tmp/d");

  ev_ = make_event("symlinkat");
  ev_.raw = {0x1000, int_arg(-100), 0x2000, 0, 0, 0};
  set_arg_data(ev_, 0, "/etc/shadow");
  set_arg_data(ev_, 2, "link", "/tmp/link");
  EXPECT_EQ(text("evt.arg.target"), "/etc/shadow");
  EXPECT_EQ(text("evt.arg.linkpath"), "/tmp/link");
  EXPECT_EQ(text("fs.path.source"), "/etc/shadow");
  EXPECT_EQ(text("fs.path.target"), "/tmp/link");
}

TEST_F(Extract, RenameUsesSourceAndTarget) {
  ev_ = make_event("renameat2");
  ev_.raw = {int_arg(-100), 0x1000, int_arg(-100), 0x2000, 1, 0};
  set_arg_data(ev_, 1, "a", "/home/u/a");
  set_arg_data(ev_, 3, "/home/u/.bash_history");
  EXPECT_EQ(text("evt.arg.oldpath"), "/home/u/a");
  EXPECT_EQ(text("evt.arg.newpath"), "/home/u/.bash_history");
  EXPECT_EQ(text("evt.arg.flags"), "RENAME_NOREPLACE");
  EXPECT_EQ(text("fs.path.sourceraw"), "a");
  EXPECT_EQ(text("fs.path.name"), "<missing>");
  EXPECT_EQ(text("evt.abspath.dst"), "/home/u/.bash_history");
}

TEST_F(Extract, Openat2ReadsOpenHow) {
  ev_ = make_event("openat2");
  ev_.raw = {int_arg(-100), 0x1000, 0x2000, 24, 0, 0};
  set_arg_data(ev_, 1, "/etc/hosts");
  uint64_t how[3] = {O_WRONLY | O_TRUNC, 0644, 0x08};
  set_arg_data(ev_, 2, std::string(reinterpret_cast<const char*>(how), sizeof(how)));
  EXPECT_EQ(text("evt.arg.flags"), "O_TRUNC|O_WRONLY");
  EXPECT_EQ(text("evt.arg.mode"), "0644");
  EXPECT_EQ(text("evt.arg.resolve"), "RESOLVE_BENEATH");
  EXPECT_EQ(text("evt.is_open_write"), "true");
  ev_.data[2].resize(4);  // short read: flags unknown
  EXPECT_EQ(text("evt.arg.flags"), "<missing>");
  EXPECT_EQ(text("evt.is_open_write"), "false");
}

TEST_F(Extract, SendtoBuffer) {
  ev_ = make_event("sendto");
  ev_.raw = {3, 0x1000, 4, 0, 0x2000, 16};
  set_arg_data(ev_, 1, std::string("\xca\xfe\xba\xbe", 4));
  EXPECT_EQ(text("evt.buffer"), std::string("\xca\xfe\xba\xbe", 4));
  EXPECT_EQ(text("evt.buflen"), "4");
  EXPECT_EQ(text("evt.is_io_write"), "true");
  EXPECT_EQ(text("evt.io_dir"), "w");
  EXPECT_EQ(text("evt.arg.data"), "....");
}

TEST_F(Extract, ProcessControlCalls) {
  ev_ = make_event("kill");
  ev_.raw = {1234, 9, 0, 0, 0, 0};
  EXPECT_EQ(text("evt.arg.sig"), "SIGKILL");
  EXPECT_EQ(text("evt.arg.pid"), "1234");
  EXPECT_EQ(text("evt.category"), "signal");

  ev_ = make_event("unshare");
  ev_.raw = {0x10000000 | 0x00020000, 0, 0, 0, 0, 0};  // CLONE_NEWUSER | CLONE_NEWNS
  EXPECT_EQ(text("evt.arg.flags"), "CLONE_NEWNS|CLONE_NEWUSER");

  ev_ = make_event("mount");
  ev_.raw = {0x1000, 0x2000, 0x3000, 4096 | 16384, 0, 0};  // MS_BIND | MS_REC
  set_arg_data(ev_, 1, "/mnt", "/mnt");
  EXPECT_EQ(text("evt.arg.flags"), "BIND|REC");
  EXPECT_EQ(text("evt.arg.dir"), "/mnt");
  EXPECT_EQ(text("evt.arg.dev"), "<missing>");  // source string not read by the test
}

TEST_F(Extract, UidParamsResolveOnlyTheCallersOwnUser) {
  ev_ = make_event("setuid");
  auto proc = make_process(10, "su", "su");
  proc->uid = 1000;
  proc->user_name = "alice";
  ev_.process = proc;
  ev_.raw = {1000, 0, 0, 0, 0, 0};
  EXPECT_EQ(text("evt.arg.uid"), "alice");
  ev_.raw[0] = 0;
  EXPECT_EQ(text("evt.arg.uid"), "0");
  ev_.raw[0] = 0xffffffff;
  EXPECT_EQ(text("evt.args"), "uid=-1");
}

TEST_F(Extract, DupRendersTheNewFdOnceKnown) {
  ev_ = make_event("dup2");
  ev_.raw = {3, 1, 0, 0, 0, 0};
  ev_.has_fd = true;
  ev_.fd.num = -1;
  ev_.fd.type = FdType::kIpv4;
  ev_.fd.l4proto = IPPROTO_TCP;
  ev_.fd.name = "10.0.0.2:40000->1.2.3.4:4444";
  EXPECT_EQ(text("evt.arg.res"), "<missing>");
  EXPECT_EQ(text("evt.arg.newfd"), "1");
  ev_.result = 1;
  EXPECT_EQ(text("evt.arg.res"), "<4t>10.0.0.2:40000->1.2.3.4:4444");
  EXPECT_EQ(text("evt.rawres"), "1");
  EXPECT_EQ(text("fd.num"), "1");
  EXPECT_EQ(text("fd.type"), "ipv4");
}

TEST_F(Extract, EmptyEventHasOnlyMissingValues) {
  ev_ = SyscallEvent{};
  for (const lang::FieldInfo& info : field_catalog().fields()) {
    lang::FieldRef ref{&info, {}, -1};
    source_.reset(ev_);
    lang::FieldValues values;
    bool ok = source_.extract(ref, values);
    EXPECT_EQ(ok, !values.empty()) << info.name;
  }
  EXPECT_EQ(text("proc.name"), "<missing>");
  EXPECT_EQ(text("evt.type"), "<missing>");
  EXPECT_EQ(text("container.id"), "<missing>");
}

TEST_F(Extract, UnknownIdIsMissing) {
  lang::FieldInfo bogus{"x.y", lang::FieldType::kString, "CHARBUF", lang::FieldArgKind::kNone,
                        0, "", 0xffff};
  lang::FieldValues values;
  source_.reset(ev_);
  EXPECT_FALSE(source_.extract(lang::FieldRef{&bogus, {}, -1}, values));
  EXPECT_FALSE(source_.extract(lang::FieldRef{}, values));
}

}  // namespace
}  // namespace lanner::event
