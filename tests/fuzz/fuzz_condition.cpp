// libFuzzer entry: arbitrary bytes as a condition. Parses, checks that the canonical printout
// parses back to an equal AST, then resolves macros against a small table and compiles against
// the fake catalogue and evaluates on an empty event. Nothing may crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "../fakes/fake_field_catalog.h"
#include "lang/ast_print.h"
#include "lang/compiler.h"
#include "lang/event_types.h"
#include "lang/macro_resolver.h"
#include "lang/parser.h"

namespace {

void round_trip(const lanner::lang::Node& ast) {
  std::string canonical = lanner::lang::to_string(ast);
  lanner::lang::ParseResult again = lanner::lang::parse_condition(canonical);
  // The printer must produce text the parser reads back to the same tree.
  if (!again.ok() || !lanner::lang::equal(*again.ast, ast)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  lanner::lang::ParseResult parsed = lanner::lang::parse_condition(text);
  if (!parsed.ok()) return 0;
  round_trip(*parsed.ast);

  lanner::lang::MacroResolver resolver(lanner::lang::ResolveLimits{16, 4096});
  for (const char* name : {"a", "b", "spawned_process"}) {
    auto body = lanner::lang::parse_condition(std::string(name) == "a" ? "b and proc.name = x" : "evt.type = execve");
    resolver.define(lanner::lang::MacroDefinition{name, std::move(body.ast), name[0] == 'a' ? 1u : 0u, 2});
  }
  if (resolver.resolve(parsed.ast)) return 0;
  lanner::lang::event_types_of(*parsed.ast);
  // Read-only after construction; built once to keep the fuzzer fast.
  static const lanner::testing::FakeFieldCatalog catalog;
  lanner::lang::CompileResult compiled = lanner::lang::compile_condition(*parsed.ast, catalog);
  if (compiled.ok()) {
    lanner::testing::FakeFieldSource source;
    source.set("proc.name", "x").set("fd.name", "/etc/shadow").set_list("proc.aname", {"a", "b"});
    compiled.predicate->matches(source);
  }
  return 0;
}
