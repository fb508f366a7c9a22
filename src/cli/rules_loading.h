#pragma once
// Rule loading shared by `lanner validate` and `lanner rules` (header-only so the CLI's CMake glob
// of cmd_*.cpp needs no change). Which rules: -r paths if given, else `rules_files` from the -c
// config, else lanner's built-in default rules.
#include <string>
#include <vector>

#include "app/default_rules.h"
#include "cli/commands.h"
#include "common/diagnostic.h"
#include "config/config.h"
#include "engine/load.h"
#include "event/field_registry.h"
#include "rules/loader.h"

namespace lanner::cli {

struct LoadedRules {
  std::vector<rules::SourceText> files;  // what was read, in load order (dirs expanded)
  engine::LoadResult result;             // diagnostics include read errors
  bool json_output = false;              // config `json_output` (e.g. -o json_output=true)
  Diagnostics config_diagnostics;        // problems in -c / -o
};

inline LoadedRules load_rules_for_cli(const CommonOptions& common) {
  LoadedRules loaded;
  config::Config cfg = config::load_config(common.config_path, common.overrides, loaded.config_diagnostics);
  loaded.json_output = cfg.json_output;
  std::vector<std::string> paths = common.rules_paths;
  if (paths.empty() && !common.config_path.empty()) paths = cfg.rules_files;
  Diagnostics read_diags;
  if (paths.empty()) {
    loaded.files.push_back({std::string(app::kDefaultRulesName), std::string(app::default_rules_yaml())});
  } else {
    loaded.files = rules::read_rule_paths(paths, read_diags);
  }
  if (read_diags.has_errors()) {
    loaded.result.diagnostics = std::move(read_diags);
    for (const auto& f : loaded.files) loaded.result.files.push_back(f.name);
    return loaded;
  }
  std::vector<engine::RulesText> texts;
  for (const auto& f : loaded.files) texts.push_back({f.name, f.content});
  loaded.result = engine::load_rule_texts(texts, event::field_catalog());
  Diagnostics all = std::move(read_diags);  // warnings only at this point
  all.append(loaded.result.diagnostics);
  loaded.result.diagnostics = std::move(all);
  return loaded;
}

}  // namespace lanner::cli
