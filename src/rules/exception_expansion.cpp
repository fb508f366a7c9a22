#include "rules/exception_expansion.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "rules/list_expansion.h"
#include "rules/load_error.h"

namespace lanner::rules {

namespace {

constexpr std::array<std::string_view, 20> kOperators{
    "=",  "==",      "!=",        "<=",         ">=",          "<",        ">",    "contains", "icontains", "bcontains",
    "startswith", "bstartswith", "endswith", "glob", "iglob", "pmatch", "exists", "in", "intersects", "regex"};

// Operators whose right-hand side is a parenthesised list.
bool is_list_operator(const std::string& op) { return op == "in" || op == "intersects" || op == "pmatch"; }

bool is_operator(const std::string& op) {
  return std::find(kOperators.begin(), kOperators.end(), op) != kOperators.end();
}

[[noreturn]] void fail(const std::string& message, const RawException& ex, const std::string& item) {
  throw LoadError{kValidate, "Exception '" + ex.name + "': " + message, ex.span, item};
}

ExceptionEntry scalar_entry(std::string text) {
  ExceptionEntry e;
  e.item = std::move(text);
  e.present = true;
  return e;
}

std::string paren_item(std::string item) { return !item.empty() && item[0] == '(' ? item : "(" + item + ")"; }

std::string scalar_form(const RawException& ex, const std::string& item) {
  std::string out;
  for (const auto& value : ex.values) {
    if (value.is_list) fail("Expected values array to contain a list of strings", ex, item);
    out += out.empty() ? "(" + ex.fields.item + " " + ex.comps.item + " (" : ", ";
    out += quote_item(value.item);
  }
  return out.empty() ? out : out + "))";
}

std::string value_text(const ExceptionEntry& value, const std::string& op) {
  if (!value.is_list) return is_list_operator(op) ? paren_item(value.item) : quote_item(value.item);
  std::string out = "(";
  for (const auto& v : value.items) {
    if (out.size() > 1) out += ", ";
    out += quote_item(v.item);
  }
  return out + ")";
}

std::string sequence_form(const RawException& ex, const std::string& item) {
  std::string out = "(";
  for (const auto& tuple : ex.values) {
    if (ex.fields.items.size() != tuple.items.size()) fail("Fields and values lists must have equal length", ex, item);
    if (out.size() > 1) out += " or ";
    out += "(";
    for (size_t k = 0; k < ex.fields.items.size(); ++k) {
      const std::string& op = ex.comps.items[k].item;
      if (k > 0) out += " and ";
      out += " " + ex.fields.items[k].item + " " + op + " " + value_text(tuple.items[k], op);
    }
    out += ")";
  }
  out += ")";
  return out == "()" ? std::string() : out;
}

}  // namespace

void validate_exception(RawException& ex, const std::string& item) {
  if (ex.fields.is_list) {
    if (!ex.comps.valid()) {
      ex.comps = ExceptionEntry{true, {}, {}, true};
      for (size_t i = 0; i < ex.fields.items.size(); ++i) ex.comps.items.push_back(scalar_entry("="));
    }
    if (ex.fields.items.size() != ex.comps.items.size()) fail("Fields and comps lists must have equal length", ex, item);
    for (const auto& comp : ex.comps.items) {
      if (comp.is_list || !is_operator(comp.item)) {
        fail("'" + comp.item + "' is not a supported comparison operator", ex, item);
      }
    }
    for (const auto& field : ex.fields.items) {
      if (field.is_list || field.item.empty()) fail("Fields must be a list of field names", ex, item);
    }
    return;
  }
  if (!ex.comps.valid()) ex.comps = scalar_entry("in");
  if (ex.comps.is_list) fail("Fields and comps must both be strings", ex, item);
  if (ex.comps.item != "in" && ex.comps.item != "pmatch" && ex.comps.item != "intersects") {
    fail("When fields is a single value, comps must be one of (in, pmatch, intersects)", ex, item);
  }
}

std::string expand_exceptions(const std::string& condition, const std::vector<RawException>& exceptions,
                              const std::string& item) {
  std::string out = "(" + condition + ")";
  for (const auto& ex : exceptions) {
    std::string clause = ex.fields.is_list ? sequence_form(ex, item) : scalar_form(ex, item);
    if (!clause.empty()) out += " and not " + clause;
  }
  return out;
}

ExceptionItem to_exception_item(const RawException& ex) {
  ExceptionItem out;
  out.name = ex.name;
  out.span = ex.span;
  out.scalar_form = !ex.fields.is_list;
  auto strings = [](const ExceptionEntry& e) {
    std::vector<std::string> v;
    if (!e.is_list) return std::vector<std::string>{e.item};
    for (const auto& i : e.items) v.push_back(i.item);
    return v;
  };
  out.fields = strings(ex.fields);
  out.comps = strings(ex.comps);
  for (const auto& tuple : ex.values) {
    std::vector<std::vector<std::string>> row;
    if (out.scalar_form || !tuple.is_list) {
      row.push_back(strings(tuple));
    } else {
      for (const auto& value : tuple.items) row.push_back(strings(value));
    }
    out.values.push_back(std::move(row));
  }
  return out;
}

}  // namespace lanner::rules
