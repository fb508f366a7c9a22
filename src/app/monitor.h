#pragma once
// What `lanner run` sets up before the target starts, and the per-event path from a decoded
// syscall to queued alerts. Kernel-free: the supervisor calls AlertPipeline::on_event through
// a thin EventHandler adapter in the CLI.
//
// Startup steps (prepare_monitor), in order: load the configuration (-c, -o), load the rules
// (-r, else the config's rules_files, else the built-in defaults), apply the config's `rules:`
// selection and minimum priority, compile each rule's output template, build the sinks and their
// dispatcher, and compute the event types the supervisor must trap.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/enforcement.h"
#include "common/diagnostic.h"
#include "config/config.h"
#include "engine/engine.h"
#include "engine/ruleset.h"
#include "event/event.h"
#include "event/field_registry.h"
#include "output/dispatcher.h"
#include "output/outputs.h"
#include "output/rule_output.h"

namespace lanner::app {

struct MonitorOptions {
  std::vector<std::string> rules_paths;  // -r, in order; empty: config rules_files or defaults
  std::string config_path;               // -c; empty: defaults
  std::vector<std::string> overrides;    // -o key=value
  output::OutputsEnvironment environment;
  std::vector<config::EnforceEntry> enforce;  // --enforce, added to the config's lanner.enforce
};

struct Monitor {
  config::Config config;
  std::unique_ptr<engine::RuleSet> ruleset;
  // Indexed like ruleset->rules(); nullopt for rules whose output failed to compile (load error).
  std::vector<std::optional<output::RuleOutput>> outputs;
  std::unique_ptr<output::Dispatcher> dispatcher;
  EnforcementPolicy policy;  // inactive: lanner only alerts
  std::vector<std::string> rule_sources;  // files (or the built-in name) the rules came from
  std::string hostname;
};

// Runs the startup steps. Returns nullopt when any step reported an error (all are in `diags`).
std::optional<Monitor> prepare_monitor(const MonitorOptions& options, Diagnostics& diags);

// What the supervisor knows about a call beyond its event.
struct CallContext {
  bool result_obtainable = false;  // open family: lanner can perform the open and learn the result
  bool sole_task = false;  // the caller is the only task of the monitored tree: nothing under
                           // lanner can rewrite its memory or files while lanner decides
};

// True when `field`'s value on `event` may depend on the call's result (evt.res, evt.rawres,
// evt.failed, evt.count.error*, fd.num of a created fd, evt.arg/evt.rawarg of a parameter not
// taken from the call's arguments or its process, evt.args, evt.info). Every other field reads only what the call was asked to do, so an
// evaluation that read none of these has the same outcome whatever the result.
bool depends_on_result(const lang::FieldRef& field, const event::SyscallEvent& event);

// The event's field source. While the event has no result, the fields that depend on it are
// unknown (lang::FieldSource::unknown), not just missing.
class CallFieldSource final : public lang::FieldSource {
 public:
  void reset(const event::SyscallEvent& event);
  bool extract(const lang::FieldRef& field, lang::FieldValues& out) override {
    return inner_.extract(field, out);
  }
  const lang::FieldValues* extract_view(const lang::FieldRef& field,
                                        lang::FieldValues& scratch) override {
    return inner_.extract_view(field, scratch);
  }
  bool unknown(const lang::FieldRef& field) override;

 private:
  event::EventFieldSource inner_;
  const event::SyscallEvent* event_ = nullptr;
};

// The pipeline's answer for one call.
struct Verdict {
  enum class Kind : uint8_t {
    kContinue,    // let the call run
    kNeedResult,  // learn the result first (perform the open), then ask on_result
    kBlock,       // refuse it: `action` says how
  };
  Kind kind = Kind::kContinue;
  config::EnforceAction action;

