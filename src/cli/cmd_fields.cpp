// `lanner fields [--json] [--supplied] [PREFIX]`: the field catalogue (Falco's `--list`), grouped
// by class, with a marker on the fields lanner can supply a value for.
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "event/field_registry.h"

namespace lanner::cli {
namespace {

struct FieldsOptions {
  bool json = false;
  bool supplied_only = false;
  std::string prefix;
};

std::string_view class_of(std::string_view name) { return name.substr(0, name.find('.')); }

std::string_view type_text(lang::FieldType type) {
  switch (type) {
    case lang::FieldType::kString: return "string";
    case lang::FieldType::kSigned: return "int";
    case lang::FieldType::kUnsigned: return "uint";
    case lang::FieldType::kBool: return "bool";
    case lang::FieldType::kIpAddr: return "ipaddr";
    case lang::FieldType::kIpNet: return "ipnet";
    case lang::FieldType::kBytes: return "bytes";
  }
  return "?";
}

std::string_view arg_text(lang::FieldArgKind arg) {
  switch (arg) {
    case lang::FieldArgKind::kNone: return "";
    case lang::FieldArgKind::kIndexRequired: return "[N] or .NAME required";
    case lang::FieldArgKind::kIndexOptional: return "[N] optional";
    case lang::FieldArgKind::kKeyRequired: return "[KEY] required";
    case lang::FieldArgKind::kKeyOptional: return "[KEY] optional";
  }
  return "";
}

std::vector<std::string_view> flag_names(uint32_t flags) {
  std::vector<std::string_view> out;
  if (flags & lang::kFieldFilterOnly) out.push_back("filter-only");
  if (flags & lang::kFieldPrintOnly) out.push_back("print-only");
  if (flags & lang::kFieldDeprecated) out.push_back("deprecated");
  if (flags & lang::kFieldAnyValue) out.push_back("any-ancestor");
  if (flags & lang::kFieldList) out.push_back("list");
  if (flags & lang::kFieldNoRhs) out.push_back("no-rhs");
  return out;
}

bool selected(const lang::FieldInfo& f, const FieldsOptions& opts) {
  if (opts.supplied_only && !(f.flags & lang::kFieldSupplied)) return false;
  return std::string_view(f.name).starts_with(opts.prefix);
}

void print_json(const FieldsOptions& opts) {
  nlohmann::json out = nlohmann::json::array();
  for (const lang::FieldInfo& f : event::field_catalog().fields()) {
    if (!selected(f, opts)) continue;
    nlohmann::json flags = nlohmann::json::array();
    for (std::string_view flag : flag_names(f.flags)) flags.push_back(flag);
    out.push_back({{"name", f.name},
                   {"class", class_of(f.name)},
                   {"type", type_text(f.type)},
                   {"libsinsp_type", f.type_name},
                   {"arg", arg_text(f.arg)},
                   {"flags", flags},
                   {"supplied", (f.flags & lang::kFieldSupplied) != 0},
                   {"description", f.description}});
  }
  std::cout << out.dump(2) << '\n';
}

void print_field(const lang::FieldInfo& f) {
  bool supplied = (f.flags & lang::kFieldSupplied) != 0;
  std::string name(f.name);
  std::string type(f.type_name);
  std::cout << (supplied ? "* " : "  ") << name;
  std::cout << std::string(name.size() < 42 ? 42 - name.size() : 1, ' ') << type;
  std::string extras(arg_text(f.arg));
  for (std::string_view flag : flag_names(f.flags)) {
    extras += extras.empty() ? "" : ", ";
    extras += flag;
  }
  if (!extras.empty()) std::cout << "  (" << extras << ")";
  std::cout << "\n      " << f.description << "\n";
}

void print_text(const FieldsOptions& opts) {
  std::cout << "Fields lanner knows (libsinsp and container-plugin names). '*' marks fields "
               "lanner supplies;\nthe others are always missing values (every comparison on "
               "them is false).\n";
  std::string_view current_class;
  size_t shown = 0;
  for (const lang::FieldInfo& f : event::field_catalog().fields()) {
    if (!selected(f, opts)) continue;
    if (class_of(f.name) != current_class) {
      current_class = class_of(f.name);
      std::cout << "\nField class: " << current_class << "\n\n";
    }
    print_field(f);
    ++shown;
  }
  if (shown == 0) std::cout << "\nno field name starts with '" << opts.prefix << "'\n";
}

}  // namespace

void register_fields(CLI::App& app, [[maybe_unused]] CommonOptions& common, int& exit_code) {
  auto opts = std::make_shared<FieldsOptions>();
  auto* cmd = app.add_subcommand("fields", "List the fields usable in conditions and outputs");
  cmd->add_flag("--json", opts->json, "Machine-readable output (a JSON array)");
  cmd->add_flag("--supplied", opts->supplied_only, "Only the fields lanner can supply");
  cmd->add_option("prefix", opts->prefix, "Only fields whose name starts with this (e.g. proc, fd.)");
  cmd->callback([opts, &exit_code] {
    // `falco --list syscall` names an event source: every lanner field belongs to it.
    if (opts->prefix == "syscall") opts->prefix.clear();
    if (opts->json) {
      print_json(*opts);
    } else {
      print_text(*opts);
    }
    exit_code = 0;
  });
}

}  // namespace lanner::cli
