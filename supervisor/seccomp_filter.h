#pragma once
// Which syscalls the supervisor traps, and the BPF program that traps them.
// The trap set is derived from event types (Falco evt.type names) through event::family_of, so
// a rule on "open" also sees openat/openat2/creat. The program is built with libseccomp in the
// supervisor (before fork) and installed by the child with the raw seccomp() syscall, so the
// child does no allocation between fork and exec.
#include <linux/filter.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lanner::supervisor {

// Syscalls that are never trapped whatever the rules ask: trapping them multiplies the cost of
// every program (seccomp-unotify.md section 9.4) and they carry nothing a rule can use at entry.
bool is_never_trapped(int nr);

// Sorted, unique syscall numbers to notify for `event_types`: each type expanded through
// event::family_of, plus execve/execveat always (the process table needs them), minus the
// never-trapped set. Unknown event types contribute nothing.
std::vector<int> trap_set_for(std::span<const std::string> event_types);

// Every event type of the syscall table (what `lanner trace` traps without rules), except
// those of is_trapped_only_on_request.
std::vector<std::string> all_event_types();

// The event types of a rule set's needs: `named` when `finite`, else every type of
// all_event_types() for which `contains` is true (rules that match "all but a few" types).
template <typename TypeSet>
std::vector<std::string> event_types_needed(const TypeSet& needed) {
  if (needed.is_finite()) return {needed.names().begin(), needed.names().end()};
  std::vector<std::string> out;
  for (auto& type : all_event_types()) {
    if (needed.contains(type)) out.push_back(type);
  }
  return out;
}

// Process creation (clone/clone3/fork/vfork) is trapped only when a rule names it. A signal that
// arrives while a trapped call waits for lanner to receive it makes the call fail with EINTR
// when the handler lacks SA_RESTART (kernel behaviour), and shells do not expect fork to fail
// that way ("sh: Cannot fork"). The process table learns new processes from /proc instead.
bool is_trapped_only_on_request(int nr);

// Notify `nr` only when argument `arg` equals (equal) or differs from `value`: hardening
// needs fcntl(F_SETOWN) and prlimit64 on another process, not every fcntl or getrlimit.
// Arguments are compared as the kernel reads int arguments: equality on the low 32 bits only
// (high-half garbage cannot hide a match); "differs" on all 64 bits (a superset: notifies more).
struct ArgCondition {
  int nr;
  unsigned arg;
  bool equal;
  uint64_t value;
};

struct FilterOptions {
  std::vector<int> notify;  // syscall numbers answered by the supervisor
  std::vector<ArgCondition> notify_if;  // ignored for numbers already in `notify`
  // Foreign ABIs (i386 via int 0x80, x32): notify (the supervisor refuses them with an alert),
  // or, when false, let them run unnotified (unmonitored: lanner has no table for them).
  bool notify_foreign_abi = true;
};

struct FilterProgram {
  std::vector<sock_filter> instructions;
  std::string pfc;  // libseccomp's human-readable listing, for tests and --explain
  std::vector<int> notify;  // the syscalls it notifies (copy of FilterOptions::notify)
};

// Builds the program: native x86_64 syscalls in `notify` (and `notify_if` matches) ->
// USER_NOTIF, others ALLOW. The arch is tested first, then the x32 bit (nr >= 0x40000000, except
// -1), both before any syscall number: foreign ABIs get USER_NOTIF (or ALLOW, see
// notify_foreign_abi) and can never match an x86-64 number.
// nullopt and `error` set when libseccomp refuses.
std::optional<FilterProgram> build_filter(const FilterOptions& options, std::string& error);

}  // namespace lanner::supervisor
