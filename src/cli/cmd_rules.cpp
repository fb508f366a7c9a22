// `lanner rules [-r FILE|DIR]... [-l NAME] [--json]` (Falco's `-L` / `-l NAME`): lists the loaded
// rules (name, priority, enabled, source, tags, description) or describes one rule in full,
// including its macro-expanded condition. Without -r uses the config's rules_files or the
// built-in default rules. JSON with --json or -o json_output=true.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/rules_loading.h"
#include "common/text.h"
#include "rules/priority.h"

namespace lanner::cli {
namespace {

struct RulesOptions {
  std::string describe;  // -l NAME
  bool json = false;
};

std::string join_tags(const std::set<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) out += (out.empty() ? "" : ", ") + t;
  return out;
}

nlohmann::json rule_json(const engine::CompiledRule& r, bool full) {
  nlohmann::json info{{"name", r.name},
                      {"desc", r.desc},
                      {"priority", std::string(rules::priority_name(r.priority))},
                      {"source", r.source},
                      {"enabled", r.enabled},
                      {"tags", r.tags}};
  if (full) {
    info["condition"] = r.condition;
    info["output"] = r.output;
    info["position"] = {{"name", r.span.file}, {"line", r.span.line}, {"column", r.span.column}};
  }
  return {{"info", info}};
}

void print_list(const engine::RuleSet& set) {
  size_t width = 4;
  for (const auto& r : set.rules()) width = std::max(width, r.name.size());
  for (const auto& r : set.rules()) {
    std::string name = r.name + std::string(width - r.name.size(), ' ');
    std::string priority(rules::priority_name(r.priority));
    priority.resize(std::max<size_t>(priority.size(), 13), ' ');  // "Informational" is the longest
    std::cout << name << "  " << priority << "  " << (r.enabled ? "enabled " : "disabled") << "  " << r.source
              << "  [" << join_tags(r.tags) << "]\n";
    std::cout << "    " << trim(r.desc) << "\n";
  }
}

void print_rule(const engine::CompiledRule& r) {
  std::cout << "Rule: " << r.name << "\n"
            << "Description: " << trim(r.desc) << "\n"
            << "Priority: " << rules::priority_name(r.priority) << "\n"
            << "Source: " << r.source << "\n"
            << "Enabled: " << (r.enabled ? "true" : "false") << "\n"
            << "Tags: " << join_tags(r.tags) << "\n"
            << "Defined at: " << r.span.file << ":" << r.span.line << ":" << r.span.column << "\n"
            << "Condition: " << r.condition << "\n"
            << "Output: " << r.output << "\n";
}

int describe_one(const engine::RuleSet& set, const std::string& name, bool json) {
  const engine::CompiledRule* rule = set.find(name);
  if (rule == nullptr) {
    std::vector<std::string_view> names;
    for (const auto& r : set.rules()) names.push_back(r.name);
    std::string guess = closest_match(name, names);
    std::cerr << "lanner: no rule named '" << name << "'" << (guess.empty() ? "" : " (did you mean '" + guess + "'?)")
              << "\n";
    return 1;
  }
  if (json) {
    std::cout << nlohmann::json{{"rules", nlohmann::json::array({rule_json(*rule, true)})}}.dump() << "\n";
  } else {
    print_rule(*rule);
  }
  return 0;
}

int run_rules(const CommonOptions& common, const RulesOptions& opts) {
  LoadedRules loaded = load_rules_for_cli(common);
  if (loaded.config_diagnostics.has_errors()) {
    std::cerr << render_text(loaded.config_diagnostics);
    return 1;
  }
  const auto& result = loaded.result;
  if (result.diagnostics.has_errors() || !result.ruleset) {
    std::cerr << render_text(result.diagnostics);
    std::cerr << "lanner: rules could not be loaded (run `lanner validate` for a per-file report)\n";
    return 1;
  }
  bool json = opts.json || loaded.json_output;
  if (!opts.describe.empty()) return describe_one(*result.ruleset, opts.describe, json);
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& r : result.ruleset->rules()) list.push_back(rule_json(r, false));
    std::cout << nlohmann::json{{"rules", list}}.dump() << "\n";
  } else {
    print_list(*result.ruleset);
  }
  return 0;
}

}  // namespace

void register_rules(CLI::App& app, CommonOptions& common, int& exit_code) {
  auto* cmd = app.add_subcommand("rules", "List the loaded rules (Falco's -L), or describe one with -l NAME");
  add_common_options(*cmd, common);
  auto opts = std::make_shared<RulesOptions>();
  cmd->add_option("-l,--describe", opts->describe, "Describe one rule: condition (macros expanded), output...")
      ->type_name("NAME");
  cmd->add_flag("--json", opts->json, "Machine-readable output (same as -o json_output=true)");
  cmd->callback([&common, &exit_code, opts] { exit_code = run_rules(common, *opts); });
}

}  // namespace lanner::cli
