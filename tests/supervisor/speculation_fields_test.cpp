// app::depends_on_result decides when the monitor skips its second speculative evaluation (the
// failure guess): a field it calls result-independent must have the same value whatever the
// call's result. Checked here over the whole field catalogue, so a new field that reads the
// result cannot slip through unnoticed.
#include <fcntl.h>
#include <sys/syscall.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "app/monitor.h"
#include "event/event_builders.h"
#include "event/field_registry.h"

namespace lanner::app {
namespace {

using event::testing::make_event;
using event::testing::make_process;
using event::testing::set_arg_data;

std::string text_of(const lang::FieldValues* values) {
  if (values == nullptr) return "<missing>";
  std::string out;
  for (const auto& v : *values) {
    out += std::to_string(static_cast<int>(v.type)) + ":" + std::string(v.str) + ":" +
           std::to_string(v.num) + ":" + std::string(reinterpret_cast<const char*>(v.ip), 16) + ";";
  }
  return out;
}

std::string value_with_result(event::SyscallEvent& ev, const lang::FieldRef& field,
                              int64_t result) {
  ev.result = result;
  event::EventFieldSource source;
  source.reset(ev);
  lang::FieldValues scratch;
  return text_of(source.extract_view(field, scratch));
}

// Every catalogue field, plus evt.arg/evt.rawarg for each parameter by name and by index.
std::vector<lang::FieldRef> fields_for(const event::SyscallEvent& ev) {
  std::vector<lang::FieldRef> refs;
  for (const auto& info : event::field_catalog().fields()) {
    const bool per_param = info.name == "evt.arg" || info.name == "evt.rawarg";
    if (!per_param) {
      refs.push_back({&info, "", -1});
      continue;
    }
    for (size_t i = 0; i < ev.syscall->params.size(); ++i) {
      refs.push_back({&info, std::string(ev.syscall->params[i].name), -1});
      refs.push_back({&info, "", static_cast<int64_t>(i)});
      refs.push_back({&info, std::to_string(i), -1});
    }
  }
  return refs;
}

// Fields judged result-independent have one value for success and failure; returns how many
// fields were judged result-dependent.
size_t check_event(event::SyscallEvent ev) {
  size_t dependent = 0;
  for (const auto& field : fields_for(ev)) {
    if (depends_on_result(field, ev)) {
      ++dependent;
      continue;
    }
    const std::string success = value_with_result(ev, field, 0);
    if (success != value_with_result(ev, field, 0)) continue;  // not deterministic (clock)
    EXPECT_EQ(success, value_with_result(ev, field, -EACCES))
        << field.info->name << " arg '" << field.arg << "' index " << field.index << " of "
        << ev.syscall->name;
  }
  return dependent;
}

event::SyscallEvent open_event() {
  auto ev = make_event("openat");
  ev.raw[0] = static_cast<uint64_t>(AT_FDCWD);
  ev.raw[2] = O_RDONLY | O_CLOEXEC;
  set_arg_data(ev, 1, "/etc/passwd", "/etc/passwd");
  ev.has_fd = true;
  ev.fd.type = event::FdType::kFile;
  ev.fd.name = ev.fd.nameraw = "/etc/passwd";
  ev.process = make_process(100, "cat", "/usr/bin/cat", {"/etc/passwd"});
  return ev;
}

event::SyscallEvent connect_event() {
  auto ev = make_event("connect");
  ev.raw[0] = 4;
  set_arg_data(ev, 1, event::testing::sockaddr_in_bytes("10.0.0.1", 443));
  ev.has_fd = true;
  ev.fd.num = 4;
  ev.fd.type = event::FdType::kIpv4;
  ev.fd.has_tuple = true;
  ev.fd.remote = event::testing::endpoint_v4("10.0.0.1", 443);
  ev.process = make_process(100, "curl", "/usr/bin/curl", {"https://10.0.0.1"});
  return ev;
}

TEST(SpeculationFields, IndependentFieldsOfAnOpenDoNotChangeWithTheResult) {
  EXPECT_GT(check_event(open_event()), 0u);
}

TEST(SpeculationFields, IndependentFieldsOfAConnectDoNotChangeWithTheResult) {
  EXPECT_GT(check_event(connect_event()), 0u);
}

const lang::FieldRef& ref(std::string_view dotted, std::vector<lang::FieldRef>& keep) {
  keep.push_back(*event::field_catalog().resolve(dotted));
  return keep.back();
}

TEST(SpeculationFields, ResultFieldsAreDependentAndArgumentsAreNot) {
  const auto ev = open_event();
  std::vector<lang::FieldRef> keep;
  keep.reserve(8);
  EXPECT_TRUE(depends_on_result(ref("fd.num", keep), ev));
  EXPECT_TRUE(depends_on_result(ref("evt.res", keep), ev));
  EXPECT_TRUE(depends_on_result(ref("evt.arg.fd", keep), ev));  // openat's fd is its result
  EXPECT_TRUE(depends_on_result(ref("evt.args", keep), ev));
  EXPECT_FALSE(depends_on_result(ref("evt.arg.flags", keep), ev));
  EXPECT_FALSE(depends_on_result(ref("fd.name", keep), ev));
  EXPECT_FALSE(depends_on_result(ref("fd.typechar", keep), ev));
  EXPECT_FALSE(depends_on_result(ref("proc.name", keep), ev));
}

}  // namespace
}  // namespace lanner::app
