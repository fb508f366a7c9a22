#include "app/pipeline_handler.h"

#include <cerrno>

#include "supervisor/open_request.h"
#include "supervisor/path_resolver.h"

namespace lanner::app {
namespace {

class NoFacts final : public supervisor::CallerFacts {
 public:
  bool sole_task() override { return false; }
};

// A pointer argument the rules would judge could not be read (T26, T25).
bool has_unreadable_path(const event::SyscallEvent& event) {
  const auto& roles = event.syscall->args;
  for (size_t i = 0; i < roles.size(); ++i) {
    const auto role = roles[i];
    const bool judged = role == event::ArgRole::kPath || role == event::ArgRole::kString ||
                        role == event::ArgRole::kOpenHow;
    if (judged && !event.data_ok[i]) return true;
  }
  return false;
}

}  // namespace

supervisor::Response response_for(const Verdict& verdict) {
  switch (verdict.kind) {
    case Verdict::Kind::kContinue: return supervisor::Response::allow();
    case Verdict::Kind::kNeedResult: return supervisor::Response::learn_result();
    case Verdict::Kind::kBlock: break;
  }
  switch (verdict.action.kind) {
    case config::ActionKind::kKill:
      return supervisor::Response::deny_and_kill(verdict.action.error, supervisor::Kill::kProcess);
    case config::ActionKind::kKillTree:
      return supervisor::Response::deny_and_kill(verdict.action.error, supervisor::Kill::kTree);
    case config::ActionKind::kDeny: break;
  }
  return supervisor::Response::deny_with(verdict.action.error);
}

bool PipelineHandler::acts_before_answering(const event::SyscallEvent& event) noexcept {
  return !supervisor::is_open_family(event) || pipeline_.enforces(event);
}

supervisor::Response PipelineHandler::on_event(event::SyscallEvent& event) noexcept {
  NoFacts none;
  return on_event(event, none);
}

supervisor::Response PipelineHandler::on_event(event::SyscallEvent& event,
                                               supervisor::CallerFacts& facts) noexcept {
  CallContext context;
  context.result_obtainable = supervisor::is_open_family(event);
  if (event.syscall != nullptr && pipeline_.enforces(event)) {
    // Facts cost /proc reads: only calls an enforced rule could judge pay for them.
    context.sole_task = facts.sole_task();
    if (has_unreadable_path(event)) {
      // Unreadable to lanner is not necessarily unreadable to the kernel (a non-dumpable caller,
      // or another task mapping the page meanwhile): refuse, as the kernel does for bad memory.
      pipeline_.on_unverifiable(event, "an argument lanner must judge was unreadable", EFAULT);
      return supervisor::Response::deny_with(EFAULT);
    }
    if (context.result_obtainable) {
      if (auto refusal = prepare_enforced_open(event)) return *refusal;
    }
  }
  return response_for(pipeline_.on_event(event, context));
}

std::optional<supervisor::Response> PipelineHandler::prepare_enforced_open(
    event::SyscallEvent& event) {
  auto resolved = supervisor::resolve_open_path(event);
  switch (resolved.status) {
    case supervisor::ResolvedPath::Status::kResolved:
      event.fd.name = resolved.path;
      return std::nullopt;
    case supervisor::ResolvedPath::Status::kMissing:
      return std::nullopt;  // the call will fail: judged on the path as written
    case supervisor::ResolvedPath::Status::kUnresolvable:
      break;
  }
  pipeline_.on_unverifiable(event, "lanner cannot tell which file this open would reach", EACCES);
  return supervisor::Response::deny_with(EACCES);
}

supervisor::Response PipelineHandler::on_result(event::SyscallEvent& event, bool located) noexcept {
  return response_for(pipeline_.on_result(event, located));
}

void PipelineHandler::on_completed(const event::SyscallEvent& event) noexcept {
  pipeline_.on_completed(event);
}

void PipelineHandler::on_decision_failure(const event::SyscallEvent& event, std::string_view why,
                                          int error) noexcept {
  pipeline_.on_unverifiable(event, why, error);
}

void PipelineHandler::on_hardening(const event::SyscallEvent& event,
                                   const supervisor::HardeningVerdict& verdict) noexcept {
  pipeline_.on_hardening(event, verdict.rule, verdict.description, verdict.error);
}

}  // namespace lanner::app
