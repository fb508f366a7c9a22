#include <gtest/gtest.h>

#include "fakes/fake_field_catalog.h"
#include "lang/compiler.h"
#include "lang/parser.h"
#include "lang/string_match.h"

namespace lanner::lang {
namespace {

using testing::FakeFieldCatalog;
using testing::FakeFieldSource;

class Eval : public ::testing::Test {
 protected:
  bool matches(const std::string& text) {
    ParseResult parsed = parse_condition(text);
    EXPECT_TRUE(parsed.ok()) << text;
    if (!parsed.ok()) return false;
    CompileResult r = compile_condition(*parsed.ast, catalog_);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.error ? r.error->message : "");
    if (!r.ok()) return false;
    return r.predicate->matches(source_, scratch_);
  }

  FakeFieldCatalog catalog_;
  FakeFieldSource source_;
  EvalScratch scratch_;
};

TEST_F(Eval, StringOperators) {
  source_.set("proc.name", "bash").set("fd.name", "/etc/shadow");
  EXPECT_TRUE(matches("proc.name = bash"));
  EXPECT_TRUE(matches("proc.name == bash"));
  EXPECT_FALSE(matches("proc.name != bash"));
  EXPECT_TRUE(matches("fd.name contains shad"));
  EXPECT_TRUE(matches("fd.name icontains SHAD"));
  EXPECT_FALSE(matches("fd.name contains SHAD"));
  EXPECT_TRUE(matches("fd.name startswith /etc/ and fd.name endswith dow"));
  EXPECT_TRUE(matches("fd.name glob '/etc/*'"));
  EXPECT_TRUE(matches("fd.name glob '/*w'"));  // '*' crosses '/', as fnmatch without FNM_PATHNAME
  EXPECT_FALSE(matches("fd.name glob '/ETC/*'"));
  EXPECT_TRUE(matches("fd.name iglob '/ETC/*'"));
  EXPECT_TRUE(matches("fd.name regex '/etc/s.*'"));
  EXPECT_FALSE(matches("fd.name regex 'etc'"));  // full match, not search
  EXPECT_TRUE(matches("proc.name in (sh, bash)"));
  EXPECT_FALSE(matches("proc.name in (sh, zsh)"));
  EXPECT_TRUE(matches("proc.name intersects (bash)"));
  EXPECT_TRUE(matches("fd.name pmatch (/etc)"));
  EXPECT_TRUE(matches("fd.name pmatch (/usr, /etc/shadow)"));
  EXPECT_FALSE(matches("fd.name pmatch (/et)"));
  EXPECT_TRUE(matches("fd.name pmatch (/e*)"));
  EXPECT_TRUE(matches("proc.name exists and not proc.pname exists"));
}

TEST_F(Eval, BigInListUsesTheSameSemantics) {
  std::string list;
  for (int i = 0; i < 500; ++i) list += (i ? ", p" : "p") + std::to_string(i);
  source_.set("proc.name", "p377");
  EXPECT_TRUE(matches("proc.name in (" + list + ")"));
  source_.set("proc.name", "p500");
  EXPECT_FALSE(matches("proc.name in (" + list + ")"));
}

TEST_F(Eval, MissingFieldMakesEveryComparisonFalse) {
  EXPECT_FALSE(matches("proc.pname = bash"));
  EXPECT_FALSE(matches("proc.pname != bash"));
  EXPECT_TRUE(matches("not proc.pname = bash"));
  EXPECT_FALSE(matches("proc.pname in (a, b)"));
  EXPECT_FALSE(matches("fd.num >= 0"));
  EXPECT_FALSE(matches("fd.num < 0"));
}

TEST_F(Eval, Numbers) {
  source_.set_num("fd.num", -1).set_num("user.uid", 0).set_num("evt.num", 42);
  EXPECT_TRUE(matches("fd.num = -1 and fd.num < 0 and fd.num <= -1 and fd.num != 0"));
  EXPECT_FALSE(matches("fd.num >= 0"));
  EXPECT_TRUE(matches("user.uid = 0 and user.uid in (0, 1)"));
  EXPECT_TRUE(matches("evt.num > 0x10 and evt.num = 42"));
  source_.set_num("user.uid", -1);  // 2^64-1 as unsigned
  EXPECT_TRUE(matches("user.uid > 1000"));
}

TEST_F(Eval, BoolsAndAddresses) {
  source_.set_num("evt.failed", 1).set_ip("fd.sip", "10.1.2.3").set_ip("fd.net", "10.1.2.3");
  EXPECT_TRUE(matches("evt.failed = true and evt.failed != false"));
  EXPECT_TRUE(matches("fd.sip = 10.1.2.3 and fd.sip != 10.1.2.4"));
  EXPECT_TRUE(matches("fd.sip in (1.1.1.1, 10.1.2.3)"));
  EXPECT_TRUE(matches("fd.net = 10.0.0.0/8 and not fd.net = 192.168.0.0/16"));
  EXPECT_TRUE(matches("fd.net in (192.168.0.0/16, 10.1.0.0/16)"));
  EXPECT_FALSE(matches("fd.sip = ::1"));
}

TEST_F(Eval, Bytes) {
  source_.set("evt.buffer", std::string("\x7f" "ELF\xca\xfe\xba\xbe", 8));
  EXPECT_TRUE(matches("evt.buffer bcontains cafebabe"));
  EXPECT_TRUE(matches("evt.buffer bstartswith 7f454c46"));
  EXPECT_FALSE(matches("evt.buffer bstartswith cafebabe"));
  EXPECT_TRUE(matches("evt.buffer contains ELF"));
}

TEST_F(Eval, AnyAncestorAndIndexedAncestors) {
  source_.set_list("proc.aname", {"bash", "sshd", "systemd"}).set("proc.aname[2]", "sshd");
  EXPECT_TRUE(matches("proc.aname = sshd"));
  EXPECT_TRUE(matches("proc.aname in (nginx, systemd)"));
  EXPECT_FALSE(matches("proc.aname = nginx"));
  EXPECT_TRUE(matches("proc.aname[2] = sshd"));
  EXPECT_FALSE(matches("proc.aname[3] = systemd"));  // not set in the fake: missing
}

TEST_F(Eval, ListFieldsInIsAllIntersectsIsAny) {
  source_.set_list("fd.types", {"ipv4", "file"});
  EXPECT_TRUE(matches("fd.types in (ipv4, file, pipe)"));
  EXPECT_FALSE(matches("fd.types in (ipv4, pipe)"));
  EXPECT_TRUE(matches("fd.types intersects (ipv4, pipe)"));
  EXPECT_FALSE(matches("fd.types intersects (unix)"));
}

TEST_F(Eval, Modifiers) {
  source_.set("proc.cmdline", "curl http://x | sh");
  EXPECT_TRUE(matches("proc.cmdline contains anyof (wget, curl)"));
  EXPECT_TRUE(matches("proc.cmdline contains oneof (wget, curl)"));
  EXPECT_FALSE(matches("proc.cmdline contains oneof (sh, curl)"));
  EXPECT_TRUE(matches("proc.cmdline contains allof (sh, curl)"));
  EXPECT_FALSE(matches("proc.cmdline contains allof (sh, wget)"));
}

TEST_F(Eval, TransformersAndVal) {
  source_.set("proc.name", "BaSh").set("proc.pname", "BaSh").set("proc.exepath", "/usr/bin/bash");
  source_.set_list("proc.args", {"-x", "-c", "echo hi"});
  source_.set_num("proc.pid", 10).set_num("proc.ppid", 3);
  EXPECT_TRUE(matches("tolower(proc.name) = bash and toupper(proc.name) = BASH"));
  EXPECT_TRUE(matches("basename(proc.exepath) = bash"));
  EXPECT_TRUE(matches("len(proc.exepath) = 13"));
  EXPECT_TRUE(matches("proc.name = val(proc.pname) and proc.pid > val(proc.ppid)"));
  EXPECT_TRUE(matches("concat(proc.name, \"-\", proc.pname) = BaSh-BaSh"));
  EXPECT_TRUE(matches("toupper(basename(proc.exepath)) = BASH"));
  source_.set("proc.env[B64]", "aGVsbG8");
  EXPECT_TRUE(matches("b64(proc.env[B64]) = hello"));
}

TEST_F(Eval, JoinAndGetoptOverListFields) {
  source_.set_list("fd.types", {"-x", "-c", "echo hi", "-o"});
  EXPECT_TRUE(matches("join(\",\", fd.types) = \"-x,-c,echo hi,-o\""));
  EXPECT_TRUE(matches("getopt(fd.types, \"xc:o\")[c] = \"echo hi\""));
  EXPECT_TRUE(matches("getopt(fd.types, \"xc:o\")[o] = \"\""));
  EXPECT_FALSE(matches("getopt(fd.types, \"xc:o\")[z] exists"));
  EXPECT_TRUE(matches("len(fd.types) = 4"));
}

TEST_F(Eval, ScratchIsReusedWithoutGrowth) {
  source_.set("proc.name", "bash");
  ASSERT_TRUE(matches("tolower(proc.name) = bash"));
  size_t capacity = scratch_.values.capacity();
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(matches("tolower(proc.name) = bash"));
  EXPECT_EQ(scratch_.values.capacity(), capacity);
}

TEST(StringMatch, GlobAndPathPrefix) {
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
  EXPECT_FALSE(glob_match("[!a-c]x", "bx"));
  EXPECT_TRUE(glob_match("\\*", "*"));
  EXPECT_TRUE(glob_match("*.conf", "/etc/x/y.conf"));
  EXPECT_TRUE(glob_match("[", "["));  // unclosed bracket is literal
  EXPECT_TRUE(path_prefix_match("/var/run", "/var/run"));
  EXPECT_TRUE(path_prefix_match("/var/run/", "/var/run/docker.sock"));
  EXPECT_FALSE(path_prefix_match("/var/run", "/var/runx"));
  EXPECT_FALSE(path_prefix_match("/var/run", "/var"));
  EXPECT_TRUE(icontains("Hello World", "o w"));
}

}  // namespace
}  // namespace lanner::lang
