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
};

struct Monitor {
  config::Config config;
  std::unique_ptr<engine::RuleSet> ruleset;
  // Indexed like ruleset->rules(); nullopt for rules whose output failed to compile (load error).
  std::vector<std::optional<output::RuleOutput>> outputs;
  std::unique_ptr<output::Dispatcher> dispatcher;
  std::vector<std::string> rule_sources;  // files (or the built-in name) the rules came from
  std::string hostname;
};

// Runs the startup steps. Returns nullopt when any step reported an error (all are in `diags`).
std::optional<Monitor> prepare_monitor(const MonitorOptions& options, Diagnostics& diags);

// Per event: evaluate, then build and queue an alert for each match. One per notification thread.
//
// Falco evaluates at syscall exit; lanner sees calls at entry, before the result exists. For
// calls whose result lanner can learn exactly (open family: the supervisor performs the open
// for the target, see supervisor/open_emulator.h), the pipeline first evaluates twice with a
// speculative result, success (fd 0) and failure (EACCES): the truth is one of the two. If
// neither matches, no rule can match whatever happens: the call just runs. If one does,
// on_event asks for the real result and the alerts come from on_result, evaluated on it.
// Other calls are evaluated once with the result missing (docs/fields.md).
class AlertPipeline {
 public:
  enum class Decision { kContinue, kNeedResult };

  explicit AlertPipeline(Monitor& monitor);

  // Evaluates `event` (its `result` is used as scratch during speculation and restored).
  // Never throws and never waits on a sink.
  Decision on_event(event::SyscallEvent& event, bool result_obtainable) noexcept;
  // After kNeedResult: the event with its real result (or none, if it could not be learnt).
  void on_result(const event::SyscallEvent& event) noexcept;

  uint64_t alerts() const { return alerts_; }
  uint64_t failures() const { return failures_; }  // events whose evaluation threw (bad_alloc)

 private:
  bool evaluate(const event::SyscallEvent& event);
  bool matches_speculatively(event::SyscallEvent& event);
  void alert_matches(const event::SyscallEvent& event);

  Monitor& monitor_;
  engine::Engine engine_;
  event::EventFieldSource source_;
  std::vector<const engine::CompiledRule*> matches_;
  uint64_t alerts_ = 0;
  uint64_t failures_ = 0;
};

}  // namespace lanner::app
