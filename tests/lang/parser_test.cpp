#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "lang/ast_print.h"
#include "lang/parser.h"

namespace lanner::lang {
namespace {

// Replaces spaces outside quoted strings.
std::string replace_spaces(std::string s, char with) {
  char quote = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote && s[i - 1] != '\\') quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == ' ') {
      s[i] = with;
    }
  }
  return s;
}

// Parses `input`, expects success and returns the canonical form. Like libsinsp's test_accept,
// it re-parses the input with spaces turned into newlines and tabs and expects the same AST.
std::string accept(const std::string& input) {
  ParseResult r = parse_condition(input);
  EXPECT_TRUE(r.ok()) << input << ": " << (r.error ? r.error->message : "");
  if (!r.ok()) return "<error>";
  for (char blank : {'\n', '\t'}) {
    std::string variant = replace_spaces(input, blank);
    ParseResult v = parse_condition(variant);
    EXPECT_TRUE(v.ok()) << "variant of " << input;
    if (v.ok()) {
      EXPECT_EQ(to_string(*v.ast), to_string(*r.ast)) << "variant of " << input;
    }
  }
  // The canonical form parses back to the same AST.
  std::string canonical = to_string(*r.ast);
  ParseResult again = parse_condition(canonical);
  EXPECT_TRUE(again.ok()) << canonical;
  if (again.ok()) {
    EXPECT_TRUE(equal(*again.ast, *r.ast)) << canonical;
  }
  return canonical;
}

ParseError reject(const std::string& input) {
  ParseResult r = parse_condition(input);
  EXPECT_FALSE(r.ok()) << input << " parsed as " << (r.ast ? to_string(*r.ast) : "");
  return r.error.value_or(ParseError{"<accepted>", 0});
}

TEST(Parser, BooleanStructureAndPrecedence) {
  EXPECT_EQ(accept("evt.type = open and proc.name = cat"), "(evt.type = open and proc.name = cat)");
  EXPECT_EQ(accept("a or b and c"), "(a or (b and c))");
  EXPECT_EQ(accept("not a and b"), "(not a and b)");
  EXPECT_EQ(accept("a and b and c or d"), "((a and b and c) or d)");
  EXPECT_EQ(accept("(a or b) and c"), "((a or b) and c)");
  EXPECT_EQ(accept("not not a"), "a");
  EXPECT_EQ(accept("not not not a"), "not a");
  EXPECT_EQ(accept("not(a or b)"), "not (a or b)");
  EXPECT_EQ(accept("a and(b or c)"), "(a and (b or c))");
  EXPECT_EQ(accept("a or(b)"), "(a or b)");
  EXPECT_EQ(accept("  ( ( a ) )  "), "a");
  EXPECT_EQ(accept("nothing and notify"), "(nothing and notify)");
}

TEST(Parser, EveryOperator) {
  EXPECT_EQ(accept("fd.num>=0"), "fd.num >= 0");
  EXPECT_EQ(accept("fd.num<=-1 or fd.num<3 or fd.num>0x10"), "(fd.num <= -1 or fd.num < 3 or fd.num > 0x10)");
  EXPECT_EQ(accept("proc.pid == 1.5e+3"), "proc.pid == 1.5e+3");
  EXPECT_EQ(accept("proc.name != bash"), "proc.name != bash");
  for (const char* op : {"contains", "icontains", "bcontains", "startswith", "bstartswith",
                         "endswith", "glob", "iglob", "regex"}) {
    EXPECT_EQ(accept(std::string("fd.name ") + op + " /etc"), std::string("fd.name ") + op + " /etc");
  }
  EXPECT_EQ(accept("proc.name in (a, b,c)"), "proc.name in (a, b, c)");
  EXPECT_EQ(accept("proc.name in()"), "proc.name in ()");
  EXPECT_EQ(accept("proc.name intersects (a)"), "proc.name intersects (a)");
  EXPECT_EQ(accept("fd.name pmatch (/var/run, /tmp)"), "fd.name pmatch (/var/run, /tmp)");
  EXPECT_EQ(accept("fd.name in mylist"), "fd.name in (mylist)");
  EXPECT_EQ(accept("container.id exists"), "container.id exists");
  EXPECT_EQ(accept("evt.dir=<"), "evt.dir = <");
  EXPECT_EQ(accept("evt.dir = >"), "evt.dir = >");
}

TEST(Parser, Modifiers) {
  EXPECT_EQ(accept("proc.name startswith oneof (a, b)"), "proc.name startswith oneof (a, b)");
  EXPECT_EQ(accept("proc.name = anyof mylist"), "proc.name = anyof (mylist)");
  EXPECT_EQ(accept("proc.name contains allof (x)"), "proc.name contains allof (x)");
  // Not followed by a list: "anyof" is just the value.
  EXPECT_EQ(accept("proc.name = anyof"), "proc.name = anyof");
}

