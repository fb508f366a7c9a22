#include "supervisor/target_memory.h"

#include <sys/uio.h>

#include <algorithm>
#include <cstring>

namespace lanner::supervisor {

bool TargetMemory::read_string(int64_t tid, uint64_t addr, size_t max_len, std::string& out) {
  out.clear();
  if (addr == 0) return false;
  char chunk[kPageSize];
  // Most paths are short: the first read asks for little (copying a whole page costs more than
  // the path), later ones for the rest of the page.
  size_t limit = kFirstStringChunk;
  while (out.size() < max_len) {
    size_t to_page_end = kPageSize - static_cast<size_t>(addr % kPageSize);
    size_t want = std::min({to_page_end, max_len - out.size(), limit});
    limit = kPageSize;
    ssize_t got = read(tid, addr, chunk, want);
    if (got <= 0) return false;
    size_t n = static_cast<size_t>(got);
    const void* nul = std::memchr(chunk, '\0', n);
    if (nul != nullptr) {
      out.append(chunk, static_cast<size_t>(static_cast<const char*>(nul) - chunk));
      return true;
    }
    out.append(chunk, n);
    if (n < want) return false;  // ran into unreadable memory
    addr += n;
  }
  return false;  // no terminator within max_len
}

bool TargetMemory::read_bytes(int64_t tid, uint64_t addr, size_t len, std::string& out) {
  out.resize(len);
  if (len == 0) return true;
  if (addr == 0 || read(tid, addr, out.data(), len) != static_cast<ssize_t>(len)) {
    out.clear();
    return false;
  }
  return true;
}

ssize_t ProcessVmMemory::read(int64_t tid, uint64_t addr, void* out, size_t len) {
  iovec local{out, len};
  iovec remote{reinterpret_cast<void*>(addr), len};
  return process_vm_readv(static_cast<pid_t>(tid), &local, 1, &remote, 1, 0);
}

}  // namespace lanner::supervisor
