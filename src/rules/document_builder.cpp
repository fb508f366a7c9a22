#include "rules/document_builder.h"

#include "rules/exception_expansion.h"
#include "rules/list_expansion.h"
#include "rules/list_substituter.h"
#include "rules/load_error.h"

namespace lanner::rules {

namespace {

// Falco's compile_list_infos: an item naming a list whose index is below this list's visibility
// is replaced by that list's raw (unexpanded) items.
std::vector<ListItem> expand_lists(const Collector& collected, const LoadBudget& budget) {
  std::vector<ListItem> out;
  std::vector<bool> referenced(collected.lists().size(), false);
  for (const auto& entry : collected.lists()) {
    ListItem list{entry.list.name, {}, entry.index, entry.list.span, false};
    for (const auto& item : entry.list.items) {
      int ref = collected.find_list(item);
      const auto* target = ref >= 0 ? &collected.lists()[static_cast<size_t>(ref)] : nullptr;
      if (target && target->index < entry.visibility) {
        referenced[static_cast<size_t>(ref)] = true;
        list.items.insert(list.items.end(), target->list.items.begin(), target->list.items.end());
      } else {
        list.items.push_back(item);
      }
      budget.check_list_size(list.items.size(), entry.list.span);
    }
    out.push_back(std::move(list));
  }
  for (size_t i = 0; i < out.size(); ++i) out[i].used = referenced[i];
  return out;
}

std::string substitute_all(std::string condition, ListSubstituter& lists, const LoadBudget& budget,
                           const SourceSpan& span) {
  if (lists.apply(condition, budget.limits().max_condition_bytes) == Substitution::kTooLong) {
    budget.check_condition_size(budget.limits().max_condition_bytes + 1, span);  // throws
  }
  return condition;
}

RuleItem make_rule(const CollectedRule& entry, ListSubstituter& lists, const LoadBudget& budget) {
  const RawRule& raw = entry.rule;
  std::string label = item_label("rule", raw.name);
  std::string text = raw.exceptions.empty() ? raw.condition : expand_exceptions(raw.condition, raw.exceptions, label);
  RuleItem rule;
  rule.name = raw.name;
  rule.desc = raw.desc;
  rule.condition = {substitute_all(std::move(text), lists, budget, raw.condition_span), raw.condition_span,
                    raw.condition};
  rule.output = raw.output;
  rule.output_span = raw.output_span;
  rule.priority = raw.priority;
  rule.source = raw.source;
  rule.tags = raw.tags;
  rule.enabled = raw.enabled;
  rule.warn_evttypes = raw.warn_evttypes;
  rule.skip_if_unknown_filter = raw.skip_if_unknown_filter;
  rule.capture = raw.capture;
  rule.capture_duration = raw.capture_duration;
  for (const auto& ex : raw.exceptions) rule.exceptions.push_back(to_exception_item(ex));
  rule.index = entry.index;
  rule.span = raw.span;
  return rule;
}

void report(const LoadError& e, const std::string& item, Diagnostics& diags) {
  Diagnostic d = e.to_diagnostic();
  if (d.item.empty()) d.item = item;
  diags.add(std::move(d));
}

}  // namespace

RuleDocument build_document(const Collector& collected, const LoadBudget& budget, Diagnostics& diags) {
  RuleDocument doc;
  doc.required_engine_version = collected.required_engine_version();
  try {
    doc.lists = expand_lists(collected, budget);
  } catch (const LoadError& e) {
    report(e, "list", diags);
    return doc;
  }
  ListSubstituter lists(doc.lists);
  for (const auto& entry : collected.macros()) {
    const RawMacro& raw = entry.macro;
    try {
      ConditionText condition{substitute_all(raw.condition, lists, budget, raw.condition_span),
                              raw.condition_span, raw.condition};
      doc.macros.push_back({raw.name, std::move(condition), entry.index, entry.visibility, raw.span});
    } catch (const LoadError& e) {
      report(e, item_label("macro", raw.name), diags);
    }
  }
  for (const auto& entry : collected.rules()) {
    if (entry.unknown_source) {
      ++doc.skipped_rules;
      continue;
    }
    try {
      doc.rules.push_back(make_rule(entry, lists, budget));
    } catch (const LoadError& e) {
      report(e, item_label("rule", entry.rule.name), diags);
    }
  }
  return doc;
}

}  // namespace lanner::rules
