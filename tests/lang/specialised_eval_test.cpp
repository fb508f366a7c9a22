// The fast paths of evaluation give exactly the results of the reference paths on the same
// inputs: specialised constant checks (CheckDispatch::kSpecialised) against the generic
// comparison (kGeneric), StringSet against a linear search, and Programs against the tree
// walk of PredicateNode::eval. Inputs include missing fields, empty strings, several values
// (proc.aname) and list fields (fd.types).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "fakes/fake_field_catalog.h"
#include "lang/checks.h"
#include "lang/compiler.h"
#include "lang/parser.h"
#include "lang/program.h"
#include "lang/string_set.h"

namespace lanner::lang {
namespace {

using testing::FakeFieldCatalog;
using testing::FakeFieldSource;

std::unique_ptr<Predicate> compile(const std::string& text, const FieldCatalog& catalog,
                                   CheckDispatch dispatch, SharedSubexpressions* shared = nullptr) {
  ParseResult parsed = parse_condition(text);
  EXPECT_TRUE(parsed.ok()) << text;
  if (!parsed.ok()) return nullptr;
  CompileResult r = compile_condition(*parsed.ast, catalog, shared, dispatch);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.error ? r.error->message : "");
  return std::move(r.predicate);
}

std::string big_list() {
  std::string list = "(";
  for (int i = 0; i < 40; ++i) list += "name" + std::to_string(i) + ", ";
  return list + "bash, name7, a-much-longer-process-name-than-eight, '')";  // with a repeat
}

// One condition per specialised shape, with `=`/`!=` and edge constants.
std::vector<std::string> shape_conditions() {
  return {
      "proc.name = bash", "proc.name != bash", "proc.name = ''", "proc.name != ''",
      "proc.aname = bash", "proc.aname != bash",
      "proc.name in (bash, sh)", "proc.name in (bash)", "proc.name in " + big_list(),
      "not proc.name in " + big_list(), "proc.aname in " + big_list(), "proc.name intersects (sh, zsh)",
      "fd.types in (file, ipv4)", "fd.types intersects (ipv4, pipe)", "fd.types in " + big_list(),
      "fd.name startswith /etc", "fd.name startswith /etc/shadow-but-longer", "fd.name startswith ''",
      "fd.name endswith shadow", "fd.name endswith /etc/shadow", "fd.name endswith ''",
      "fd.name contains etc/sh", "fd.name contains ''", "fd.name contains zzz",
      "proc.aname startswith ba", "proc.aname endswith sh", "proc.aname contains as",
      "fd.num = 3", "fd.num != 3", "fd.num < 0", "fd.num <= -1", "fd.num > 3", "fd.num >= 0",
      "user.uid = 0", "user.uid != 0", "user.uid < 1000", "user.uid >= 1000", "user.uid > 0",
      "evt.failed = true", "evt.failed = false", "evt.failed != true", "evt.failed != false",
  };
}

struct State {
  std::string name;          // "" = missing
  std::vector<std::string> anames;
  std::vector<std::string> types;
  std::string fd_name;       // "" = missing
  bool has_num = true;
  int64_t num = 0;           // fd.num, user.uid (as unsigned), evt.failed (0/1)
};

std::vector<State> states() {
  return {
      {"bash", {"bash", "sshd"}, {"file"}, "/etc/shadow", true, 3},
      {"sh", {"make", "sh"}, {"file", "ipv4"}, "/etc/shadow-but-longer-than-that", true, -1},
      {"name7", {}, {}, "/tmp/x", true, 0},
      {"a-much-longer-process-name-than-eight", {"x"}, {"pipe"}, "shadow", true, 1000},
      {"a-much-longer-process-name-than-nine", {"bash"}, {"unix"}, "/etc", true, 1},
      {"", {}, {}, "", false, 0},
      {"zsh", {"", "bash"}, {"file", "pipe"}, "/etc/sh", false, 0},
  };
}

void apply(const State& s, FakeFieldSource& source) {
  if (s.name.empty()) {
    source.unset("proc.name");
  } else {
    source.set("proc.name", s.name);
  }
  if (s.fd_name.empty()) {
    source.unset("fd.name");
  } else {
    source.set("fd.name", s.fd_name);
  }
  source.set_list("proc.aname", s.anames).set_list("fd.types", s.types);
  for (const char* f : {"fd.num", "user.uid", "evt.failed"}) {
    if (s.has_num) {
      source.set_num(f, std::string(f) == "evt.failed" ? (s.num != 0) : s.num);
    } else {
      source.unset(f);
    }
  }
}

TEST(SpecialisedChecks, MatchTheGenericComparisonOnEveryInput) {
  FakeFieldCatalog catalog;
  for (const std::string& text : shape_conditions()) {
    auto fast = compile(text, catalog, CheckDispatch::kSpecialised);
    auto generic = compile(text, catalog, CheckDispatch::kGeneric);
    ASSERT_TRUE(fast && generic) << text;
    for (const State& s : states()) {
      FakeFieldSource source;
      apply(s, source);
      EXPECT_EQ(fast->matches(source), generic->matches(source))
          << text << " with proc.name='" << s.name << "' fd.name='" << s.fd_name << "' num=" << s.num;
    }
  }
}

// With a shared field table and an event generation, every check after the first to read a
// field takes its value (present or missing) from EvalScratch::fields instead of calling the
// operand: the results are those of the generic checks evaluated without any sharing.
TEST(SpecialisedChecks, CachedFieldReadsMatchUnsharedEvaluation) {
  FakeFieldCatalog catalog;
  SharedSubexpressions shared;
  std::vector<std::unique_ptr<Predicate>> fast, generic;
  for (const std::string& text : shape_conditions()) {
    fast.push_back(compile(text, catalog, CheckDispatch::kSpecialised, &shared));
    generic.push_back(compile(text, catalog, CheckDispatch::kGeneric));
    ASSERT_TRUE(fast.back() && generic.back()) << text;
  }
  EvalScratch scratch;
  for (const auto& p : fast) p->prepare(scratch);
  uint64_t generation = 0;
  for (const State& s : states()) {
    FakeFieldSource source;
    apply(s, source);
    scratch.event_generation = ++generation;
    std::vector<bool> results;
    for (const auto& p : fast) results.push_back(p->root().eval(source, scratch));
    // Seven distinct fields, each extracted once for the whole list: the rest were cache reads.
    EXPECT_LE(source.extract_calls(), 7u);
    for (size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(results[i], generic[i]->matches(source))
          << shape_conditions()[i] << " with proc.name='" << s.name << "' fd.name='" << s.fd_name << "'";
    }
  }
}

// Programs call leaves through leaf_function (one function per shape with the field read
// inlined): for every shape, with the shared field cache and without it (no generation), the
// function gives the generic check's result. Leaves other than constant checks too.
TEST(SpecialisedChecks, LeafFunctionsMatchTheGenericCheck) {
  FakeFieldCatalog catalog;
  SharedSubexpressions shared;
  std::vector<std::string> leaves;
  for (const std::string& text : shape_conditions()) {
    if (!text.starts_with("not ")) leaves.push_back(text);
  }
  leaves.emplace_back("fd.name exists");
  leaves.emplace_back("tolower(proc.name) = bash");
  leaves.emplace_back("proc.name pmatch (/bin, /usr)");
  uint64_t generation = 0;
  for (const std::string& text : leaves) {
    auto fast = compile(text, catalog, CheckDispatch::kSpecialised, &shared);
    auto generic = compile(text, catalog, CheckDispatch::kGeneric);
    ASSERT_TRUE(fast && generic) << text;
    const PredicateNode& leaf = fast->root();
    ASSERT_EQ(leaf.structure().kind, PredicateNode::Structure::Kind::kLeaf) << text;
    LeafFn compute = leaf_function(leaf);
    for (const State& s : states()) {
      FakeFieldSource source;
      apply(s, source);
      bool want = generic->matches(source);
      for (bool sharing : {false, true}) {
        EvalScratch scratch;
        fast->prepare(scratch);
        scratch.event_generation = sharing ? ++generation : 0;
        EXPECT_EQ(compute(leaf, source, scratch), want)
            << text << (sharing ? " (cached fields)" : "") << " with proc.name='" << s.name << "'";
        EXPECT_EQ(compute(leaf, source, scratch), want) << text << ": second read";
      }
    }
  }
}

TEST(SpecialisedChecks, MissingFieldsMakeEveryShapeFalse) {
  FakeFieldCatalog catalog;
  FakeFieldSource empty;  // every field missing, list fields included
  for (const std::string& text : shape_conditions()) {
    if (text.starts_with("not ")) continue;
    auto fast = compile(text, catalog, CheckDispatch::kSpecialised);
    ASSERT_TRUE(fast) << text;
    EXPECT_FALSE(fast->matches(empty)) << text;
  }
}

TEST(StringSet, AgreesWithALinearSearch) {
  std::vector<std::string> storage = {"", "a", "bash", "sh", "name-of-sixteen!", "name-of-sixteen?",
                                      "x-prefix-and-the-same-suffix", "y-prefix-and-the-same-suffix"};
  for (int i = 0; i < 30; ++i) storage.push_back("p" + std::to_string(i));
  storage.push_back("bash");  // a repeat
  std::vector<std::string> probes = storage;
  for (const char* extra : {"b", "bas", "bash ", "name-of-sixteen", "z-prefix-and-the-same-suffix", "p30", "P1"}) {
    probes.emplace_back(extra);
  }
  // Every prefix length of the list: small (scanned) and large (hashed) sets.
  for (size_t n = 0; n <= storage.size(); ++n) {
    std::vector<std::string_view> items(storage.begin(), storage.begin() + static_cast<long>(n));
    StringSet set(items);
    for (const std::string& key : probes) {
      bool expected = std::find(items.begin(), items.end(), key) != items.end();
      EXPECT_EQ(set.contains(key), expected) << "n=" << n << " key='" << key << "'";
    }
  }
}

// The hash reads fixed-size words whose choice depends on the key's length (0, 1-3, 4-7, 8 or
// more bytes) and skips the middle of keys over 16 bytes: keys of every length up to 20, and
// keys that differ only in a skipped byte (their hashes collide), are all told apart.
TEST(StringSet, KeysOfEveryLengthAndCollidingKeys) {
  std::vector<std::string> storage;
  for (size_t len = 0; len <= 20; ++len) storage.push_back(std::string(len, 'k'));
  for (char middle : {'a', 'b', 'c'}) storage.push_back(std::string("abcd") + middle + "wxyz");        // 9 bytes
  for (char middle : {'a', 'b'}) storage.push_back(std::string("a") + middle + "z");                // 3 bytes
  for (char middle : {'a', 'b'}) storage.push_back(std::string("12345678") + middle + "87654321");  // 17
  std::vector<std::string_view> items(storage.begin(), storage.end() - 1);  // "...b..." of 17 left out
  StringSet set(items);
  std::vector<std::string> probes = storage;
  for (const char* extra : {"abcdzwxyz", "acz", "kkkkkkkkkkkkkkkkkkkkk", "kkkj", "12345678c87654321"}) {
    probes.emplace_back(extra);
  }
  for (const std::string& key : probes) {
    bool expected = std::find(items.begin(), items.end(), key) != items.end();
    EXPECT_EQ(set.contains(key), expected) << "key='" << key << "'";
  }
  EXPECT_FALSE(set.contains(storage.back()));
  EXPECT_TRUE(set.contains("kkkkkkkkkkkkkkkkkkkk"));
}

// Equality compares fixed-size words (overlapping for lengths that are not a word multiple):
// for every length up to 24 and every position, a key differing from the item in that one byte
// is not found, in a scanned set and in a hashed one (where such keys often share the hash).
TEST(StringSet, KeysDifferingInAnyOneByteAreToldApart) {
  for (size_t len = 1; len <= 24; ++len) {
    std::string item;
    for (size_t i = 0; i < len; ++i) item += static_cast<char>('a' + i);
    std::vector<std::string> storage = {item};
    for (int i = 0; i < 12; ++i) storage.push_back("filler" + std::to_string(i));
    for (size_t count : {size_t{1}, storage.size()}) {
      std::vector<std::string_view> items(storage.begin(), storage.begin() + static_cast<long>(count));
      StringSet set(items);
      EXPECT_TRUE(set.contains(item)) << "len=" << len << " count=" << count;
      for (size_t at = 0; at < len; ++at) {
        std::string key = item;
        key[at] = 'Z';
        EXPECT_FALSE(set.contains(key)) << "key='" << key << "' count=" << count;
      }
    }
  }
}

// Conditions with shared sub-conditions nested in one another, negations and constant-free
// checks (exists), compiled with one shared table like a rule set.
const std::vector<std::string> kProgramConditions = {
    "proc.name = bash and fd.name startswith /etc",
    "(proc.name = bash and fd.name startswith /etc) and not proc.aname in (sshd, make)",
    "(proc.name = bash and fd.name startswith /etc) or fd.num < 0",
    "not ((proc.name = bash and fd.name startswith /etc) or fd.num < 0)",
    "fd.name exists and not (fd.num >= 0 and fd.name contains shadow)",
    "(fd.num >= 0 and fd.name contains shadow) or (proc.name in (sh, zsh) and not fd.name exists)",
    "not proc.name exists or (user.uid = 0 and evt.failed = false)",
    "fd.types intersects (ipv4, pipe) and (user.uid = 0 and evt.failed = false)",
    // Transformers are costly: the program evaluates them after their cheaper siblings.
    "tolower(proc.name) = bash and not fd.num >= 0",
    "toupper(proc.name) in (BASH, SH) or (fd.num < 0 and fd.name exists)",
    // Shared leaves looked up again after a known result, under `not` and in both orders.
    "not proc.name = bash and (fd.num < 0 or proc.name = bash)",
    "(fd.num < 0 or not proc.name = bash) and proc.name = bash",
};

TEST(Program, GivesTheTreeWalksResultsWithAndWithoutSharing) {
  FakeFieldCatalog catalog;
  SharedSubexpressions shared;
  std::vector<std::unique_ptr<Predicate>> predicates;
  for (const std::string& text : kProgramConditions) {
    predicates.push_back(compile(text, catalog, CheckDispatch::kSpecialised, &shared));
    ASSERT_TRUE(predicates.back()) << text;
  }
  std::vector<uint32_t> uses;
  for (const auto& p : predicates) count_shared_uses(p->root(), uses);
  std::vector<Program> counted, memo_all;
  for (const auto& p : predicates) {
    counted.emplace_back(p->root(), uses);
    memo_all.emplace_back(p->root());
  }
  uint64_t generation = 0;
  for (const State& s : states()) {
    FakeFieldSource source;
    apply(s, source);
    for (bool sharing : {false, true}) {
      // Reference and programs each see a fresh event, so no memo leaks between them.
      std::vector<bool> expected;
      EvalScratch tree_scratch, counted_scratch, all_scratch;
      for (const auto& p : predicates) {
        p->prepare(tree_scratch);
        p->prepare(counted_scratch);
        p->prepare(all_scratch);
      }
      tree_scratch.event_generation = counted_scratch.event_generation = all_scratch.event_generation =
          sharing ? ++generation : 0;
      for (size_t i = 0; i < predicates.size(); ++i) {
        bool want = predicates[i]->root().eval(source, tree_scratch);
        EXPECT_EQ(counted[i].run(source, counted_scratch), want) << kProgramConditions[i];
        EXPECT_EQ(memo_all[i].run(source, all_scratch), want) << kProgramConditions[i];
      }
    }
  }
}

// Conditions compiled with one SharedSubexpressions, as in one of an Engine's buckets.
struct CompiledRoots {
  std::vector<std::unique_ptr<Predicate>> predicates;
  std::vector<const PredicateNode*> roots;
  std::vector<uint32_t> uses;
};

CompiledRoots compile_roots(const std::vector<std::string>& texts, const FieldCatalog& catalog) {
  SharedSubexpressions shared;
  CompiledRoots out;
  for (const std::string& text : texts) {
    out.predicates.push_back(compile(text, catalog, CheckDispatch::kSpecialised, &shared));
    if (!out.predicates.back()) continue;  // compile() reported it
    out.roots.push_back(&out.predicates.back()->root());
    count_shared_uses(*out.roots.back(), out.uses);
  }
  return out;
}

TEST(Program, SeveralRootsReportTheRootsThatHoldInOrder) {
  FakeFieldCatalog catalog;
  auto [predicates, roots, uses] = compile_roots(kProgramConditions, catalog);
  ASSERT_EQ(roots.size(), kProgramConditions.size());
  Program program(roots, uses);
  uint64_t generation = 0;
  size_t total = 0;
  for (const State& s : states()) {
    FakeFieldSource source;
    apply(s, source);
    EvalScratch tree_scratch, program_scratch;
    for (const auto& p : predicates) {
      p->prepare(tree_scratch);
      p->prepare(program_scratch);
    }
    std::vector<uint32_t> expected;
    for (uint32_t i = 0; i < roots.size(); ++i) {
      if (roots[i]->eval(source, tree_scratch)) expected.push_back(i);
    }
    for (bool first_only : {false, true}) {
      program_scratch.event_generation = ++generation;
      std::vector<uint32_t> matched;
      program.run_all(source, program_scratch, matched, first_only);
      if (first_only && !expected.empty()) {
        EXPECT_EQ(matched, std::vector<uint32_t>{expected[0]});
      } else {
        EXPECT_EQ(matched, expected);
      }
    }
    total += expected.size();
  }
  EXPECT_GT(total, 0u);  // the states do satisfy some conditions
}

TEST(Program, EvaluatesCostlySiblingsLast) {
  FakeFieldCatalog catalog;
  auto predicate = compile("tolower(proc.name) = bash and fd.num >= 0", catalog, CheckDispatch::kSpecialised);
  ASSERT_TRUE(predicate);
  Program program(predicate->root());
  FakeFieldSource source;
  source.set("proc.name", "BASH").set_num("fd.num", -1);
  EvalScratch scratch;
  predicate->prepare(scratch);
  EXPECT_FALSE(program.run(source, scratch));
  EXPECT_EQ(source.extract_calls(), 1u);  // fd.num only: the transformer was not needed
  source.set_num("fd.num", 3);
  EXPECT_TRUE(program.run(source, scratch));
}

TEST(Program, DefaultProgramIsFalse) {
  FakeFieldSource source;
  EvalScratch scratch;
  EXPECT_FALSE(Program().run(source, scratch));
}

}  // namespace
}  // namespace lanner::lang

