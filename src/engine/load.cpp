#include "engine/load.h"

#include "engine/condition_locator.h"
#include "engine/ruleset_builder.h"
#include "rules/loader.h"

namespace lanner::engine {

namespace {

LoadResult load_sources(const std::vector<rules::SourceText>& files, const lang::FieldCatalog& catalog,
                        LoadResult result) {
  for (const auto& f : files) result.files.push_back(f.name);
  rules::RuleDocument doc = rules::load_document(files, result.diagnostics);
  // As in Falco, nothing is compiled once reading or merging the files failed.
  if (result.diagnostics.has_errors()) return result;
  SourceContents contents;
  for (const auto& f : files) contents.emplace(f.name, SourceFile(f.content));
  auto ruleset = build_ruleset(doc, catalog, result.diagnostics, &contents);
  if (!result.diagnostics.has_errors()) result.ruleset = std::move(ruleset);
  return result;
}

}  // namespace

LoadResult load_rule_files(const std::vector<std::string>& paths, const lang::FieldCatalog& catalog) {
  LoadResult result;
  std::vector<rules::SourceText> files = rules::read_rule_paths(paths, result.diagnostics);
  if (result.diagnostics.has_errors()) {
    for (const auto& f : files) result.files.push_back(f.name);
    return result;
  }
  return load_sources(files, catalog, std::move(result));
}

LoadResult load_rule_texts(const std::vector<RulesText>& texts, const lang::FieldCatalog& catalog) {
  std::vector<rules::SourceText> files;
  files.reserve(texts.size());
  for (const auto& t : texts) files.push_back(rules::SourceText{t.name, t.content});
  return load_sources(files, catalog, LoadResult{});
}

}  // namespace lanner::engine
