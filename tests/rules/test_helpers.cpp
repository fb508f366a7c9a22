#include "rules/test_helpers.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lanner::rules::testing {

Loaded load(const std::vector<std::string>& contents) {
  std::vector<SourceText> files;
  for (size_t i = 0; i < contents.size(); ++i) files.push_back({"f" + std::to_string(i + 1) + ".yaml", contents[i]});
  Loaded out;
  out.doc = load_document(files, out.diags);
  return out;
}

Loaded load(const std::string& content) { return load(std::vector<std::string>{content}); }

template <typename T>
const T* find_named(const std::vector<T>& items, const std::string& name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& i) { return i.name == name; });
  return it == items.end() ? nullptr : &*it;
}

const RuleItem* find_rule(const RuleDocument& doc, const std::string& name) { return find_named(doc.rules, name); }
const MacroItem* find_macro(const RuleDocument& doc, const std::string& name) { return find_named(doc.macros, name); }
const ListItem* find_list(const RuleDocument& doc, const std::string& name) { return find_named(doc.lists, name); }

std::vector<std::string> codes_and_messages(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(d.code + ": " + d.message);
  return out;
}

std::vector<std::string> codes(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags.items()) out.push_back(d.code);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool file_exists(const std::string& path) { return std::filesystem::exists(path); }

}  // namespace lanner::rules::testing
