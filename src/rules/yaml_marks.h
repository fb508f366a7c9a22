#pragma once
// libyaml positions -> YamlMark (internal to yaml_tree). libyaml counts characters and skips a
// byte-order mark; diagnostics, spans and the readers' verbatim checks need byte columns and
// offsets into the file's text, as yaml-cpp gave them.
#include <yaml.h>

#include <cstdint>
#include <string_view>

#include "rules/yaml_tree.h"

namespace lanner::rules {

class ByteMarks {
 public:
  explicit ByteMarks(std::string_view text);

  // Runs for every node: the one-byte-per-character case is inline.
  YamlMark convert(const yaml_mark_t& mark) {
    if (!ascii_) return convert_walking(mark);
    return {clamp(mark.line), clamp(mark.column), clamp(mark.index < text_.size() ? mark.index : text_.size())};
  }
  // For libyaml's reader errors, which give a byte offset (from the file's start) instead of a mark.
  YamlMark at_byte(size_t offset) const;

 private:
  static uint32_t clamp(size_t value) { return value > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(value); }
  YamlMark convert_walking(const yaml_mark_t& mark);
  void seek(size_t chars);
  void step_forward();
  void step_back();

  std::string_view text_;
  size_t base_ = 0;      // bytes of the byte-order mark libyaml skipped
  bool ascii_ = true;    // one byte per character: marks convert without walking the text
  size_t chars_ = 0;     // the walking cursor: characters after base_ ...
  size_t bytes_ = 0;     // ... the byte offset they end at ...
  size_t line_start_ = 0;  // ... and the offset of that byte's line
};

// libyaml's error state after a failed yaml_parser_parse, in yaml-cpp's words where they match.
YamlParseError syntax_error(const yaml_parser_t& parser, ByteMarks& marks);

}  // namespace lanner::rules
