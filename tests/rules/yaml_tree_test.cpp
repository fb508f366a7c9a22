// The libyaml-built tree must read rule files the way yaml-cpp's LoadAll did (the readers' messages
// and spans depend on kinds, scalars, entry order, duplicate keys and marks), and stay bounded on
// hostile input: aliases shared not copied, event and depth caps, no recursion.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "rules/test_helpers.h"
#include "rules/yaml_decode.h"
#include "rules/yaml_tree.h"

namespace lanner::rules {
namespace {

YamlKind kind_of(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return YamlKind::kScalar;
    case YAML::NodeType::Sequence: return YamlKind::kSequence;
    case YAML::NodeType::Map: return YamlKind::kMapping;
    default: return YamlKind::kNull;
  }
}

// Compares kinds, scalars, order and marks. Implicit empty values are the one place the two
// parsers mark differently (yaml-cpp: the next token; libyaml: after the ':'), so nulls' marks
// are not compared (NullMarkIsWhereItIsWritten covers written ones).
void expect_same_node(const YAML::Node& expected, const YamlNode& actual, const std::string& path) {
  ASSERT_EQ(kind_of(expected), actual.kind()) << path;
  if (!actual.is_null()) {
    EXPECT_EQ(expected.Mark().pos, static_cast<int>(actual.mark().offset)) << path;
    EXPECT_EQ(expected.Mark().line, static_cast<int>(actual.mark().line)) << path;
    EXPECT_EQ(expected.Mark().column, static_cast<int>(actual.mark().column)) << path;
  }
  if (expected.IsScalar()) {
    EXPECT_EQ(expected.Scalar(), actual.scalar()) << path;
  }
  if (!expected.IsSequence() && !expected.IsMap()) return;
  ASSERT_EQ(expected.size(), actual.size()) << path;
  size_t i = 0;
  for (auto e = expected.begin(); e != expected.end(); ++e, ++i) {
    std::string at = path + "/" + std::to_string(i);
    if (expected.IsSequence()) {
      expect_same_node(*e, *actual.items()[i], at);
    } else {
      expect_same_node(e->first, *actual.entries()[i].key, at + ".key");
      expect_same_node(e->second, *actual.entries()[i].value, at + ".value");
    }
  }
}

void expect_same_as_yaml_cpp(const std::string& yaml) {
  std::vector<YAML::Node> expected = YAML::LoadAll(yaml);
  YamlParse actual = parse_yaml(yaml);
  ASSERT_FALSE(actual.error) << actual.error->message;
  ASSERT_EQ(expected.size(), actual.stream.documents().size());
  for (size_t i = 0; i < expected.size(); ++i) {
    expect_same_node(expected[i], *actual.stream.documents()[i], "doc" + std::to_string(i));
  }
}

YamlParseError error_of(const std::string& yaml) {
  YamlParse parse = parse_yaml(yaml);
  EXPECT_TRUE(parse.error) << yaml;
  EXPECT_TRUE(parse.stream.documents().empty());
  return parse.error.value_or(YamlParseError{});
}

void expect_error_at(const std::string& yaml, const std::string& message, uint32_t line, uint32_t column) {
  YamlParseError error = error_of(yaml);
  EXPECT_EQ(error.message, message);
  EXPECT_EQ(error.mark.line, line);
  EXPECT_EQ(error.mark.column, column);
}

const YamlNode& root(const YamlParse& parse) {
  EXPECT_FALSE(parse.error) << parse.error->message;
  EXPECT_EQ(parse.stream.documents().size(), 1u);
  return *parse.stream.documents().at(0);
}

TEST(YamlTree, RulesLikeContentReadsLikeYamlCpp) {
  expect_same_as_yaml_cpp(R"(
- required_engine_version: 0.26.0
- list: shells
  items: [bash, "z sh", 'k']
- macro: m
  condition: >
    evt.type = open
    and fd.name = x
- rule: r
  desc: d
  condition: m and proc.name in (shells)
  output: "%proc.name"
  priority: WARNING
  tags: [a, b]
  exceptions:
    - name: e
      fields: [proc.name, fd.name]
      values:
        - [a, [b, c]]
  override:
    condition: |
      keep
        this
)");
}

TEST(YamlTree, AnchorsAliasesTagsNullsAndDuplicateKeysReadLikeYamlCpp) {
  expect_same_as_yaml_cpp(R"(
- list: l
  items: &items [a, b, ~, null, ""]
  items: *items
- {macro: &name m, condition: !!str x, ? [complex, key] : v}
- *name
- !custom {a: 1}
- ? only_key
- rule:
- [NULL, Null, "~", '', !!str null]
)");
}

TEST(YamlTree, SeveralDocumentsAndEmptyInputReadLikeYamlCpp) {
  expect_same_as_yaml_cpp("- a\n---\n- b: c\n...\n---\n");
  expect_same_as_yaml_cpp("");
  expect_same_as_yaml_cpp("# only a comment\n");
}

TEST(YamlTree, UpstreamRuleFilesReadLikeYamlCpp) {
  const std::string dir = LANNER_UPSTREAM_RULES_DIR;
  if (!testing::file_exists(dir + "/falco_rules.yaml")) GTEST_SKIP() << "upstream rules not found in " << dir;
  for (const char* name : {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"}) {
    SCOPED_TRACE(name);
    expect_same_as_yaml_cpp(testing::read_file(dir + "/" + name));
  }
}

TEST(YamlTree, MarksCountBytesFromTheFilesStart) {
  YamlParse parse = parse_yaml("- k: \"\xC3\xA9\"\n  l: \xC3\xA9\xC3\xA9 x\n");
  const YamlNode& map = *root(parse).items()[0];
  const YamlNode& value = *map.find("l");
  EXPECT_EQ(value.scalar(), "\xC3\xA9\xC3\xA9 x");
  EXPECT_EQ(value.mark().line, 1u);
  EXPECT_EQ(value.mark().column, 5u);
  EXPECT_EQ(value.mark().offset, 15u);
  EXPECT_EQ(map.entries()[1].key->mark().offset, 12u);
}

TEST(YamlTree, MarksSkipAByteOrderMarkAndHandleCrLf) {
  YamlParse parse = parse_yaml("\xEF\xBB\xBF- a\r\n- b\r\n");
  const YamlNode& seq = root(parse);
  ASSERT_EQ(seq.size(), 2u);
  EXPECT_EQ(seq.items()[0]->mark().offset, 5u);
  EXPECT_EQ(seq.items()[0]->mark().column, 2u);
  EXPECT_EQ(seq.items()[1]->mark().offset, 10u);
  EXPECT_EQ(seq.items()[1]->mark().line, 1u);
  EXPECT_EQ(seq.items()[1]->mark().column, 2u);
}

TEST(YamlTree, QuotingDecidesPlainAndNull) {
  YamlParse parse = parse_yaml("[a, 'b', \"c\", ~, '~', null, \"null\", !!str null, \n]");
  auto items = root(parse).items();
  ASSERT_EQ(items.size(), 8u);
  EXPECT_TRUE(items[0]->plain());
  EXPECT_FALSE(items[1]->plain());
  EXPECT_FALSE(items[2]->plain());
  EXPECT_TRUE(items[3]->is_null());
  EXPECT_TRUE(items[4]->is_scalar());
  EXPECT_EQ(items[4]->scalar(), "~");
  EXPECT_TRUE(items[5]->is_null());
  EXPECT_TRUE(items[6]->is_scalar());
  EXPECT_TRUE(items[7]->is_scalar());
  EXPECT_EQ(items[7]->scalar(), "null");
  EXPECT_TRUE(parse_yaml("k: |\n  block\n").stream.documents()[0]->find("k")->is_scalar());
  EXPECT_FALSE(parse_yaml("k: |\n  block\n").stream.documents()[0]->find("k")->plain());
}

TEST(YamlTree, NullMarkIsWhereItIsWritten) {
  YamlParse parse = parse_yaml("a: 1\nb:  ~\n");
  const YamlNode& null = *root(parse).find("b");
  EXPECT_TRUE(null.is_null());
  EXPECT_EQ(null.mark().line, 1u);
  EXPECT_EQ(null.mark().column, 4u);
  EXPECT_EQ(null.mark().offset, 9u);
}

TEST(YamlTree, FindTakesTheFirstScalarKeyLikeYamlCpp) {
  YamlParse parse = parse_yaml("{[k]: seq, k: first, k: second, ~: n, other: x}");
  const YamlNode& map = root(parse);
  ASSERT_NE(map.find("k"), nullptr);
  EXPECT_EQ(map.find("k")->scalar(), "first");
  EXPECT_EQ(map.find("missing"), nullptr);
  EXPECT_EQ(map.find("~"), nullptr);
  EXPECT_EQ(map.entries()[0].key->find("k"), nullptr);  // a sequence
  EXPECT_EQ(map.find("other")->find("x"), nullptr);     // a scalar
}

TEST(YamlTree, AnAliasIsItsAnchoredNodeNotACopy) {
  YamlParse parse = parse_yaml("- &a [x, y]\n- *a\n- &a z\n- *a\n");
  auto items = root(parse).items();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0], items[1]);
  EXPECT_EQ(items[2], items[3]);  // a redefined anchor: the latest wins
  EXPECT_EQ(items[3]->scalar(), "z");
}

