#include "rules/yaml_reader.h"

#include <exception>
#include <new>
#include <utility>

#include <yaml-cpp/yaml.h>

#include "rules/item_readers.h"
#include "rules/yaml_access.h"
#include "rules/yaml_decode.h"
#include "rules/yaml_guard.h"

namespace lanner::rules {

namespace {

void read_item(ItemContext& ctx, const YAML::Node& item) {
  ctx.yaml.set_item({});
  ctx.yaml.charge(item);
  if (!item.IsMap()) {
    ctx.yaml.fail("Unexpected element type. Each element should be a yaml associative array.",
                  ctx.yaml.span_of(item));
  }
  // The kind is the first of these keys present, whatever order the keys are written in.
  if (map_value(item, "required_engine_version").IsDefined()) {
    read_engine_version_item(ctx, item);
  } else if (map_value(item, "required_plugin_versions").IsDefined()) {
    read_plugin_versions_item(ctx, item);
  } else if (map_value(item, "list").IsDefined()) {
    read_list_item(ctx, item);
  } else if (map_value(item, "macro").IsDefined()) {
    read_macro_item(ctx, item);
  } else if (map_value(item, "rule").IsDefined()) {
    read_rule_item(ctx, item);
  } else {
    ctx.diags.warning("LOAD_UNKNOWN_ITEM", "Unknown top level item", ctx.yaml.span_of(item));
  }
}

void read_document(ItemContext& ctx, const YAML::Node& doc) {
  if (!doc.IsDefined() || doc.IsNull()) return;
  if (!doc.IsSequence()) {
    ctx.yaml.fail(doc.IsMap() ? "Rules content is not yaml array of objects" : "Rules content is not yaml",
                  ctx.yaml.span_of(doc));
  }
  for (const auto& item : doc) {
    if (item.IsNull()) continue;
    read_item(ctx, item);
  }
}

SourceSpan mark_span(const std::string& file, const YAML::Mark& mark) {
  if (mark.line < 0 || mark.column < 0) return {file, 0, 0, 0};
  return {file, static_cast<uint32_t>(mark.line) + 1, static_cast<uint32_t>(mark.column) + 1, 0};
}

}  // namespace

bool read_rules_file(const SourceText& file, LoadBudget& budget, const ItemHandler& on_item,
                     Diagnostics& diags) {
  std::vector<YAML::Node> docs;
  try {
    GuardedLoad load = load_all_guarded(file.content, max_yaml_events(file.content.size()));
    if (!load.terminated) {
      diags.error("LOAD_ERR_YAML_PARSE", "malformed YAML: the parser does not terminate on this input",
                  mark_span(file.name, load.last));
      return false;
    }
    docs = std::move(load.documents);
  } catch (const YAML::Exception& e) {
    // Covers syntax errors and yaml-cpp's own nesting limit (DeepRecursion).
    diags.error("LOAD_ERR_YAML_PARSE", e.msg, mark_span(file.name, e.mark));
    return false;
  }
  YamlDecoder yaml(file, budget);
  ItemContext ctx{yaml, diags, on_item};
  try {
    for (const auto& doc : docs) read_document(ctx, doc);
  } catch (const LoadError& e) {
    diags.add(e.to_diagnostic());
    return false;
  } catch (const ConsumerStopped&) {
    return false;
  } catch (const YAML::Exception& e) {
    // A node shape yaml-cpp refuses to convert; should not happen after our checks.
    diags.error(kYamlValidate, e.msg, mark_span(file.name, e.mark));
    return false;
  } catch (const std::bad_alloc&) {
    diags.error(kYamlValidate, "Out of memory while reading rules content", {file.name, 0, 0, 0});
    return false;
  }
  return true;
}

}  // namespace lanner::rules
