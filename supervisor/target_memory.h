#pragma once
// Reading the target's memory. Every read is bounded and may fail (EFAULT: unmapped or garbage
// pointer). What is read is a snapshot: another thread may change it before the kernel re-reads
// it after CONTINUE (TOCTOU, threats.md section 0), so the data is for detection only.
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace lanner::supervisor {

inline constexpr size_t kPageSize = 4096;
// What read_string asks for first; the rest of the page only if no NUL came in it.
inline constexpr size_t kFirstStringChunk = 256;

class TargetMemory {
 public:
  virtual ~TargetMemory() = default;
  // Copies up to `len` bytes at `addr` of thread `tid` into `out`; returns the number of bytes
  // copied (may be short at the end of a mapping), or -1 when nothing could be read.
  virtual ssize_t read(int64_t tid, uint64_t addr, void* out, size_t len) = 0;

  // NUL-terminated string of at most `max_len` bytes (without the NUL), read in chunks that
  // never cross a page boundary so a string ending just before an unmapped page still reads.
  // False when the first byte is unreadable or no NUL appears within max_len bytes (then `out`
  // holds the first max_len bytes) or the string runs into unreadable memory.
  bool read_string(int64_t tid, uint64_t addr, size_t max_len, std::string& out);

  // Exactly `len` bytes; false (out cleared) on a short read.
  bool read_bytes(int64_t tid, uint64_t addr, size_t len, std::string& out);
};

// process_vm_readv: one syscall per chunk, no cached fd, so no stale /proc/PID/mem after exec.
class ProcessVmMemory final : public TargetMemory {
 public:
  ssize_t read(int64_t tid, uint64_t addr, void* out, size_t len) override;
};

}  // namespace lanner::supervisor