TEST(Parser, FieldArguments) {
  EXPECT_EQ(accept("proc.aname[2] = sh"), "proc.aname[2] = sh");
  EXPECT_EQ(accept("evt.arg[0] = x"), "evt.arg[0] = x");
  EXPECT_EQ(accept("proc.env[HOME] = /root"), "proc.env[HOME] = /root");
  EXPECT_EQ(accept("proc.env['MY VAR'] = 1"), "proc.env[\"MY VAR\"] = 1");
  EXPECT_EQ(accept("container.mount.dest[/var/run/docker.sock] exists"),
            "container.mount.dest[/var/run/docker.sock] exists");
  EXPECT_EQ(accept("evt.arg.flags contains O_TRUNC"), "evt.arg.flags contains O_TRUNC");
}

TEST(Parser, TransformersAndVal) {
  EXPECT_EQ(accept("tolower(proc.name) = bash"), "tolower(proc.name) = bash");
  EXPECT_EQ(accept("toupper( basename(proc.exepath) ) = BASH"), "toupper(basename(proc.exepath)) = BASH");
  EXPECT_EQ(accept("len(proc.args) > 3"), "len(proc.args) > 3");
  EXPECT_EQ(accept("proc.name = val(proc.pname)"), "proc.name = val(proc.pname)");
  EXPECT_EQ(accept("proc.pid > val(proc.ppid)"), "proc.pid > val(proc.ppid)");
  EXPECT_EQ(accept("b64(evt.arg.data) contains x"), "b64(evt.arg.data) contains x");
  EXPECT_EQ(accept("join(\",\", proc.args) = \"a,b\""), "join(\",\", proc.args) = \"a,b\"");
  EXPECT_EQ(accept("concat(proc.name, \"-\", proc.pname) = a-b"),
            "concat(proc.name, \"-\", proc.pname) = a-b");
  EXPECT_EQ(accept("getopt(proc.args, \"ab:\")[b] = x"), "getopt(proc.args, \"ab:\")[b] = x");
  EXPECT_EQ(accept("proc.name in tolower(proc.pname)"), "proc.name in tolower(proc.pname)");
}

TEST(Parser, QuotedStringsAndEscapes) {
  EXPECT_EQ(accept("proc.cmdline = \"sh -c uname\""), "proc.cmdline = \"sh -c uname\"");
  EXPECT_EQ(accept("proc.cmdline = 'a\"b'"), "proc.cmdline = \"a\\\"b\"");
}

std::string value_of(const std::string& condition) {
  ParseResult r = parse_condition(condition);
  if (!r.ok()) return "<error: " + r.error->message + ">";
  return r.ast->children.at(1)->text;
}

