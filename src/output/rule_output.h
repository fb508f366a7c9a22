#pragma once
// A rule's complete output: its `output:` template with the config's `append_output` entries
// applied (extra text, Falco 0.39+'s default "suggested" container/k8s fields, JSON-only extra
// fields), compiled once at load time; makes the Alert for a match.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/diagnostic.h"
#include "config/config.h"
#include "lang/field_catalog.h"
#include "output/alert.h"
#include "output/template.h"
#include "rules/rule_document.h"

namespace lanner::output {

// The " container_id=%container.id ..." suffix, limited to fields `catalog` knows (Falco appends
// only what the container plugin provides). Empty if none is known.
std::string suggested_output_suffix(const lang::FieldCatalog& catalog);

// True if `entry`'s match keys all match the rule.
bool append_output_applies(const config::AppendOutput& entry, const rules::RuleItem& rule);

class RuleOutput {
 public:
  // Errors (LOAD_ERR_COMPILE_OUTPUT, with rule.output_span) -> nullopt.
  static std::optional<RuleOutput> compile(const rules::RuleItem& rule,
                                           const std::vector<config::AppendOutput>& appends,
                                           const lang::FieldCatalog& catalog, Diagnostics& diags);

  // Renders the alert for the event `source` currently holds. `iso_8601` names the time key of
  // output_fields as Falco does (evt.time or evt.time.iso8601; both hold integer ns).
  Alert make_alert(lang::FieldSource& source, uint64_t time_ns, const std::string& hostname,
                   bool iso_8601) const;

  const OutputTemplate& message() const { return message_; }

 private:
  RuleOutput() = default;

  std::string rule_;
  std::string source_;
  rules::Priority priority_ = rules::Priority::kDebug;
  std::set<std::string> tags_;
  OutputTemplate message_;
  std::vector<OutputTemplate> typed_extra_fields_;                    // bare field names
  std::vector<std::pair<std::string, OutputTemplate>> text_extra_fields_;  // name -> template
};

}  // namespace lanner::output
