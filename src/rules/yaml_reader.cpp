#include "rules/yaml_reader.h"

#include <new>
#include <utility>

#include "rules/item_readers.h"
#include "rules/yaml_decode.h"
#include "rules/yaml_tree.h"

namespace lanner::rules {

namespace {

void read_item(ItemContext& ctx, const YamlNode& item) {
  ctx.yaml.set_item({});
  // The kind lookups below scan the item's entries: an aliased map used many times costs that each time.
  ctx.yaml.charge(item, item.size());
  if (!item.is_map()) {
    ctx.yaml.fail("Unexpected element type. Each element should be a yaml associative array.",
                  ctx.yaml.span_of(item));
  }
  // The kind is the first of these keys present, whatever order the keys are written in.
  if (item.find("required_engine_version")) {
    read_engine_version_item(ctx, item);
  } else if (item.find("required_plugin_versions")) {
    read_plugin_versions_item(ctx, item);
  } else if (item.find("list")) {
    read_list_item(ctx, item);
  } else if (item.find("macro")) {
    read_macro_item(ctx, item);
  } else if (item.find("rule")) {
    read_rule_item(ctx, item);
  } else {
    ctx.diags.warning("LOAD_UNKNOWN_ITEM", "Unknown top level item", ctx.yaml.span_of(item));
  }
}

void read_document(ItemContext& ctx, const YamlNode& doc) {
  if (doc.is_null()) return;
  if (!doc.is_sequence()) {
    ctx.yaml.fail(doc.is_map() ? "Rules content is not yaml array of objects" : "Rules content is not yaml",
                  ctx.yaml.span_of(doc));
  }
  for (const YamlNode* item : doc.items()) {
    if (item->is_null()) continue;
    read_item(ctx, *item);
  }
}

SourceSpan mark_span(const std::string& file, const YamlMark& mark) {
  return {file, mark.line + 1, mark.column + 1, 0};
}

}  // namespace

bool read_rules_file(const SourceText& file, LoadBudget& budget, const ItemHandler& on_item,
                     Diagnostics& diags) {
  try {
    YamlParse parse = parse_yaml(file.content);
    if (parse.error) {
      diags.error("LOAD_ERR_YAML_PARSE", parse.error->message, mark_span(file.name, parse.error->mark));
      return false;
    }
    YamlDecoder yaml(file, budget);
    ItemContext ctx{yaml, diags, on_item};
    for (const YamlNode* doc : parse.stream.documents()) read_document(ctx, *doc);
  } catch (const LoadError& e) {
    diags.add(e.to_diagnostic());
    return false;
  } catch (const ConsumerStopped&) {
    return false;
  } catch (const std::bad_alloc&) {
    diags.error(kYamlValidate, "Out of memory while reading rules content", {file.name, 0, 0, 0});
    return false;
  }
  return true;
}

}  // namespace lanner::rules
