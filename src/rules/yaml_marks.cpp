#include "rules/yaml_marks.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

namespace lanner::rules {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Eight bytes at a time: the check runs over every rules file.
bool all_ascii(std::string_view text) {
  constexpr uint64_t kHighBits = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + sizeof(uint64_t) <= text.size(); i += sizeof(uint64_t)) {
    uint64_t word = 0;
    std::memcpy(&word, text.data() + i, sizeof word);
    if (word & kHighBits) return false;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return false;
  }
  return true;
}

struct Rewording {
  std::string_view libyaml;  // the start of libyaml's problem text
  std::string_view yaml_cpp;
};

// Syntax errors yaml-cpp reported for the same mistakes, so diagnostics read as they did before.
constexpr std::array<Rewording, 9> kRewordings{{
    {"did not find expected ',' or ']'", "end of sequence flow not found"},
    {"did not find expected ',' or '}'", "end of map flow not found"},
    {"did not find expected key", "end of map not found"},
    {"did not find expected '-' indicator", "end of sequence not found"},
    {"mapping values are not allowed in this context", "illegal map value"},
    {"block sequence entries are not allowed in this context", "illegal block entry"},
    {"found character that cannot start any token", "unknown token"},
    {"found a tab character", "illegal tab when looking for indentation"},
    {"found unexpected end of stream", "illegal EOF in scalar"},
}};

std::string error_message(const yaml_parser_t& parser) {
  if (parser.error == YAML_MEMORY_ERROR) return "out of memory while parsing YAML";
  std::string_view problem = parser.problem ? parser.problem : "invalid YAML";
  for (const auto& r : kRewordings) {
    if (problem.starts_with(r.libyaml)) return std::string(r.yaml_cpp);
  }
  std::string message(problem);
  if (parser.context) message += std::string(" ") + parser.context;
  return message;
}

}  // namespace

ByteMarks::ByteMarks(std::string_view text) : text_(text) {
  if (text_.starts_with(kByteOrderMark)) base_ = kByteOrderMark.size();
  ascii_ = all_ascii(text_);
  bytes_ = line_start_ = base_;
}

YamlMark ByteMarks::convert_walking(const yaml_mark_t& mark) {
  seek(mark.index);
  return {clamp(mark.line), clamp(bytes_ - line_start_), clamp(bytes_)};
}

YamlMark ByteMarks::at_byte(size_t offset) const {
  offset = std::min(offset, text_.size());
  std::string_view before = text_.substr(0, offset);
  size_t newline = before.rfind('\n');
  size_t line_start = newline == std::string_view::npos ? std::min(base_, offset) : newline + 1;
  auto lines = static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  return {clamp(lines), clamp(offset - line_start), clamp(offset)};
}

// Marks arrive almost always in increasing order, so the cursor mostly walks forward a little.
void ByteMarks::seek(size_t chars) {
  while (chars_ < chars && bytes_ < text_.size()) step_forward();
  while (chars_ > chars) step_back();
}

void ByteMarks::step_forward() {
  bool newline = text_[bytes_] == '\n';
  ++bytes_;
  while (bytes_ < text_.size() && is_continuation(text_[bytes_])) ++bytes_;
  ++chars_;
  if (newline) line_start_ = bytes_;
}

void ByteMarks::step_back() {
  --bytes_;
  while (bytes_ > base_ && is_continuation(text_[bytes_])) --bytes_;
  --chars_;
  if (text_[bytes_] == '\n') {
    size_t previous = bytes_ == base_ ? std::string_view::npos : text_.rfind('\n', bytes_ - 1);
    line_start_ = previous == std::string_view::npos || previous < base_ ? base_ : previous + 1;
  }
}

YamlParseError syntax_error(const yaml_parser_t& parser, ByteMarks& marks) {
  YamlMark where = parser.error == YAML_READER_ERROR ? marks.at_byte(parser.problem_offset)
                                                     : marks.convert(parser.problem_mark);
  return {error_message(parser), where};
}

}  // namespace lanner::rules
