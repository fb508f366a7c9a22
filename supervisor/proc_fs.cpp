#include "supervisor/proc_fs.h"

#include <fcntl.h>
#include <limits.h>
#include <unistd.h>

#include "supervisor/unique_fd.h"

namespace lanner::supervisor {

bool RealProcFs::read_file(const char* path, size_t max, std::string& out) {
  out.clear();
  UniqueFd fd(open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd.valid()) return false;
  char buf[4096];
  while (out.size() < max) {
    ssize_t n = read(fd.get(), buf, std::min(sizeof buf, max - out.size()));
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return true;
}

bool RealProcFs::read_link(const char* path, std::string& out) {
  char buf[PATH_MAX];
  ssize_t n = readlink(path, buf, sizeof buf);
  if (n < 0) return false;
  out.assign(buf, static_cast<size_t>(n));
  return true;
}

bool RealProcFs::stat_path(const char* path, struct stat& out) { return stat(path, &out) == 0; }

}  // namespace lanner::supervisor
