#include "app/monitor.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <set>

#include "app/default_rules.h"
#include "engine/load.h"
#include "event/render_param.h"

namespace lanner::app {
namespace {

engine::LoadResult load_rules(const MonitorOptions& options, const config::Config& config,
                              std::vector<std::string>& sources) {
  const auto& catalog = event::field_catalog();
  std::vector<std::string> paths = options.rules_paths;
  if (paths.empty()) paths = config.rules_files;
  if (paths.empty()) {
    sources = {std::string(kDefaultRulesName)};
    return engine::load_rule_texts(
        {{std::string(kDefaultRulesName), std::string(default_rules_yaml())}}, catalog);
  }
  auto result = engine::load_rule_files(paths, catalog);
  sources = result.files;
  return result;
}

void apply_selection(const config::Config& config, engine::RuleSet& ruleset) {
  for (const auto& selection : config.rules) {
    if (!selection.rule.empty()) ruleset.set_enabled(selection.rule, selection.enable);
    if (!selection.tag.empty()) ruleset.set_enabled_by_tag(selection.tag, selection.enable);
  }
  ruleset.set_min_priority(config.priority);
}

// RuleOutput compiles from the document's view of a rule; the compiled rule carries what it needs.
rules::RuleItem rule_item_of(const engine::CompiledRule& rule) {
  rules::RuleItem item;
  item.name = rule.name;
  item.output = rule.output;
  item.priority = rule.priority;
  item.source = rule.source;
  item.tags = rule.tags;
  item.span = rule.span;
  item.output_span = rule.span;
  return item;
}

std::vector<std::optional<output::RuleOutput>> compile_outputs(const engine::RuleSet& ruleset,
                                                               const config::Config& config,
                                                               Diagnostics& diags) {
  std::vector<std::optional<output::RuleOutput>> outputs;
  outputs.reserve(ruleset.rules().size());
  for (const auto& rule : ruleset.rules()) {
    outputs.push_back(output::RuleOutput::compile(rule_item_of(rule), config.append_output,
                                                  event::field_catalog(), diags));
  }
  return outputs;
}

}  // namespace

std::optional<Monitor> prepare_monitor(const MonitorOptions& options, Diagnostics& diags) {
  Monitor monitor;
  monitor.config = config::load_config(options.config_path, options.overrides, diags);
  if (diags.has_errors()) return std::nullopt;

  auto loaded = load_rules(options, monitor.config, monitor.rule_sources);
  diags.append(loaded.diagnostics);
  if (!loaded.ruleset || diags.has_errors()) return std::nullopt;
  monitor.ruleset = std::move(loaded.ruleset);
  apply_selection(monitor.config, *monitor.ruleset);

  std::vector<config::EnforceEntry> enforce = monitor.config.lanner.enforce;
  enforce.insert(enforce.end(), options.enforce.begin(), options.enforce.end());
  monitor.policy = EnforcementPolicy::resolve(enforce, *monitor.ruleset, diags);
  if (diags.has_errors()) return std::nullopt;

  monitor.outputs = compile_outputs(*monitor.ruleset, monitor.config, diags);
  if (diags.has_errors()) return std::nullopt;

  monitor.hostname = options.environment.hostname.empty() ? output::default_hostname()
                                                          : options.environment.hostname;
  auto environment = options.environment;
  environment.hostname = monitor.hostname;
  monitor.dispatcher = output::build_outputs(monitor.config, environment, diags);
  if (!monitor.dispatcher || diags.has_errors()) return std::nullopt;
  return monitor;
}

AlertPipeline::AlertPipeline(Monitor& monitor)
    : monitor_(monitor),
      // Enforcement must see every matching rule, not only the first one.
      engine_(*monitor.ruleset, monitor.config.rule_matching == config::RuleMatching::kAll ||
                                        monitor.policy.active()
                                    ? engine::RuleMatching::kAll
                                    : engine::RuleMatching::kFirst),
      first_match_only_(monitor.config.rule_matching == config::RuleMatching::kFirst) {}

bool AlertPipeline::enforces(const event::SyscallEvent& event) const {
  return event.syscall != nullptr && monitor_.policy.active() &&
         monitor_.policy.enforces_any(monitor_.ruleset->rules_for(event.syscall->name));
}

bool AlertPipeline::evaluate(const event::SyscallEvent& event) {
  source_.reset(event);
  return engine_.evaluate(event.syscall->name, source_, matches_);
}

namespace {
bool is_result_param(const event::SyscallEvent& event, const lang::FieldRef& field) {
  const auto& params = event.syscall->params;
  // evt.arg[N] comes as an index, or as its digits when lang passed the argument unparsed.
  std::optional<size_t> index;
  size_t digits = 0;
  if (field.index >= 0) {
    index = static_cast<size_t>(field.index);
  } else if (!field.arg.empty() &&
             std::from_chars(field.arg.data(), field.arg.data() + field.arg.size(), digits).ptr ==
                 field.arg.data() + field.arg.size()) {
    index = digits;
  } else {
    index = event::param_index(*event.syscall, field.arg);
  }
  if (!index || *index >= params.size()) return false;  // missing whatever the result
  const auto kind = params[*index].source.kind;
  return kind != event::ParamSource::kArg && kind != event::ParamSource::kProcess;
}
}  // namespace

bool depends_on_result(const lang::FieldRef& field, const event::SyscallEvent& event) {
  if ((field.info->flags & lang::kFieldResult) == 0) return false;
  const std::string_view name = field.info->name;
  if (name == "evt.arg" || name == "evt.rawarg") {
    return event.syscall == nullptr || is_result_param(event, field);
  }
  return true;
}

void CallFieldSource::reset(const event::SyscallEvent& event) {
  inner_.reset(event);
  event_ = &event;
}

bool CallFieldSource::unknown(const lang::FieldRef& field) {
  return event_ != nullptr && !event_->result && depends_on_result(field, *event_);
}

// Whether a rule could match, whatever the call's result turns out to be; matches_ holds the
// rules that could.
bool AlertPipeline::could_match(const event::SyscallEvent& event) {
  source_.reset(event);
  return engine_.evaluate(event.syscall->name, source_, matches_, lang::Unknowns::kMayMatch);
}

// The strongest action an enforced rule could take on this call, whatever its result.
const config::EnforceAction* AlertPipeline::could_enforce(const event::SyscallEvent& event) {
  return could_match(event) ? strongest_action() : nullptr;
}

const config::EnforceAction* AlertPipeline::strongest_action() const {
  const config::EnforceAction* strongest = nullptr;
  for (const auto* rule : matches_) {
    const auto* action = monitor_.policy.action_for(*rule);
    if (action != nullptr && (strongest == nullptr || action->strength() > strongest->strength())) {
      strongest = action;
    }
  }
  return strongest;
}

Verdict AlertPipeline::judge(const event::SyscallEvent& event, Evidence evidence, bool can_block) {
  if (!evaluate(event)) return Verdict::go_on();
  const auto* action = can_block ? strongest_action() : nullptr;
  alert_matches(event, action, evidence);
  if (action == nullptr) return Verdict::go_on();
  ++blocked_;
  return Verdict::block(*action);
}

void AlertPipeline::mark(output::Alert& alert, const config::EnforceAction* action,
                         Evidence evidence) const {
  alert.output_fields["lanner.evidence"] = evidence == Evidence::kVerified ? "verified" : "entry-time";
  if (!monitor_.policy.active()) return;  // monitor mode: Falco's alert, plus the evidence flag
  const std::string taken = action != nullptr ? action->text() : "none";
  alert.output_fields["lanner.action"] = taken;
  alert.output += " lanner.action=" + taken;  // text sinks see it too, like appended fields
  if (action != nullptr) alert.tags.insert("lanner_prevented");
}

void AlertPipeline::alert_matches(const event::SyscallEvent& event,
                                  const config::EnforceAction* action, Evidence evidence) {
  const bool iso_8601 = monitor_.config.time_format_iso_8601;
  bool alerted = false;
  for (const auto* rule : matches_) {
    // Under rule_matching: first only the first match alerts, but a rule that blocked always does.
    if (alerted && first_match_only_ && monitor_.policy.action_for(*rule) == nullptr) continue;
    // rules_for() hands out pointers into rules(), which `outputs` mirrors.
    const auto position = static_cast<size_t>(rule - monitor_.ruleset->rules().data());
    const auto& output = monitor_.outputs[position];
    if (!output) continue;
    auto alert = output->make_alert(source_, event.time_ns, monitor_.hostname, iso_8601);
    mark(alert, action, evidence);
    monitor_.dispatcher->enqueue(std::move(alert));
    alerted = true;
    ++alerts_;
  }
}

// An alert about a decision lanner took by itself (hardening, unverifiable call): a rule of
// lanner's own, with the caller's process fields.
void AlertPipeline::alert_lanner(const event::SyscallEvent& event, std::string_view rule,
                                 std::string_view description,
                                 const config::EnforceAction& action) {
  output::Alert alert;
  alert.time_ns = event.time_ns;
  alert.rule = std::string(rule);
  alert.priority = rules::Priority::kCritical;
  alert.tags = {"lanner", "lanner_prevented"};
  alert.hostname = monitor_.hostname;
  alert.output_fields["evt.time"] = event.time_ns;
  alert.output_fields["evt.type"] = event.syscall != nullptr ? std::string(event.syscall->name)
                                                             : std::string("<foreign-abi>");
  alert.output_fields["lanner.action"] = action.text();
  std::string who = "<NA>";
  if (event.process) {
    alert.output_fields["proc.pid"] = event.process->pid;
    alert.output_fields["proc.name"] = event.process->comm;
    std::string cmdline = event.process->comm;
    for (const auto& arg : event.process->args) cmdline += " " + arg;
    alert.output_fields["proc.cmdline"] = cmdline;
    alert.output_fields["user.uid"] = event.process->uid;
    who = event.process->comm + " (pid " + std::to_string(event.process->pid) + ")";
  }
  alert.output = std::string(description) + " (proc=" + who + " evt.type=" +
                 alert.output_fields["evt.type"].get<std::string>() + " action=" + action.text() + ")";
  monitor_.dispatcher->enqueue(std::move(alert));
  ++alerts_;
}

Verdict AlertPipeline::failure_verdict(const event::SyscallEvent& event) {
  ++failures_;
  if (!monitor_.policy.active()) return Verdict::go_on();
  // Enforce mode fails closed: a call lanner could not judge does not run, and says so.
  const config::EnforceAction deny;
  try {
    alert_lanner(event, "lanner: evaluation failed, call denied",
                 "lanner could not evaluate the rules on this call", deny);
  } catch (...) {
    // Out of memory even for the alert: the failure counter still reports it at exit.
  }
  return Verdict::block(deny);
}

Verdict AlertPipeline::on_event(event::SyscallEvent& event, const CallContext& context) noexcept {
  if (event.syscall == nullptr) return Verdict::go_on();
  try {
    if (context.result_obtainable && !event.result) {
      if (enforces(event) && !context.sole_task) return Verdict::need_result();
      return could_match(event) ? Verdict::need_result() : Verdict::go_on();
    }
    return judge(event, Evidence::kEntryTime, true);
  } catch (...) {
    event.result.reset();
    return failure_verdict(event);
  }
}

// Blocks if an enforced rule could match, whatever the call would return.
Verdict AlertPipeline::block_speculatively(event::SyscallEvent& event, Evidence evidence) {
  const auto* action = could_enforce(event);
  if (action == nullptr) return Verdict::go_on();
  const config::EnforceAction chosen = *action;
  alert_matches(event, &chosen, evidence);
  ++blocked_;
  return Verdict::block(chosen);
}

Verdict AlertPipeline::on_result(event::SyscallEvent& event, bool located) noexcept {
  if (event.syscall == nullptr || !enforces(event)) return Verdict::go_on();
  try {
    return block_speculatively(event, located ? Evidence::kVerified : Evidence::kEntryTime);
  } catch (...) {
    event.result.reset();
    return failure_verdict(event);
  }
}

void AlertPipeline::on_completed(const event::SyscallEvent& event) noexcept {
  if (event.syscall == nullptr) return;
  try {
    // The call already ran: an enforced rule matching now (the call was not decided on it, e.g.
    // lanner could not locate the file) can no longer block, and its alert says so
    // (lanner.action none).
    judge(event, event.result ? Evidence::kVerified : Evidence::kEntryTime, false);
  } catch (...) {
    ++failures_;
  }
}

void AlertPipeline::on_hardening(const event::SyscallEvent& event, std::string_view rule,
                                 std::string_view description, int error) noexcept {
  try {
    config::EnforceAction action;
    action.error = error;
    alert_lanner(event, rule, description, action);
  } catch (...) {
    ++failures_;
  }
}

void AlertPipeline::on_unverifiable(const event::SyscallEvent& event, std::string_view why,
                                    int error) noexcept {
  try {
    config::EnforceAction action;
    action.error = error;
    ++blocked_;
    alert_lanner(event, "lanner: unverifiable call denied", why, action);
  } catch (...) {
    ++failures_;
  }
}

}  // namespace lanner::app
