#include "output/rule_output.h"

#include <algorithm>
#include <array>

namespace lanner::output {
namespace {

// The container plugin's suggested output fields, in its field-table order.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSuggestedFields{{
    {"container_id", "container.id"},
    {"container_name", "container.name"},
    {"container_image_repository", "container.image.repository"},
    {"container_image_tag", "container.image.tag"},
    {"k8s_pod_name", "k8s.pod.name"},
    {"k8s_ns_name", "k8s.ns.name"},
}};

}  // namespace

std::string suggested_output_suffix(const lang::FieldCatalog& catalog) {
  std::string out;
  for (const auto& [key, field] : kSuggestedFields) {
    if (!catalog.resolve(field)) continue;
    out += " " + std::string(key) + "=%" + std::string(field);
  }
  return out;
}

bool append_output_applies(const config::AppendOutput& entry, const rules::RuleItem& rule) {
  if (entry.match_source && *entry.match_source != rule.source) return false;
  if (entry.match_rule && *entry.match_rule != rule.name) return false;
  return std::all_of(entry.match_tags.begin(), entry.match_tags.end(),
                     [&](const std::string& t) { return rule.tags.count(t) != 0; });
}

std::optional<RuleOutput> RuleOutput::compile(const rules::RuleItem& rule,
                                              const std::vector<config::AppendOutput>& appends,
                                              const lang::FieldCatalog& catalog,
                                              Diagnostics& diags) {
  RuleOutput out;
  out.rule_ = rule.name;
  out.source_ = rule.source;
  out.priority_ = rule.priority;
  out.tags_ = rule.tags;
  std::string text = rule.output;
  bool ok = true;
  for (const auto& entry : appends) {
    if (!append_output_applies(entry, rule)) continue;
    if (!entry.extra_output.empty()) text += " " + entry.extra_output;
    if (entry.suggested_output) text += suggested_output_suffix(catalog);
    for (const auto& [name, tmpl] : entry.extra_fields) {
      auto compiled = OutputTemplate::compile(tmpl.empty() ? "%" + name : tmpl, catalog, diags,
                                              rule.output_span);
      if (!compiled) {
        ok = false;
      } else if (tmpl.empty()) {
        out.typed_extra_fields_.push_back(std::move(*compiled));
      } else {
        out.text_extra_fields_.emplace_back(name, std::move(*compiled));
      }
    }
  }
  auto message = OutputTemplate::compile(text, catalog, diags, rule.output_span);
  if (!message || !ok) return std::nullopt;
  out.message_ = std::move(*message);
  return out;
}

Alert RuleOutput::make_alert(lang::FieldSource& source, uint64_t time_ns,
                             const std::string& hostname, bool iso_8601) const {
  Alert alert;
  alert.time_ns = time_ns;
  alert.rule = rule_;
  alert.priority = priority_;
  alert.source = source_;
  alert.tags = tags_;
  alert.hostname = hostname;
  alert.output = message_.render(source);
  alert.output_fields = nlohmann::json::object();
  message_.render_fields(source, alert.output_fields);
  for (const auto& t : typed_extra_fields_) t.render_fields(source, alert.output_fields);
  for (const auto& [name, t] : text_extra_fields_) alert.output_fields[name] = t.render(source);
  // The time prefix's field, typed as Falco's JSON has it (integer ns), even if the rule's own
  // output also printed it as text.
  alert.output_fields[iso_8601 ? "evt.time.iso8601" : "evt.time"] = time_ns;
  return alert;
}

}  // namespace lanner::output
