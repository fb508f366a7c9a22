#pragma once
// Readers for one YAML item of each kind (internal to yaml_reader). Each throws LoadError on the
// first invalid key, adds warnings to `diags`, and passes the items it produces to `emit`.
#include "rules/yaml_tree.h"

#include <initializer_list>
#include <span>
#include <string_view>

#include "common/diagnostic.h"
#include "rules/yaml_decode.h"
#include "rules/yaml_reader.h"

namespace lanner::rules {

struct ItemContext {
  YamlDecoder& yaml;
  Diagnostics& diags;
  const ItemHandler& emit;  // returns false when the consumer rejected the item
};

// Thrown when the consumer rejected an item (it already reported why).
struct ConsumerStopped {};

void read_engine_version_item(ItemContext& ctx, const YamlNode& item);
void read_plugin_versions_item(ItemContext& ctx, const YamlNode& item);
void read_list_item(ItemContext& ctx, const YamlNode& item);
void read_macro_item(ItemContext& ctx, const YamlNode& item);
void read_rule_item(ItemContext& ctx, const YamlNode& item);

// Shared by the item readers: warn about keys this item kind does not know.
// `known` is small: a linear search beats building a set per item.
void warn_unknown_keys(ItemContext& ctx, const YamlNode& item, std::span<const std::string_view> known);
inline void warn_unknown_keys(ItemContext& ctx, const YamlNode& item, std::initializer_list<std::string_view> known) {
  warn_unknown_keys(ctx, item, std::span<const std::string_view>(known.begin(), known.size()));
}
// Passes an item on; throws ConsumerStopped if the consumer rejected it.
void emit_item(ItemContext& ctx, RawItem&& item);

}  // namespace lanner::rules
