#include "rules/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <new>
#include <sstream>
#include <string_view>
#include <system_error>

#include "rules/collector.h"
#include "rules/document_builder.h"
#include "rules/load_budget.h"
#include "rules/versions.h"
#include "rules/yaml_reader.h"

namespace lanner::rules {

namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

bool is_rules_file(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

// A directory contributes its .yaml/.yml files (not recursing), sorted by name.
std::vector<std::string> expand_directory(const std::string& dir, Diagnostics& diags) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && is_rules_file(it->path())) files.push_back(it->path().string());
  }
  if (ec) diags.error("LOAD_ERR_FILE_READ", "Could not list rules directory: " + ec.message(), {dir, 0, 0, 0});
  std::sort(files.begin(), files.end());
  return files;
}

void read_one(const std::string& path, std::vector<SourceText>& out, Diagnostics& diags) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    diags.error("LOAD_ERR_FILE_READ", "Rules file is larger than " + std::to_string(kMaxFileBytes) + " bytes",
                {path, 0, 0, 0});
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.error("LOAD_ERR_FILE_READ", "Could not read rules file", {path, 0, 0, 0});
    return;
  }
  std::ostringstream content;
  content << in.rdbuf();
  out.push_back({path, content.str()});
}

// Line `line` (1-based) of `content`, without its newline.
std::string line_of(std::string_view content, uint32_t line) {
  size_t start = 0;
  for (uint32_t i = 1; i < line; ++i) {
    start = content.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  size_t end = content.find('\n', start);
  std::string_view text = content.substr(start, end == std::string_view::npos ? content.size() - start : end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return std::string(text);
}

// A line short enough to echo under a diagnostic: huge generated lines are cut (or dropped when
// the caret would be past the cut) so one bad file cannot flood the terminal.
std::string echoable_line(std::string line, uint32_t column) {
  constexpr size_t kMaxEcho = 240;
  if (line.size() <= kMaxEcho) return line;
  if (column > kMaxEcho - 40) return {};
  line.resize(kMaxEcho - 4);
  return line + " ...";
}

// Copies `from` into `to`, giving each diagnostic the source line its caret points at.
void add_with_source_lines(const Diagnostics& from, const std::vector<SourceText>& files, Diagnostics& to) {
  for (Diagnostic d : from.items()) {
    if (d.source_line.empty() && d.span.known()) {
      auto file = std::find_if(files.begin(), files.end(), [&](const SourceText& f) { return f.name == d.span.file; });
      if (file != files.end()) d.source_line = echoable_line(line_of(file->content, d.span.line), d.span.column);
    }
    to.add(std::move(d));
  }
}

void check_plugin_requirements(const Collector& collected, Diagnostics& diags) {
  for (const auto& requirement : collected.plugin_requirements()) {
    std::string problem = check_plugin_requirement(requirement);
    if (!problem.empty()) {
      diags.add({Severity::kError, "LOAD_ERR_VALIDATE", problem, requirement.span, {}, "required_plugin_versions"});
    }
  }
}

}  // namespace

std::vector<SourceText> read_rule_paths(const std::vector<std::string>& paths, Diagnostics& diags) {
  std::vector<SourceText> out;
  for (const auto& path : paths) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      diags.error("LOAD_ERR_FILE_NOT_FOUND", "Rules file or directory not found", {path, 0, 0, 0});
    } else if (fs::is_directory(status)) {
      for (const auto& file : expand_directory(path, diags)) read_one(file, out, diags);
    } else {
      read_one(path, out, diags);
    }
  }
  return out;
}

RuleDocument load_document(const std::vector<SourceText>& files, Diagnostics& diags) {
  Diagnostics local;
  RuleDocument doc;
  try {
    LoadBudget budget;
    Collector collector(budget);
    for (const auto& file : files) {
      read_rules_file(file, budget, [&](RawItem&& item) { return collector.add(std::move(item), local); }, local);
    }
    check_plugin_requirements(collector, local);
    doc = build_document(collector, budget, local);
  } catch (const std::bad_alloc&) {
    local.error("LOAD_ERR_VALIDATE", "Out of memory while loading rules", {});
  }
  add_with_source_lines(local, files, diags);
  return doc;
}

}  // namespace lanner::rules
