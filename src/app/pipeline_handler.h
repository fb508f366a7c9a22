#pragma once
// The supervisor's EventHandler for `lanner run`: gathers what enforcement needs about a call
// (the resolved path of an open, whether the caller is alone in the tree), asks the
// AlertPipeline, and turns its verdict into the supervisor's answer.
#include "app/monitor.h"
#include "supervisor/event_handler.h"

namespace lanner::app {

class PipelineHandler final : public supervisor::EventHandler {
 public:
  explicit PipelineHandler(AlertPipeline& pipeline) : pipeline_(pipeline) {}

  // False for an open no enforced rule could judge: on_event only speculates on it (alerts wait
  // for on_completed), so the loop checks the notification only if the answer acts on the call.
  bool acts_before_answering(const event::SyscallEvent& event) noexcept override;
  supervisor::Response on_event(event::SyscallEvent& event) noexcept override;
  supervisor::Response on_event(event::SyscallEvent& event,
                                supervisor::CallerFacts& facts) noexcept override;
  supervisor::Response on_result(event::SyscallEvent& event, bool located) noexcept override;
  void on_completed(const event::SyscallEvent& event) noexcept override;
  void on_decision_failure(const event::SyscallEvent& event, std::string_view why,
                           int error) noexcept override;
  void on_hardening(const event::SyscallEvent& event,
                    const supervisor::HardeningVerdict& verdict) noexcept override;

 private:
  // Enforce mode, before judging an open: the path resolved as the kernel will resolve it.
  // Returns a refusal when lanner cannot establish what the call would reach.
  std::optional<supervisor::Response> prepare_enforced_open(event::SyscallEvent& event);

  AlertPipeline& pipeline_;
};

// The supervisor's answer for a pipeline verdict.
supervisor::Response response_for(const Verdict& verdict);

}  // namespace lanner::app
