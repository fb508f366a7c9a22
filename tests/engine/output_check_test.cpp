#include <gtest/gtest.h>

#include "engine/output_check.h"
#include "fakes/fake_field_catalog.h"

namespace lanner::engine {
namespace {

std::vector<std::string> problems(const std::string& output) {
  lanner::testing::FakeFieldCatalog catalog;
  std::vector<std::string> out;
  for (const auto& p : check_output(output, catalog)) {
    out.push_back(std::string(p.is_error ? "E " : "W ") + std::to_string(p.offset) + " " + p.message);
  }
  return out;
}

TEST(OutputCheck, AcceptsFalcoTokens) {
  EXPECT_TRUE(problems("File opened (user=%user.name cmd=%proc.cmdline file=%fd.name)").empty());
  EXPECT_TRUE(problems("%proc.aname[2] %evt.arg.flags %20proc.name %proc.namex %proc.env[HOME]").empty());
  EXPECT_TRUE(problems("%tolower(proc.name) and %evt.time.").empty());
  EXPECT_TRUE(problems("no fields at all").empty());
}

TEST(OutputCheck, ReportsUnknownTokens) {
  EXPECT_EQ(problems("x=%proc.nmae y"),
            std::vector<std::string>{"E 2 invalid formatting token '%proc.nmae': nonexistent field "
                                     "'proc.nmae' (did you mean 'proc.name'?)"});
  EXPECT_EQ(problems("100%"),
            std::vector<std::string>{"E 3 invalid formatting token '%': expected a field name after '%'"});
  EXPECT_EQ(problems("%proc.name[1]"),
            std::vector<std::string>{
                "E 0 invalid formatting token '%proc.name[1]': field 'proc.name' does not take an argument"});
  EXPECT_EQ(problems("%fd.net"),
            std::vector<std::string>{"E 0 invalid formatting token '%fd.net': field can only be used in conditions"});
  EXPECT_EQ(problems("%tolower(proc.pid)"),
            std::vector<std::string>{
                "E 0 invalid formatting token '%tolower(proc.pid)': transformer 'tolower' expects one string field"});
}

TEST(OutputCheck, ContainerInfoIsDeprecated) {
  EXPECT_EQ(problems("(id=%container.info)"),
            std::vector<std::string>{"W 4 %container.info is deprecated and prints nothing; use "
                                     "%container.name and %container.id"});
}

}  // namespace
}  // namespace lanner::engine
