#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "event/field_registry.h"

namespace lanner::event {
namespace {

using lang::FieldArgKind;
using lang::FieldType;

const lang::FieldCatalog& catalog() { return field_catalog(); }

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Resolves "proc.aname[2]" / "evt.arg.flags" the way the condition parser will: the name
// without the bracket argument.
bool resolves(std::string name) {
  if (auto bracket = name.find('['); bracket != std::string::npos) name.resize(bracket);
  return catalog().resolve(name).has_value();
}

TEST(FieldCatalog, CoversEveryFieldOfTheLibsinspInventory) {
  std::ifstream tsv(std::string(LANNER_SOURCE_DIR) + "/../shared/reference/libsinsp-fields.tsv");
  if (!tsv) GTEST_SKIP() << "reference/libsinsp-fields.tsv not found next to the checkout";
  const std::set<std::string> classes = {"evt", "process", "fd", "fs.path", "user", "group",
                                         "container-plugin"};
  std::string line;
  std::getline(tsv, line);  // header
  int checked = 0;
  while (std::getline(tsv, line)) {
    std::string name = line.substr(0, line.find('\t'));
    std::string rest = line.substr(line.find('\t') + 1);
    std::string cls;
    std::istringstream cols(line);
    for (int i = 0; i < 4; ++i) std::getline(cols, cls, '\t');
    if (!classes.count(cls)) continue;
    EXPECT_TRUE(catalog().resolve(name).has_value()) << name;
    ++checked;
  }
  EXPECT_GT(checked, 280);
}

// Every field the upstream rule files use in conditions or outputs, as listed by the statistics
// files (reference/stats/*.md tables: | `field` | count | ...).
TEST(FieldCatalog, CoversEveryFieldTheUpstreamFilesUse) {
  std::string stats_dir = std::string(LANNER_SOURCE_DIR) + "/../shared/reference/stats/";
  std::set<std::string> names;
  std::regex row(R"(^\| `([a-z0-9_]+\.[a-z0-9_.\[\]]+)` \| [0-9]+ \|)");
  for (const char* file : {"current-all.md", "current-falco_rules.md", "falco-0.22.1-syscall.md"}) {
    std::istringstream text(read_file(stats_dir + file));
    std::string line;
    std::smatch m;
    while (std::getline(text, line)) {
      if (std::regex_search(line, m, row)) names.insert(m[1]);
    }
  }
  if (names.empty()) GTEST_SKIP() << "reference/stats not found next to the checkout";
  for (const std::string& name : names) {
    if (name.starts_with("ka.") || name.starts_with("jevt.")) continue;  // k8s_audit source
    EXPECT_TRUE(resolves(name)) << name;
  }
  EXPECT_GT(names.size(), 90u);
  EXPECT_TRUE(names.count("container.info"));
}

TEST(FieldCatalog, FieldsTheRulesRelyOnAreSupplied) {
  for (const char* name :
       {"evt.type", "evt.num", "evt.arg", "evt.args", "evt.is_open_read", "evt.is_open_write",
        "evt.res", "evt.rawres", "evt.dir", "proc.name", "proc.pname", "proc.aname",
        "proc.cmdline", "proc.pcmdline", "proc.args", "proc.exe", "proc.exepath", "proc.pexe",
        "proc.cwd", "proc.tty", "proc.duration", "proc.sname", "proc.is_exe_upper_layer",
        "proc.is_exe_from_memfd", "proc.exe_ino.ctime", "thread.cap_effective", "fd.num",
        "fd.name", "fd.nameraw", "fd.typechar", "fd.type", "fd.directory", "fd.filename",
        "fd.l4proto", "fd.sip", "fd.sport", "fd.lport", "fd.rport", "fd.ip", "fd.net",
        "fd.snet", "fd.connected", "fd.name_changed", "user.name", "user.uid", "user.loginuid",
        "user.loginname", "group.gid", "group.name", "container.id"}) {
    auto ref = catalog().resolve(name);
    ASSERT_TRUE(ref) << name;
    EXPECT_TRUE(ref->info->flags & lang::kFieldSupplied) << name;
  }
  EXPECT_FALSE(catalog().resolve("container.image.repository")->info->flags &
               lang::kFieldSupplied);
  EXPECT_FALSE(catalog().resolve("fd.sip.name")->info->flags & lang::kFieldSupplied);
}

TEST(FieldCatalog, TypesFlagsAndArguments) {
  auto aname = catalog().resolve("proc.aname");
  ASSERT_TRUE(aname);
  EXPECT_EQ(aname->info->arg, FieldArgKind::kIndexOptional);
  EXPECT_TRUE(aname->info->flags & lang::kFieldAnyValue);
  EXPECT_TRUE(aname->info->flags & lang::kFieldNoRhs);
  EXPECT_EQ(aname->info->type_name, "CHARBUF");

  EXPECT_TRUE(catalog().resolve("fd.ip")->info->flags & lang::kFieldFilterOnly);
  EXPECT_EQ(catalog().resolve("fd.net")->info->type, FieldType::kIpNet);
  EXPECT_EQ(catalog().resolve("fd.sip")->info->type, FieldType::kIpAddr);
  EXPECT_EQ(catalog().resolve("fd.sport")->info->type, FieldType::kUnsigned);
  EXPECT_EQ(catalog().resolve("fd.num")->info->type, FieldType::kSigned);
  EXPECT_EQ(catalog().resolve("evt.buffer")->info->type, FieldType::kBytes);
  EXPECT_EQ(catalog().resolve("evt.failed")->info->type, FieldType::kBool);
  EXPECT_TRUE(catalog().resolve("evt.dir")->info->flags & lang::kFieldDeprecated);
  EXPECT_TRUE(catalog().resolve("evt.outputtime")->info->flags & lang::kFieldPrintOnly);
  EXPECT_EQ(catalog().resolve("proc.env")->info->arg, FieldArgKind::kKeyOptional);
  EXPECT_EQ(catalog().resolve("evt.arg")->info->arg, FieldArgKind::kIndexRequired);
  EXPECT_EQ(catalog().resolve("proc.args")->info->arg, FieldArgKind::kIndexOptional);
  EXPECT_FALSE(catalog().resolve("proc.args")->info->flags & lang::kFieldAnyValue);
  EXPECT_EQ(catalog().resolve("k8s.pod.label")->info->arg, FieldArgKind::kKeyRequired);
  EXPECT_TRUE(catalog().resolve("fd.types")->info->flags & lang::kFieldList);
  EXPECT_FALSE(catalog().resolve("proc.name")->info->description.empty());
}

TEST(FieldCatalog, DottedArguments) {
  auto flags = catalog().resolve("evt.arg.flags");
  ASSERT_TRUE(flags);
  EXPECT_EQ(flags->info->name, "evt.arg");
  EXPECT_EQ(flags->arg, "flags");
  EXPECT_FALSE(catalog().resolve("evt.arg.no_such_param"));
  EXPECT_FALSE(catalog().resolve("evt.arg."));
  EXPECT_EQ(catalog().resolve("evt.rawarg.res")->info->type, FieldType::kSigned);
  EXPECT_EQ(catalog().resolve("evt.rawarg.name")->info->type, FieldType::kString);
  EXPECT_EQ(catalog().resolve("evt.type.is.open")->arg, "open");
  EXPECT_EQ(catalog().resolve("k8s.pod.label.app")->arg, "app");
  EXPECT_FALSE(catalog().resolve("proc.nosuchfield"));
  EXPECT_FALSE(catalog().resolve("proc.name.x"));
  EXPECT_FALSE(catalog().resolve(""));
}

TEST(FieldCatalog, EventTypes) {
  EXPECT_TRUE(catalog().is_event_type("openat"));
  EXPECT_TRUE(catalog().is_event_type("read"));       // a syscall lanner does not trap
  EXPECT_TRUE(catalog().is_event_type("container"));  // libsinsp meta event
  EXPECT_TRUE(catalog().is_event_type("fchmodat2"));
  EXPECT_FALSE(catalog().is_event_type("opne"));
  EXPECT_FALSE(catalog().is_event_type(""));
}

TEST(FieldCatalog, IdsAndNamesAreUnique) {
  std::set<uint16_t> ids;
  std::set<std::string_view> names;
  for (const lang::FieldInfo& f : catalog().fields()) {
    EXPECT_TRUE(ids.insert(f.id).second) << f.name;
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    EXPECT_FALSE(f.type_name.empty()) << f.name;
  }
  EXPECT_GT(names.size(), 285u);
}

}  // namespace
}  // namespace lanner::event
