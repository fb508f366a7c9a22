#pragma once
// File access to /proc (and, through /proc/PID/root, the target's files) behind an interface so
// the process table and the decoder are testable with fake data. Paths are absolute.
#include <sys/stat.h>

#include <cstddef>
#include <string>

namespace lanner::supervisor {

class ProcFs {
 public:
  virtual ~ProcFs() = default;
  // Up to `max` bytes of a file into `out`; false if it cannot be opened.
  virtual bool read_file(const char* path, size_t max, std::string& out) = 0;
  // readlink(2) into `out`; false on error.
  virtual bool read_link(const char* path, std::string& out) = 0;
  // stat(2) (follows links); false on error.
  virtual bool stat_path(const char* path, struct stat& out) = 0;
};

class RealProcFs final : public ProcFs {
 public:
  bool read_file(const char* path, size_t max, std::string& out) override;
  bool read_link(const char* path, std::string& out) override;
  bool stat_path(const char* path, struct stat& out) override;
};

}  // namespace lanner::supervisor
