// Fuzzes the event model: random SyscallEvents (any table syscall, random registers, random
// argument bytes, random fd and process state) through every field extractor of the catalogue,
// with indices and dotted arguments. Nothing may crash, read out of bounds or loop.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "event/field_registry.h"
#include "event/render_param.h"

namespace {

using namespace lanner;

// Consumes bytes from the fuzzer input; returns zeros once it is exhausted.
class Input {
 public:
  Input(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint64_t u64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
    return v;
  }
  std::string bytes(size_t max) {
    size_t n = byte() % (max + 1);
    std::string s;
    for (size_t i = 0; i < n; ++i) s += static_cast<char>(byte());
    return s;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

std::shared_ptr<event::ProcessInfo> random_process(Input& in, int depth) {
  auto proc = std::make_shared<event::ProcessInfo>();
  proc->pid = static_cast<int64_t>(in.u64() % 5);
  proc->vpid = proc->pid;
  proc->sid = static_cast<int64_t>(in.byte() % 5);
  proc->pgid = proc->vpgid = static_cast<int64_t>(in.byte() % 5);
  proc->comm = in.bytes(20);
  proc->exe = in.bytes(20);
  proc->exepath = in.bytes(20);
  for (int i = in.byte() % 4; i > 0; --i) proc->args.push_back(in.bytes(10));
  proc->cwd = in.bytes(10);
  proc->start_time_ns = in.u64();
  proc->uid = static_cast<uint32_t>(in.u64());
  proc->loginuid = static_cast<int64_t>(in.u64());
  proc->cap_effective = in.u64();
  proc->exe_ctime_ns = in.u64();
  proc->container_id = in.bytes(12);
  proc->sname = in.bytes(6);
  if (depth < 8 && (in.byte() & 1)) proc->parent = random_process(in, depth + 1);
  return proc;
}

event::SyscallEvent random_event(Input& in) {
  event::SyscallEvent ev;
  auto syscalls = event::all_syscalls();
  uint8_t pick = in.byte();
  ev.syscall = pick < syscalls.size() ? &syscalls[pick] : nullptr;
  ev.num = in.u64();
  ev.time_ns = in.u64();
  ev.tid = static_cast<int64_t>(in.u64());
  for (size_t i = 0; i < 6; ++i) {
    ev.raw[i] = in.u64();
    ev.data_ok[i] = in.byte() & 1;
    ev.data[i] = in.bytes(40);
    ev.abs_path[i] = in.bytes(20);
  }
  for (int i = in.byte() % 4; i > 0; --i) ev.argv.push_back(in.bytes(10));
  if (in.byte() & 1) ev.process = random_process(in, 0);
  ev.has_fd = in.byte() & 1;
  ev.fd.num = static_cast<int64_t>(in.u64() % 8) - 1;
  ev.fd.type = static_cast<event::FdType>(in.byte() % 20);  // includes out-of-range kinds
  ev.fd.name = in.bytes(30);
  ev.fd.nameraw = in.bytes(10);
  ev.fd.l4proto = in.byte();
  ev.fd.has_tuple = in.byte() & 1;
  for (auto& b : ev.fd.local.ip) b = in.byte();
  for (auto& b : ev.fd.remote.ip) b = in.byte();
  ev.fd.is_server = in.byte() & 1;
  ev.fd.connected = in.byte() & 1;
  if (in.byte() & 1) ev.result = static_cast<int64_t>(in.u64());
  return ev;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  event::SyscallEvent ev = random_event(in);
  const lang::FieldCatalog& catalog = event::field_catalog();
  event::EventFieldSource source;
  source.reset(ev);
  lang::FieldValues values;
  const int64_t index = static_cast<int64_t>(in.byte() % 12) - 2;
  const std::string key = in.bytes(8);
  for (const lang::FieldInfo& info : catalog.fields()) {
    source.extract(lang::FieldRef{&info, {}, -1}, values);
    source.extract(lang::FieldRef{&info, key, index}, values);
  }
  // Every parameter of the event's syscall by name, plus evt.args.
  if (ev.syscall != nullptr) {
    for (const event::ParamInfo& param : ev.syscall->params) {
      for (const char* base : {"evt.arg.", "evt.rawarg."}) {
        if (auto ref = catalog.resolve(std::string(base) + std::string(param.name))) {
          source.extract(*ref, values);
        }
      }
    }
  }
  return 0;
}
