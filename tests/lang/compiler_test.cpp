#include <gtest/gtest.h>

#include "fakes/fake_field_catalog.h"
#include "lang/compiler.h"
#include "lang/parser.h"

namespace lanner::lang {
namespace {

CompileResult compile_text(const std::string& text, const FieldCatalog& catalog) {
  ParseResult parsed = parse_condition(text);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.error ? parsed.error->message : "");
  if (!parsed.ok()) return {};
  return compile_condition(*parsed.ast, catalog);
}

std::string error_of(const std::string& text) {
  testing::FakeFieldCatalog catalog;
  CompileResult r = compile_text(text, catalog);
  EXPECT_FALSE(r.ok()) << text;
  return r.error ? r.error->message : "<compiled>";
}

void expect_compiles(const std::string& text) {
  testing::FakeFieldCatalog catalog;
  CompileResult r = compile_text(text, catalog);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.error ? r.error->message : "");
}

TEST(Compiler, UnknownFieldSuggestsClosest) {
  EXPECT_EQ(error_of("proc.nam = x"), "nonexistent field 'proc.nam' (did you mean 'proc.name'?)");
  EXPECT_EQ(error_of("zzz.qqqqqq = x"), "nonexistent field 'zzz.qqqqqq'");
}

TEST(Compiler, ErrorSpanPointsAtTheField) {
  testing::FakeFieldCatalog catalog;
  std::string text = "evt.type = open and proc.nmae = x";
  CompileResult r = compile_text(text, catalog);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(text.substr(r.error->span.offset, r.error->span.length), "proc.nmae");
}

TEST(Compiler, EventTypesAreChecked) {
  expect_compiles("evt.type in (open, openat, execve, container)");
  EXPECT_EQ(error_of("evt.type = opne"), "unknown event type opne");
  EXPECT_EQ(error_of("evt.type in (open, bogus_call)"), "unknown event type bogus_call");
}

TEST(Compiler, OperatorTypeRules) {
  expect_compiles("fd.num >= 0 and fd.num in (1, 2) and fd.num != 3 and fd.num exists");
  expect_compiles("proc.name glob 'ba*' and proc.name pmatch (/bin) and proc.name regex 'b.*'");
  expect_compiles("evt.buffer bcontains cafebabe and evt.buffer bstartswith 7f454c46");
  expect_compiles("fd.net = 10.0.0.0/8 and fd.ip = 127.0.0.1 and fd.sip in (1.2.3.4, ::1)");
  expect_compiles("evt.failed = true and fd.connected != false");
  EXPECT_EQ(error_of("fd.num contains 1"),
            "operator 'contains' is not supported on field 'fd.num' of type INT64");
  EXPECT_EQ(error_of("proc.name bcontains 00"),
            "operator 'bcontains' is not supported on field 'proc.name' of type CHARBUF");
  EXPECT_EQ(error_of("fd.ip startswith 1"),
            "operator 'startswith' is not supported on field 'fd.ip' of type IPADDR");
  EXPECT_EQ(error_of("evt.failed > 0"),
            "operator '>' is not supported on field 'evt.failed' of type BOOL");
}

TEST(Compiler, ValuesAreParsedIntoTheFieldType) {
  EXPECT_EQ(error_of("fd.num = abc"), "'abc' is not a valid number for field 'fd.num' of type INT64");
  EXPECT_EQ(error_of("fd.num in (1, x)"), "'x' is not a valid number for field 'fd.num' of type INT64");
  EXPECT_EQ(error_of("evt.failed = yes"),
            "'yes' is not a valid boolean (true or false) for field 'evt.failed' of type BOOL");
  EXPECT_EQ(error_of("fd.net = 10.0.0.0/33"),
            "'10.0.0.0/33' is not a valid network (CIDR) for field 'fd.net' of type IPNET");
  EXPECT_EQ(error_of("fd.sip = nothost"),
            "'nothost' is not a valid IP address for field 'fd.sip' of type IPADDR");
  EXPECT_EQ(error_of("evt.buffer bcontains xyz"),
            "'xyz' is not a valid hex byte string for field 'evt.buffer' of type BYTEBUF");
  EXPECT_EQ(error_of("user.uid = -1"), "'-1' is not a valid number for field 'user.uid' of type UINT32");
  EXPECT_EQ(error_of("proc.name regex '('").substr(0, 32), "invalid regular expression '(': ");
}

