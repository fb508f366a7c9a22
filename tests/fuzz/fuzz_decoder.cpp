// libFuzzer entry: random registers and random target memory through the supervisor's decoder
// (fake memory, fake /proc). Every syscall of the table is reachable; pointer arguments point
// into the fuzzed memory half of the time. Nothing may crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "../supervisor/supervisor_fakes.h"
#include "event/syscall_table.h"
#include "supervisor/decoder.h"

namespace {

constexpr uint64_t kBase = 0x7f0000000000;

uint64_t take(const uint8_t*& data, size_t& size) {
  uint64_t value = 0;
  size_t n = size < 8 ? size : 8;
  std::memcpy(&value, data, n);
  data += n;
  size -= n;
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lanner::supervisor;
  if (size < 8 || size > 64 * 1024) return 0;
  auto table = lanner::event::all_syscalls();
  lanner::supervisor::RawNotification n;
  n.id = 1;
  n.tid = 100;
  n.nr = table[take(data, size) % table.size()].nr;
  for (auto& arg : n.args) {
    uint64_t raw = take(data, size);
    // Half the arguments become pointers into the fuzzed memory (possibly near its end).
    arg = (raw & 1) != 0 && size > 0 ? kBase + (raw >> 1) % (size + 16) : raw;
  }
  testing::FakeTargetMemory memory;
  memory.map(kBase, std::string(reinterpret_cast<const char*>(data), size));
  testing::FakeProcFs fs;
  fs.add_process(100, 1, "victim", std::string("victim\0-x\0", 10), "/home/v");
  fs.links["/proc/100/fd/3"] = "/memfd:x (deleted)";
  fs.links["/proc/100/fd/4"] = "socket:[1]";
  fs.links["/proc/100/fd/5"] = "relative/not/absolute";
  ProcTable processes(fs, 1);
  Decoder decoder(memory, processes, fs, nullptr);
  lanner::event::SyscallEvent event;
  decoder.decode(n, event);
  decoder.decode(n, event);  // reuse must be as safe as the first decode
  return 0;
}
