#include "engine/ruleset_builder.h"

#include <array>
#include <utility>
#include <vector>

#include "engine/condition_locator.h"
#include "engine/output_check.h"
#include "lang/ast_print.h"
#include "lang/compiler.h"
#include "lang/event_types.h"
#include "lang/macro_resolver.h"
#include "lang/parser.h"

namespace lanner::engine {

namespace {

// Falco's skip-if-unknown-filter downgrades only these errors (falco-language.md 1.8).
bool is_unknown_filter_error(const std::string& message) {
  constexpr std::array<std::string_view, 4> kPatterns = {
      "nonexistent field", "invalid formatting token", "unknown event type", "unknown filter:"};
  for (std::string_view p : kPatterns) {
    if (message.find(p) != std::string::npos) return true;
  }
  return false;
}

class Builder {
 public:
  Builder(const rules::RuleDocument& doc, const lang::FieldCatalog& catalog, Diagnostics& diags,
          const SourceContents* sources)
      : doc_(doc), catalog_(catalog), diags_(diags), sources_(sources) {}

  std::unique_ptr<RuleSet> build() {
    define_macros();
    check_macros();
    std::vector<CompiledRule> compiled;
    for (const auto& rule : doc_.rules) {
      if (auto r = compile_rule(rule)) compiled.push_back(std::move(*r));
    }
    warn_unused();
    return std::make_unique<RuleSet>(std::move(compiled));
  }

 private:
  void report(Severity severity, std::string code, std::string message, const rules::ConditionText& cond,
              lang::Span at, const std::string& item) {
    Location loc = locate(cond, at, sources_);
    diags_.add(Diagnostic{severity, std::move(code), std::move(message), loc.span, loc.source_line, item});
  }

  // Macros are parsed once; bodies are kept unresolved and expanded on use (cached).
  void define_macros() {
    for (const auto& m : doc_.macros) {
      lang::ParseResult parsed = lang::parse_condition(m.condition.text);
      if (!parsed.ok()) {
        report(Severity::kError, "LOAD_ERR_COMPILE_CONDITION", parsed.error->message, m.condition,
               lang::Span{parsed.error->offset, 1}, "macro '" + m.name + "'");
        continue;
      }
      macros_to_check_.push_back({&m, parsed.ast->clone()});
      resolver_.define(lang::MacroDefinition{m.name, std::move(parsed.ast), m.index, m.visibility});
    }
  }

  // Undefined references and loops are errors in the macro itself, as in Falco.
  void check_macros() {
    for (auto& [m, ast] : macros_to_check_) {
      if (auto err = resolver_.resolve(ast, m->visibility)) {
        report(Severity::kError, "LOAD_ERR_COMPILE_CONDITION", err->message, m->condition, err->span,
               "macro '" + m->name + "'");
      }
    }
    macros_to_check_.clear();
  }

  // Reports a rule's compile problem; returns false when the rule must be dropped.
  void fail_rule(const rules::RuleItem& rule, const std::string& code, const std::string& message,
                 const Location& loc) {
    bool skip = rule.skip_if_unknown_filter && is_unknown_filter_error(message);
    diags_.add(Diagnostic{skip ? Severity::kWarning : Severity::kError,
                          skip ? "LOAD_UNKNOWN_FILTER" : code,
                          skip ? message + " (rule skipped: skip-if-unknown-filter is true)" : message,
                          loc.span, loc.source_line, "rule '" + rule.name + "'"});
  }

  std::optional<CompiledRule> compile_rule(const rules::RuleItem& rule) {
    const std::string item = "rule '" + rule.name + "'";
    lang::ParseResult parsed = lang::parse_condition(rule.condition.text);
    if (!parsed.ok()) {
      fail_rule(rule, "LOAD_ERR_COMPILE_CONDITION", parsed.error->message,
                locate(rule.condition, lang::Span{parsed.error->offset, 1}, sources_));
      return std::nullopt;
    }
    if (auto err = resolver_.resolve(parsed.ast)) {
      fail_rule(rule, "LOAD_ERR_COMPILE_CONDITION", err->message, locate(rule.condition, err->span, sources_));
      return std::nullopt;
    }
    lang::CompileResult compiled = lang::compile_condition(*parsed.ast, catalog_, &shared_);
    if (!compiled.ok()) {
      fail_rule(rule, "LOAD_ERR_COMPILE_CONDITION", compiled.error->message,
                locate(rule.condition, compiled.error->span, sources_));
      return std::nullopt;
    }
    if (!check_rule_output(rule)) return std::nullopt;
    // A field used twice (often through one macro) warns once per rule.
    std::set<std::string> seen;
    for (const auto& w : compiled.warnings) {
      if (!seen.insert(w.code + w.message).second) continue;
      report(Severity::kWarning, w.code, w.message, rule.condition, w.span, item);
    }
    CompiledRule out;
    out.name = rule.name;
    out.desc = rule.desc;
    out.priority = rule.priority;
    out.output = rule.output;
    out.tags = rule.tags;
    out.source = rule.source;
    out.enabled = rule.enabled;
    out.predicate = std::move(compiled.predicate);
    out.event_types = lang::event_types_of(*parsed.ast);
    out.index = rule.index;
    out.span = rule.span;
    out.condition = lang::to_string(*parsed.ast);
    if (!out.event_types.is_finite() && rule.warn_evttypes) {
      diags_.add(Diagnostic{Severity::kWarning, "LOAD_NO_EVTTYPE",
                            "Rule matches too many evt.type values. This has a significant performance "
                            "penalty.",
                            rule.condition.span, {}, item});
    }
    return out;
  }

  bool check_rule_output(const rules::RuleItem& rule) {
    bool ok = true;
    for (const OutputProblem& p : check_output(rule.output, catalog_)) {
      Location loc = locate_in_text(rule.output, rule.output_span, lang::Span{p.offset, p.length}, sources_);
      if (p.is_error) {
        fail_rule(rule, p.code, p.message, loc);
        ok = false;
      } else {
        diags_.add(Diagnostic{Severity::kWarning, p.code, p.message, loc.span, loc.source_line,
                              "rule '" + rule.name + "'"});
      }
    }
    return ok;
  }

  void warn_unused() {
    for (const auto& m : doc_.macros) {
      if (resolver_.used().count(m.name)) continue;
      diags_.add(Diagnostic{Severity::kWarning, "LOAD_UNUSED_MACRO",
                            "Macro not referred to by any other rule/macro", m.span, {},
                            "macro '" + m.name + "'"});
    }
    for (const auto& l : doc_.lists) {
      if (l.used) continue;
      diags_.add(Diagnostic{Severity::kWarning, "LOAD_UNUSED_LIST",
                            "List not referred to by any other rule/macro", l.span, {},
                            "list '" + l.name + "'"});
    }
  }

  const rules::RuleDocument& doc_;
  const lang::FieldCatalog& catalog_;
  Diagnostics& diags_;
  const SourceContents* sources_;
  lang::MacroResolver resolver_;
  // Macros used by many rules (open_read, spawned_process...) are evaluated once per event.
  lang::SharedSubexpressions shared_;
  // Macros that parsed, each with its own copy of the body to resolve as a check.
  std::vector<std::pair<const rules::MacroItem*, lang::NodePtr>> macros_to_check_;
};

}  // namespace

std::unique_ptr<RuleSet> build_ruleset(const rules::RuleDocument& doc, const lang::FieldCatalog& catalog,
                                       Diagnostics& diags, const SourceContents* sources) {
  return Builder(doc, catalog, diags, sources).build();
}

}  // namespace lanner::engine