TEST(Compiler, FieldArguments) {
  expect_compiles("proc.aname[2] = sh and proc.aname = sh and evt.arg.flags contains O_RDONLY");
  expect_compiles("evt.arg[0] = x and proc.env[HOME] = /root and proc.args[1] = -c");
  EXPECT_EQ(error_of("proc.name[1] = x"), "field 'proc.name' does not take an argument");
  EXPECT_EQ(error_of("proc.aname[x] = y"), "field 'proc.aname' expects a numeric index, got 'x'");
  EXPECT_EQ(error_of("evt.arg = y"), "field 'evt.arg' requires an argument");
  EXPECT_EQ(error_of("evt.arg.flags[1] = y"), "field 'evt.arg.flags' does not take an argument");
}

TEST(Compiler, TransformersValAndModifiers) {
  expect_compiles("tolower(proc.name) = bash and len(proc.name) > 3 and basename(proc.exepath) = sh");
  expect_compiles("proc.name = val(proc.pname) and proc.pid > val(proc.ppid)");
  expect_compiles("concat(proc.name, \"-\", proc.pname) = a-b and join(\",\", fd.types) = x");
  expect_compiles("getopt(proc.args, \"c:\")[c] = x and b64(proc.name) contains y");
  expect_compiles("proc.name startswith anyof (a, b)");
  EXPECT_EQ(error_of("proc.name = val(proc.aname)"), "field 'proc.aname' cannot be used with val()");
  EXPECT_EQ(error_of("proc.name = val(proc.pid)"),
            "cannot compare field 'proc.name' with 'val(proc.pid)' of a different type");
  EXPECT_EQ(error_of("tolower(proc.pid) = x"), "transformer 'tolower' expects one string field");
  EXPECT_EQ(error_of("getopt(proc.args, \"c:\") = x"),
            "transformer 'getopt' requires an option argument, e.g. getopt(proc.args, \"ab:\")[a]");
  EXPECT_EQ(error_of("fd.num = anyof (1, 2)"),
            "modifier 'anyof' requires a string operator on a string field");
}

TEST(Compiler, UnresolvedMacroIsAnError) {
  EXPECT_EQ(error_of("evt.type = open and my_macro"), "Undefined macro 'my_macro' used in filter");
}

TEST(Compiler, DeprecatedFieldWarns) {
  testing::FakeFieldCatalog catalog;
  CompileResult r = compile_text("evt.dir = <", catalog);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].code, "LOAD_DEPRECATED_ITEM");
  EXPECT_EQ(r.warnings[0].message, "field 'evt.dir' is deprecated");
}

// A catalogue whose proc.name lacks kFieldSupplied: conditions on it compile but warn.
class UnsuppliedCatalog : public FieldCatalog {
 public:
  UnsuppliedCatalog() {
    for (const FieldInfo& f : inner_.fields()) {
      fields_.push_back(f);
      if (f.name == "proc.name") fields_.back().flags &= ~kFieldSupplied;
    }
  }
  std::optional<FieldRef> resolve(std::string_view name) const override {
    for (const auto& f : fields_) {
      if (f.name == name) return FieldRef{&f, {}, -1};
    }
    return std::nullopt;
  }
  std::span<const FieldInfo> fields() const override { return fields_; }
  bool is_event_type(std::string_view name) const override { return inner_.is_event_type(name); }

 private:
  testing::FakeFieldCatalog inner_;
  std::vector<FieldInfo> fields_;
};

TEST(Compiler, UnsuppliedFieldWarns) {
  UnsuppliedCatalog catalog;
  CompileResult r = compile_text("evt.type = open and proc.name = x", catalog);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].code, "LOAD_COMPILE_CONDITION");
  EXPECT_EQ(r.warnings[0].message,
            "field 'proc.name' is not supplied by lanner: it is always missing, so checks on it are false "
            "(and 'not' of them true)");
}

}  // namespace
}  // namespace lanner::lang