namespace lanner::lang {
namespace {

// Unknowns::kMayMatch against brute force: a condition could hold iff some value of the
// unknown fields (fd.num, evt.failed: results of the call) makes the tree walk true. Each
// unknown field occurs once per condition, so the answer is exact; repeated occurrences are
// checked for soundness only (a root that could hold is never reported impossible).
const std::vector<std::string> kUnknownConditions = {
    "fd.num >= 0",
    "not fd.num >= 0",
    "fd.num >= 0 and proc.name = bash",
    "not (fd.num >= 0 and proc.name = bash)",
    "proc.name = bash or evt.failed = true",
    "not (proc.name = sh or evt.failed = false)",
    "proc.name in (bash, sh) and not (fd.num > 2 or proc.name = sh)",
    "(fd.num < 0 and evt.failed = true) or not proc.name exists",
    "not not (evt.failed = true and proc.name = zsh)",
};
const std::vector<std::string> kRepeatedUnknownConditions = {
    "fd.num >= 0 and fd.num < 0",  // impossible, yet each check alone could hold
    "(fd.num >= 0 and proc.name = bash) or (not fd.num >= 0 and proc.name = sh)",
};

bool holds_for_some_result(const PredicateNode& root, const State& s) {
  for (bool has_num : {false, true}) {
    for (int64_t num : {-1, 0, 3}) {
      for (bool failed : {false, true}) {
        FakeFieldSource source;
        apply(s, source);
        if (has_num) {
          source.set_num("fd.num", num);
        } else {
          source.unset("fd.num");
        }
        source.set_num("evt.failed", failed ? 1 : 0);
        EvalScratch scratch;
        scratch.ensure(64, 64, 64);
        if (root.eval(source, scratch)) return true;
      }
    }
  }
  return false;
}

TEST(Program, UnknownResultsMayMatchExactlyWhenSomeResultWould) {
  FakeFieldCatalog catalog;
  std::vector<std::string> texts = kUnknownConditions;
  texts.insert(texts.end(), kRepeatedUnknownConditions.begin(), kRepeatedUnknownConditions.end());
  auto [predicates, roots, uses] = compile_roots(texts, catalog);
  ASSERT_EQ(roots.size(), texts.size());
  Program program(roots, uses);
  uint64_t generation = 0;
  size_t possible = 0, impossible = 0;
  for (const State& s : states()) {
    FakeFieldSource source;
    apply(s, source);
    source.set_unknown("fd.num").set_unknown("evt.failed");
    EvalScratch scratch;
    for (const auto& p : predicates) p->prepare(scratch);
    scratch.event_generation = ++generation;
    std::vector<uint32_t> matched;
    program.run_all(source, scratch, matched, false, Unknowns::kMayMatch);
    for (uint32_t i = 0; i < roots.size(); ++i) {
      const bool reported = std::count(matched.begin(), matched.end(), i) != 0;
      const bool could = holds_for_some_result(*roots[i], s);
      if (i < kUnknownConditions.size()) {
        EXPECT_EQ(reported, could) << texts[i] << " for proc.name '" << s.name << "'";
      } else if (could) {
        EXPECT_TRUE(reported) << texts[i] << " for proc.name '" << s.name << "'";
      }
      (reported ? possible : impossible) += 1;
    }
  }
  EXPECT_GT(possible, 0u);
  EXPECT_GT(impossible, 0u);
}

// A shared sub-condition reading an unknown value leans towards a match on both sides of a
// `not`, so its memo must not hand one side's answer to the other.
TEST(Program, SharedUnknownUnderNotAndNotNotIsJudgedPerSide) {
  FakeFieldCatalog catalog;
  SharedSubexpressions shared;
  auto positive = compile("fd.num >= 0 and proc.name = bash", catalog, CheckDispatch::kSpecialised, &shared);
  auto negative = compile("not (fd.num >= 0 and proc.name = bash)", catalog, CheckDispatch::kSpecialised, &shared);
  ASSERT_TRUE(positive && negative);
  const PredicateNode* roots[] = {&positive->root(), &negative->root()};
  std::vector<uint32_t> uses;
  for (const PredicateNode* root : roots) count_shared_uses(*root, uses);
  Program program(roots, uses);
  FakeFieldSource source;
  source.set("proc.name", "bash").set_unknown("fd.num");
  EvalScratch scratch;
  positive->prepare(scratch);
  negative->prepare(scratch);
  scratch.event_generation = 1;
  std::vector<uint32_t> matched;
  program.run_all(source, scratch, matched, false, Unknowns::kMayMatch);
  EXPECT_EQ(matched, (std::vector<uint32_t>{0, 1})) << "either could hold: fd.num decides";
  EXPECT_EQ(source.extract_calls(), 1u) << "proc.name only: fd.num is never read";

  // Known values: the same program gives the tree walk's answer.
  FakeFieldSource known;
  known.set("proc.name", "bash").set_num("fd.num", 4);
  scratch.event_generation = 2;
  matched.clear();
  program.run_all(known, scratch, matched, false, Unknowns::kMayMatch);
  EXPECT_EQ(matched, std::vector<uint32_t>{0});
  scratch.event_generation = 3;
  matched.clear();
  program.run_all(source, scratch, matched, false, Unknowns::kMissing);
  EXPECT_EQ(matched, std::vector<uint32_t>{1}) << "kMissing: fd.num is missing, so false";
}

}  // namespace
}  // namespace lanner::lang
