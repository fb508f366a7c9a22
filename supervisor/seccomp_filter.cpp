#include "supervisor/seccomp_filter.h"

#include <seccomp.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "event/syscall_table.h"
#include "supervisor/unique_fd.h"

namespace lanner::supervisor {
namespace {

constexpr int kNeverTrapped[] = {SYS_read, SYS_write, SYS_close, SYS_mmap, SYS_munmap, SYS_futex,
                                 SYS_getpid, SYS_gettid, SYS_exit, SYS_exit_group,
                                 SYS_rt_sigreturn};

struct ContextDeleter {
  void operator()(void* ctx) const { seccomp_release(ctx); }
};
using Context = std::unique_ptr<void, ContextDeleter>;

// libseccomp exports only to an fd; a memfd keeps it in memory.
std::optional<std::string> export_to_string(int (*exporter)(const scmp_filter_ctx, int),
                                            scmp_filter_ctx ctx) {
  UniqueFd fd(memfd_create("lanner-filter", MFD_CLOEXEC));
  if (!fd.valid() || exporter(ctx, fd.get()) != 0) return std::nullopt;
  std::string out;
  char buf[4096];
  ssize_t n = 0;
  off_t offset = 0;
  while ((n = pread(fd.get(), buf, sizeof buf, offset)) > 0) {
    out.append(buf, static_cast<size_t>(n));
    offset += n;
  }
  return out;
}

bool add_rules(scmp_filter_ctx ctx, const FilterOptions& options, std::string& error) {
  for (int nr : options.notify) {
    int rc = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0);
    if (rc != 0) {
      error = "cannot trap syscall " + std::to_string(nr) + ": " + std::strerror(-rc);
      return false;
    }
  }
  for (const auto& cond : options.notify_if) {
    if (std::find(options.notify.begin(), options.notify.end(), cond.nr) != options.notify.end()) {
      continue;  // already notified whatever its arguments
    }
    scmp_arg_cmp cmp = cond.equal ? scmp_arg_cmp{cond.arg, SCMP_CMP_MASKED_EQ, 0xffffffffULL, cond.value}
                                  : scmp_arg_cmp{cond.arg, SCMP_CMP_NE, cond.value, 0};
    int rc = seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, cond.nr, 1, cmp);
    if (rc != 0) {
      error = "cannot trap syscall " + std::to_string(cond.nr) + " by argument: " + std::strerror(-rc);
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_never_trapped(int nr) {
  return std::find(std::begin(kNeverTrapped), std::end(kNeverTrapped), nr) != std::end(kNeverTrapped);
}

std::vector<int> trap_set_for(std::span<const std::string> event_types) {
  std::vector<int> out{SYS_execve, SYS_execveat};
  for (const auto& type : event_types) {
    for (int nr : event::family_of(type)) out.push_back(nr);
  }
  std::erase_if(out, [](int nr) { return nr < 0 || is_never_trapped(nr); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> all_event_types() {
  std::vector<std::string> out;
  for (const auto& info : event::all_syscalls()) {
    if (!is_trapped_only_on_request(info.nr)) out.emplace_back(info.name);
  }
  return out;
}

bool is_trapped_only_on_request(int nr) {
  return nr == SYS_clone || nr == SYS_clone3 || nr == SYS_fork || nr == SYS_vfork;
}

std::optional<FilterProgram> build_filter(const FilterOptions& options, std::string& error) {
  Context ctx(seccomp_init(SCMP_ACT_ALLOW));
  if (!ctx) {
    error = "seccomp_init failed";
    return std::nullopt;
  }
  // The child sets no_new_privs itself. libseccomp's "bad arch" branch covers both foreign
  // audit arches and x32 numbers on x86_64, and comes before the syscall table: notified, the
  // supervisor refuses them (ENOSYS) with an alert instead of a silent BPF errno.
  seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_NNP, 0);
  seccomp_attr_set(ctx.get(), SCMP_FLTATR_ACT_BADARCH,
                   options.notify_foreign_abi ? SCMP_ACT_NOTIFY : SCMP_ACT_ALLOW);
  if (!add_rules(ctx.get(), options, error)) return std::nullopt;
  auto bpf = export_to_string(seccomp_export_bpf, ctx.get());
  auto pfc = export_to_string(seccomp_export_pfc, ctx.get());
  if (!bpf || !pfc || bpf->size() % sizeof(sock_filter) != 0) {
    error = "cannot export the seccomp program";
    return std::nullopt;
  }
  FilterProgram program;
  program.instructions.resize(bpf->size() / sizeof(sock_filter));
  std::memcpy(program.instructions.data(), bpf->data(), bpf->size());
  program.pfc = std::move(*pfc);
  program.notify = options.notify;
  return program;
}

}  // namespace lanner::supervisor