  static Verdict go_on() { return {}; }
  static Verdict need_result() { return {Kind::kNeedResult, {}}; }
  static Verdict block(const config::EnforceAction& action) { return {Kind::kBlock, action}; }
};

// Per event: evaluate, alert on matches, and (in enforce mode) decide whether the call runs.
// One per notification thread.
//
// Falco evaluates at syscall exit; lanner sees calls at entry, before the result exists. For
// calls whose result lanner can learn exactly (open family: the supervisor performs the open
// for the target, see supervisor/open_emulator.h), the pipeline first evaluates once with the
// result unknown (lang::Unknowns::kMayMatch: each check on evt.res, fd.num... goes the way that
// leads to a match). If no rule could match, none can whatever the call returns: the call just
// runs. If one could, on_event asks for the real result and the decision and alerts come from
// on_result.
// Other calls are evaluated once with the result missing (docs/fields.md).
//
// Enforce mode: a call blocks when an enforced rule matches (the strongest action wins). An
// open-family call whose bucket holds an enforced rule is decided on data lanner owns: the
// file lanner itself opened (on_result, after emulation) whenever another task could race the
// call; when the caller is the tree's only task, on lanner's own resolution of the path (the
// handler puts it in fd.name), emulating only if a rule could match. Alerts say what was done
// (output field lanner.action, tag lanner_prevented) and on what evidence (lanner.evidence:
// "verified" for emulated results, else "entry-time").
class AlertPipeline {
 public:
  explicit AlertPipeline(Monitor& monitor);

  // True when an enforced rule could judge this call (its event type's bucket holds one).
  bool enforces(const event::SyscallEvent& event) const;
  // Evaluates `event`. Never throws and never waits on a sink. An open no enforced rule could
  // judge (with context.result_obtainable) is only evaluated with its result unknown: it never
  // alerts here (its alerts come from on_completed), which
  // PipelineHandler::acts_before_answering relies on.
  Verdict on_event(event::SyscallEvent& event, const CallContext& context) noexcept;
  // After kNeedResult, before the call runs (its result is unknown): the enforcement decision.
  // `located`: fd.name is the file the open would really reach, found by lanner. Blocks (and
  // alerts) if an enforced rule matches whichever way the call would turn out; otherwise
  // kContinue, and the alerts wait for on_completed. Never kNeedResult.
  Verdict on_result(event::SyscallEvent& event, bool located) noexcept;
  // The call ran: with its exact result when lanner performed it, else with none. Alerts.
  void on_completed(const event::SyscallEvent& event) noexcept;
  // lanner's hardening refused the call (supervisor/hardening.h): alert only.
  void on_hardening(const event::SyscallEvent& event, std::string_view rule,
                    std::string_view description, int error) noexcept;
  // Enforce mode could not establish what the call would do (e.g. a path lanner cannot
  // resolve): the call is refused with `error` and this alert says why.
  void on_unverifiable(const event::SyscallEvent& event, std::string_view why, int error) noexcept;

  uint64_t alerts() const { return alerts_; }
  uint64_t blocked() const { return blocked_; }
  uint64_t failures() const { return failures_; }  // events whose evaluation threw (bad_alloc)

 private:
  enum class Evidence : uint8_t { kEntryTime, kVerified };

  bool evaluate(const event::SyscallEvent& event);
  bool could_match(const event::SyscallEvent& event);
  const config::EnforceAction* could_enforce(const event::SyscallEvent& event);
  Verdict block_speculatively(event::SyscallEvent& event, Evidence evidence);
  const config::EnforceAction* strongest_action() const;
  Verdict judge(const event::SyscallEvent& event, Evidence evidence, bool can_block);
  void alert_matches(const event::SyscallEvent& event, const config::EnforceAction* action,
                     Evidence evidence);
  void mark(output::Alert& alert, const config::EnforceAction* action, Evidence evidence) const;
  void alert_lanner(const event::SyscallEvent& event, std::string_view rule,
                    std::string_view description, const config::EnforceAction& action);
  Verdict failure_verdict(const event::SyscallEvent& event);

  Monitor& monitor_;
  engine::Engine engine_;
  CallFieldSource source_;
  std::vector<const engine::CompiledRule*> matches_;
  bool first_match_only_ = true;  // rule_matching: first (enforced rules always alert)
  uint64_t alerts_ = 0;
  uint64_t blocked_ = 0;
  uint64_t failures_ = 0;
};

}  // namespace lanner::app