TEST(YamlTree, AliasBombBuildsATreeLinearInItsText) {
  std::string yaml = "- &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 9; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    yaml += "- &a" + std::to_string(i) + " [" + prev;
    for (int k = 0; k < 8; ++k) yaml += ", " + prev;
    yaml += "]\n";
  }
  YamlParse parse = parse_yaml(yaml);
  ASSERT_FALSE(parse.error);
  EXPECT_LT(parse.stream.node_count(), 30u);  // 9^10 leaves if it were expanded
  EXPECT_EQ(root(parse).items()[9]->items()[0], root(parse).items()[8]);
}

TEST(YamlTree, UndefinedAndSelfContainingAliasesAreErrors) {
  expect_error_at("- a\n- *missing\n", "the referenced anchor is not defined", 1, 2);
  EXPECT_EQ(error_of("- &a [x, *a]\n").message, "an alias cannot refer to a node that contains it");
  EXPECT_EQ(error_of("- &a x\n---\n- *a\n").message, "the referenced anchor is not defined");  // per document
}

TEST(YamlTree, EventCapStopsTheParseAndSaysWhere) {
  YamlParse parse = parse_yaml("- [a, b, c, d, e, f, g, h]\n", 5);
  ASSERT_TRUE(parse.error);
  EXPECT_NE(parse.error->message.find("more than 5 parser events"), std::string::npos);
  EXPECT_EQ(parse.error->mark.line, 0u);
  EXPECT_GT(parse.error->mark.column, 0u);
  EXPECT_TRUE(parse.stream.documents().empty());
}

