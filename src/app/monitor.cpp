#include "app/monitor.h"

#include <algorithm>
#include <cerrno>
#include <set>

#include "app/default_rules.h"
#include "engine/load.h"

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
      engine_(*monitor.ruleset, monitor.config.rule_matching == config::RuleMatching::kAll
                                    ? engine::RuleMatching::kAll
                                    : engine::RuleMatching::kFirst) {}

bool AlertPipeline::evaluate(const event::SyscallEvent& event) {
  source_.reset(event);
  return engine_.evaluate(event.syscall->name, source_, matches_);
}

bool AlertPipeline::matches_speculatively(event::SyscallEvent& event) {
  constexpr int64_t kSpeculativeSuccess = 0;
  constexpr int64_t kSpeculativeFailure = -EACCES;
  bool matched = false;
  for (int64_t guess : {kSpeculativeSuccess, kSpeculativeFailure}) {
    event.result = guess;
    if (evaluate(event)) {
      matched = true;
      break;
    }
  }
  event.result.reset();
  return matched;
}

void AlertPipeline::alert_matches(const event::SyscallEvent& event) {
  const bool iso_8601 = monitor_.config.time_format_iso_8601;
  for (const auto* rule : matches_) {
    // rules_for() hands out pointers into rules(), which `outputs` mirrors.
    const auto position = static_cast<size_t>(rule - monitor_.ruleset->rules().data());
    const auto& output = monitor_.outputs[position];
    if (!output) continue;
    monitor_.dispatcher->enqueue(
        output->make_alert(source_, event.time_ns, monitor_.hostname, iso_8601));
    ++alerts_;
  }
}

AlertPipeline::Decision AlertPipeline::on_event(event::SyscallEvent& event,
                                                bool result_obtainable) noexcept {
  if (event.syscall == nullptr) return Decision::kContinue;
  try {
    if (result_obtainable && !event.result) {
      return matches_speculatively(event) ? Decision::kNeedResult : Decision::kContinue;
    }
    if (evaluate(event)) alert_matches(event);
  } catch (...) {
    // Only allocation failure can get here; the event is let through and counted.
    event.result.reset();
    ++failures_;
  }
  return Decision::kContinue;
}

void AlertPipeline::on_result(const event::SyscallEvent& event) noexcept {
  if (event.syscall == nullptr) return;
  try {
    if (evaluate(event)) alert_matches(event);
  } catch (...) {
    ++failures_;
  }
}

}  // namespace lanner::app
