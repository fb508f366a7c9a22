#include "supervisor/seccomp_filter.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>

#include <algorithm>
#include <array>

namespace lanner::supervisor {
namespace {

bool contains(const std::vector<int>& v, int nr) { return std::find(v.begin(), v.end(), nr) != v.end(); }

TEST(SeccompFilter, OpenExpandsToItsFamilyPlusExec) {
  std::vector<std::string> types{"open"};
  auto set = trap_set_for(types);
  EXPECT_TRUE(contains(set, SYS_open));
  EXPECT_TRUE(contains(set, SYS_openat));
  EXPECT_TRUE(contains(set, SYS_openat2));
  EXPECT_TRUE(contains(set, SYS_creat));
  EXPECT_TRUE(contains(set, SYS_execve));
  EXPECT_TRUE(contains(set, SYS_execveat));
  EXPECT_FALSE(contains(set, SYS_connect));
  EXPECT_TRUE(std::is_sorted(set.begin(), set.end()));
}

TEST(SeccompFilter, NoRulesStillTrapsExec) {
  auto set = trap_set_for({});
  EXPECT_EQ(set, (std::vector<int>{SYS_execve, SYS_execveat}));
  std::vector<std::string> unknown{"no_such_syscall"};
  EXPECT_EQ(trap_set_for(unknown).size(), 2u);
}

TEST(SeccompFilter, HotSyscallsAreNeverTrapped) {
  auto set = trap_set_for(all_event_types());
  for (int nr : {SYS_read, SYS_write, SYS_close, SYS_mmap, SYS_futex, SYS_getpid}) {
    EXPECT_FALSE(contains(set, nr)) << nr;
    EXPECT_TRUE(is_never_trapped(nr));
  }
  EXPECT_GT(set.size(), 20u);
}

TEST(SeccompFilter, ProgramNotifiesOnlyTheSetAndChecksTheArch) {
  FilterOptions options;
  options.notify = trap_set_for(std::vector<std::string>{"connect"});
  std::string error;
  auto program = build_filter(options, error);
  ASSERT_TRUE(program.has_value()) << error;
  EXPECT_FALSE(program->instructions.empty());
  EXPECT_NE(program->pfc.find("x86_64"), std::string::npos) << program->pfc;
  EXPECT_NE(program->pfc.find("connect"), std::string::npos) << program->pfc;
  EXPECT_NE(program->pfc.find("action 0x7fc00000"), std::string::npos) << program->pfc;  // USER_NOTIF
  EXPECT_NE(program->pfc.find("invalid architecture action\naction 0x7fc00000"), std::string::npos)
      << program->pfc;  // foreign ABI: notified
  EXPECT_EQ(program->pfc.find("openat"), std::string::npos) << program->pfc;
  EXPECT_EQ(program->notify, options.notify);
}

// A classic-BPF interpreter for the instructions libseccomp emits, run over synthetic
// seccomp_data: what the kernel would answer, checked without installing anything.
struct SeccompData {
  int nr = 0;
  uint32_t arch = AUDIT_ARCH_X86_64;
  std::array<uint64_t, 6> args{};
};

uint32_t load_word(const SeccompData& d, uint32_t offset) {
  if (offset == 0) return static_cast<uint32_t>(d.nr);
  if (offset == 4) return d.arch;
  if (offset >= 16 && offset < 64) {
    uint64_t arg = d.args[(offset - 16) / 8];
    return (offset % 8 == 0) ? static_cast<uint32_t>(arg) : static_cast<uint32_t>(arg >> 32);
  }
  ADD_FAILURE() << "unexpected load at " << offset;
  return 0;
}

uint32_t run_bpf(const std::vector<sock_filter>& prog, const SeccompData& d) {
  uint32_t acc = 0;
  for (size_t pc = 0; pc < prog.size(); ++pc) {
    const sock_filter& ins = prog[pc];
    switch (ins.code) {
      case BPF_LD | BPF_W | BPF_ABS: acc = load_word(d, ins.k); break;
      case BPF_ALU | BPF_AND | BPF_K: acc &= ins.k; break;
      case BPF_JMP | BPF_JA: pc += ins.k; break;
      case BPF_JMP | BPF_JEQ | BPF_K: pc += acc == ins.k ? ins.jt : ins.jf; break;
      case BPF_JMP | BPF_JGT | BPF_K: pc += acc > ins.k ? ins.jt : ins.jf; break;
      case BPF_JMP | BPF_JGE | BPF_K: pc += acc >= ins.k ? ins.jt : ins.jf; break;
      case BPF_JMP | BPF_JSET | BPF_K: pc += (acc & ins.k) != 0 ? ins.jt : ins.jf; break;
      case BPF_RET | BPF_K: return ins.k;
      default:
        ADD_FAILURE() << "unexpected BPF opcode " << ins.code;
        return 0;
    }
  }
  ADD_FAILURE() << "fell off the program";
  return 0;
}

constexpr uint32_t kNotify = SECCOMP_RET_USER_NOTIF;
constexpr uint32_t kAllow = SECCOMP_RET_ALLOW;
constexpr int kX32Bit = 0x40000000;

FilterProgram build(const FilterOptions& options) {
  std::string error;
  auto program = build_filter(options, error);
  EXPECT_TRUE(program.has_value()) << error;
  return program ? *program : FilterProgram{};
}

TEST(SeccompFilter, NativeCallsAreNotifiedOnlyWhenTrapped) {
  FilterOptions options;
  options.notify = {SYS_openat, SYS_execve};
  auto program = build(options);
  EXPECT_EQ(run_bpf(program.instructions, {SYS_openat, AUDIT_ARCH_X86_64, {}}), kNotify);
  EXPECT_EQ(run_bpf(program.instructions, {SYS_getpid, AUDIT_ARCH_X86_64, {}}), kAllow);
}

// T02: the x32 bit is tested before the number table, so an x32 number whose low bits are an
// untrapped call (getpid) still reaches the supervisor instead of being allowed.
TEST(SeccompFilter, X32CallsAreNotifiedWhateverTheirNumber) {
  FilterOptions options;
  options.notify = {SYS_openat};
  auto program = build(options);
  for (int nr : {SYS_openat, SYS_getpid, SYS_read, 0x1ff}) {
    EXPECT_EQ(run_bpf(program.instructions, {kX32Bit | nr, AUDIT_ARCH_X86_64, {}}), kNotify) << nr;
  }
  // -1 is not a number of any table: the kernel answers ENOSYS itself.
  EXPECT_EQ(run_bpf(program.instructions, {-1, AUDIT_ARCH_X86_64, {}}), kAllow);
}

// T03: int 0x80 reports AUDIT_ARCH_I386; i386 numbers never meet the x86-64 table.
TEST(SeccompFilter, I386CallsAreNotifiedWhateverTheirNumber) {
  FilterOptions options;
  options.notify = {SYS_openat};
  auto program = build(options);
  for (int nr : {5 /* i386 open */, 8 /* creat */, 20 /* getpid */, SYS_openat}) {
    EXPECT_EQ(run_bpf(program.instructions, {nr, AUDIT_ARCH_I386, {}}), kNotify) << nr;
  }
  EXPECT_EQ(run_bpf(program.instructions, {SYS_openat, AUDIT_ARCH_AARCH64, {}}), kNotify);
}

TEST(SeccompFilter, ForeignAbisCanBeLeftUnmonitored) {
  FilterOptions options;
  options.notify = {SYS_openat};
  options.notify_foreign_abi = false;
  auto program = build(options);
  EXPECT_EQ(run_bpf(program.instructions, {5, AUDIT_ARCH_I386, {}}), kAllow);
  EXPECT_EQ(run_bpf(program.instructions, {kX32Bit | SYS_openat, AUDIT_ARCH_X86_64, {}}), kAllow);
  EXPECT_EQ(run_bpf(program.instructions, {SYS_openat, AUDIT_ARCH_X86_64, {}}), kNotify);
}

TEST(SeccompFilter, ArgumentConditionsNotifyOnlyMatchingCalls) {
  FilterOptions options;
  options.notify_if = {{SYS_fcntl, 1, true, F_SETOWN}, {SYS_prlimit64, 0, false, 0}};
  auto program = build(options);
  EXPECT_EQ(run_bpf(program.instructions, {SYS_fcntl, AUDIT_ARCH_X86_64, {0, F_SETOWN, 1}}), kNotify);
  EXPECT_EQ(run_bpf(program.instructions, {SYS_fcntl, AUDIT_ARCH_X86_64, {0, F_GETFL, 1}}), kAllow);
  // The kernel reads cmd as a 32-bit int: garbage in the high half must not hide F_SETOWN.
  EXPECT_EQ(run_bpf(program.instructions, {SYS_fcntl, AUDIT_ARCH_X86_64, {0, (1ULL << 32) | F_SETOWN, 1}}),
            kNotify);
  EXPECT_EQ(run_bpf(program.instructions, {SYS_prlimit64, AUDIT_ARCH_X86_64, {0, 7}}), kAllow);
  EXPECT_EQ(run_bpf(program.instructions, {SYS_prlimit64, AUDIT_ARCH_X86_64, {1234, 7}}), kNotify);
}

TEST(SeccompFilter, AnUnconditionalTrapWinsOverAnArgumentCondition) {
  FilterOptions options;
  options.notify = {SYS_fcntl};
  options.notify_if = {{SYS_fcntl, 1, true, F_SETOWN}};
  auto program = build(options);
  EXPECT_EQ(run_bpf(program.instructions, {SYS_fcntl, AUDIT_ARCH_X86_64, {0, F_GETFL, 0}}), kNotify);
}

}  // namespace
}  // namespace lanner::supervisor

namespace lanner::supervisor {
namespace {

TEST(SeccompFilter, ProcessCreationIsTrappedOnlyOnRequest) {
  auto all = trap_set_for(all_event_types());
  for (int nr : {SYS_clone, SYS_clone3, SYS_fork, SYS_vfork}) EXPECT_FALSE(contains(all, nr)) << nr;
  std::vector<std::string> clone{"clone"};
  EXPECT_TRUE(contains(trap_set_for(clone), SYS_clone));
}

}  // namespace
}  // namespace lanner::supervisor