TEST(YamlTree, SyntaxErrorsReadAsYamlCppsWithTheirMark) {
  expect_error_at("- list: shells\n  items: [bash, zsh\n- macro: spawned\n", "end of sequence flow not found", 2, 7);
  EXPECT_EQ(error_of("a: {b: c\n").message, "end of map flow not found");
  EXPECT_EQ(error_of("a: b: c\n").message, "illegal map value");
  EXPECT_EQ(error_of("- a\n- @b\n").message, "unknown token");
  // Problems yaml-cpp had no word for keep libyaml's, with its context.
  EXPECT_EQ(error_of(", rule: x\n").message, "did not find expected node content while parsing a block node");
}

TEST(YamlTree, InvalidUtf8IsAnErrorAtItsByte) {
  YamlParseError bad = error_of("- ok\n- \xFF\n");
  EXPECT_FALSE(bad.message.empty());
  EXPECT_EQ(bad.mark.line, 1u);
  EXPECT_EQ(bad.mark.offset, 7u);
}

TEST(YamlTree, NestingIsCappedWithoutRecursion) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  YamlParseError error = error_of(deep);
  EXPECT_NE(error.message.find("deeper than the limit of 1000"), std::string::npos);
  EXPECT_EQ(error.mark.column, 1000u);
  const std::string at_limit = std::string(kMaxYamlDepth, '[') + std::string(kMaxYamlDepth, ']');
  YamlParse ok = parse_yaml(at_limit);
  ASSERT_FALSE(ok.error);
  const YamlNode* node = ok.stream.documents()[0];
  size_t depth = 1;
  for (; node->size() == 1; node = node->items()[0]) ++depth;
  EXPECT_EQ(depth, kMaxYamlDepth);
  EXPECT_TRUE(parse_yaml("[[[x]]]", 100, 2).error);
}

TEST(YamlTree, ScalarConversionsAcceptWhatYamlCppAccepted) {
  for (const char* text : {"true", "True", "TRUE", "tRUE", "yes", "Y", "n", "No", "oN", "off", "OFF", "1", "", "truee"}) {
    bool expected = false;
    bool decodes = YAML::convert<bool>::decode(YAML::Node(text), expected);
    SCOPED_TRACE(text);
    ASSERT_EQ(decodes, decode_bool(text).has_value());
    if (decodes) {
      EXPECT_EQ(expected, *decode_bool(text));
    }
  }
  for (const char* text : {"0", "42", "+7", "0x1F", "010", "18446744073709551615", "18446744073709551616", "-1",
                           " 5", "5 ", "5x", "1.5", "08", ""}) {
    uint64_t expected = 0;
    bool decodes = YAML::convert<uint64_t>::decode(YAML::Node(text), expected);
    SCOPED_TRACE(text);
    ASSERT_EQ(decodes, decode_uint(text).has_value());
    if (decodes) {
      EXPECT_EQ(expected, *decode_uint(text));
    }
  }
}

}  // namespace
}  // namespace lanner::rules