TEST(Parser, FalcoEscapeRules) {
  EXPECT_EQ(value_of(R"(proc.args contains "\ ")"), "\\");  // legacy quirk used upstream
  EXPECT_EQ(value_of(R"(proc.args = "a\\b")"), "a\\b");
  EXPECT_EQ(value_of(R"(proc.args = "\t\n\r\b\f")"), "\t\n\r\b\f");
  EXPECT_EQ(value_of(R"(proc.args = "\/x")"), "/x");
  EXPECT_EQ(value_of(R"(proc.args = "\x41\x7a")"), "Az");
  EXPECT_EQ(value_of(R"(proc.args = 'it\'s')"), "it's");
  EXPECT_EQ(value_of(R"(proc.args = "say \"hi\"")"), "say \"hi\"");
  EXPECT_EQ(value_of(R"(proc.args = a\b)"), "a\\b");  // bare strings are not unescaped
  EXPECT_EQ(reject(R"(proc.args = "\q")").message, "unsupported string escape sequence: \\q");
  EXPECT_EQ(reject(R"(proc.args = "\'")").message, "invalid \\' escape in \"-quoted string");
  EXPECT_EQ(reject(R"(proc.args = '\"')").message, "invalid \\\" escape in '-quoted string");
  EXPECT_EQ(reject(R"(proc.args = "\x4")").message, "invalid \\x escape: expected two hex digits");
}

TEST(Parser, PrinterQuotesWhatBareStringsCannotHold) {
  EXPECT_EQ(quote_value("plain/path*"), "plain/path*");
  EXPECT_EQ(quote_value("a b"), "\"a b\"");
  EXPECT_EQ(quote_value(""), "\"\"");
  EXPECT_EQ(quote_value("x,y"), "\"x,y\"");
  EXPECT_EQ(quote_value("end\\"), "\"end\\x5c\"");
  EXPECT_EQ(value_of("proc.args = " + quote_value("end\\")), "end\\");
  EXPECT_EQ(value_of("proc.args = " + quote_value(std::string("\x01q\"\\z", 5))),
            std::string("\x01q\"\\z", 5));
}

TEST(Parser, ErrorMessagesAndOffsets) {
  ParseError e = reject("proc.name = a and");
  EXPECT_EQ(e.message, "expected blank or '(' after 'and'");
  EXPECT_EQ(e.offset, 17u);
  e = reject("proc.name = a b");
  EXPECT_EQ(e.message, "unexpected token after 'a', expecting 'or', 'and'");
  EXPECT_EQ(e.offset, 14u);
  e = reject("(proc.name = a");
  EXPECT_EQ(e.message, "expected a ')' token");
  EXPECT_EQ(e.offset, 14u);
  EXPECT_EQ(reject("proc.name").message,
            "expected a valid check operator: one of 'exists', '<=', '<', '>=', '>', '==', '=', "
            "'!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', 'startswith', "
            "'bstartswith', 'endswith', 'regex', 'intersects', 'in', 'pmatch'");
  EXPECT_EQ(reject("fd.num > abc").message,
            "expected a number value or a field with a valid transformer: 'val', 'tolower', "
            "'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'");
  EXPECT_EQ(reject("").message, "filter input string is empty");
  EXPECT_EQ(reject("   ").message, "expected a '(' token, a field check, or an identifier");
  EXPECT_EQ(reject("a and = b").message, "expected a '(' token, a field check, or an identifier");
  EXPECT_EQ(reject("proc.name in (a,)").message, "expected a string value");
  EXPECT_EQ(reject("proc.aname[ = x").message,
            "expected a valid field argument: a quoted string or a bare string");
  EXPECT_EQ(reject("proc.aname[2 = x").message, "expected a ']' token");
  EXPECT_EQ(reject("tolower(proc.name = x").message, "expected a ')' token closing the transformer");
  EXPECT_EQ(reject("proc.name = val(x)").message, "expected a field within 'val' transformer");
  EXPECT_EQ(reject("proc.name = \"abc").message,
            "expected a string value or a field with a valid transformer: 'val', 'tolower', "
            "'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'");
  EXPECT_EQ(reject("a ordinal").message, "expected blank or '(' after 'or'");
}

TEST(Parser, DepthGuardFailsCleanlyAndFast) {
  auto start = std::chrono::steady_clock::now();
  ParseError e = reject(std::string(100000, '('));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(e.message, "exceeded max depth limit of 1000");
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1000);
  EXPECT_EQ(reject(std::string(100000, '(') + "a" + std::string(100000, ')')).message,
            "exceeded max depth limit of 1000");
  // Moderate nesting is fine.
  EXPECT_EQ(accept(std::string(50, '(') + "a" + std::string(50, ')')), "a");
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "not ";
  EXPECT_EQ(accept(nots + "a"), "a");
}

TEST(Parser, SpansCoverTheirText) {
  std::string text = "proc.name = cat and not fd.name startswith '/etc'";
  ParseResult r = parse_condition(text);
  ASSERT_TRUE(r.ok());
  const Node& check = *r.ast->children[0];
  EXPECT_EQ(text.substr(check.span.offset, check.span.length), "proc.name = cat");
  const Node& negation = *r.ast->children[1];
  EXPECT_EQ(text.substr(negation.span.offset, negation.span.length), "not fd.name startswith '/etc'");
  const Node& value = *negation.children[0]->children[1];
  EXPECT_EQ(text.substr(value.span.offset, value.span.length), "'/etc'");
}

void expect_all_spans(const Node& n, Span span) {
  EXPECT_EQ(n.span.offset, span.offset);
  EXPECT_EQ(n.span.length, span.length);
  for (const auto& c : n.children) expect_all_spans(*c, span);
}

TEST(Parser, CloneAtASpanCopiesTheTreeWithThatSpanEverywhere) {
  ParseResult parsed = parse_condition("a.b in (x, \"y z\") and not c.d[1] exists or tolower(e.f) = g");
  ASSERT_TRUE(parsed.ok());
  NodePtr copy = parsed.ast->clone(Span{7, 3});
  EXPECT_TRUE(equal(*copy, *parsed.ast));
  EXPECT_EQ(copy->size(), parsed.ast->size());
  EXPECT_EQ(to_string(*copy), to_string(*parsed.ast));
  expect_all_spans(*copy, Span{7, 3});
  EXPECT_EQ(parsed.ast->span.offset, 0u);  // the original keeps its own spans
}

}  // namespace
}  // namespace lanner::lang
