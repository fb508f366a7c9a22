#include "supervisor/tree_census.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <string_view>

namespace lanner::supervisor {
namespace {

UniqueFd open_proc(const std::string& path) {
  return UniqueFd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
}

// The whole file into `out` (seq_file regenerates it at offset 0). False on error or if the
// file is larger than we ever expect here.
bool read_from_start(const UniqueFd& fd, std::string& out) {
  if (!fd.valid()) return false;
  out.resize(4096);
  ssize_t n = pread(fd.get(), out.data(), out.size(), 0);
  if (n < 0 || static_cast<size_t>(n) >= out.size()) return false;
  out.resize(static_cast<size_t>(n));
  return true;
}

}  // namespace

TreeCensus::TreeCensus(pid_t supervisor, pid_t target, pid_t spare)
    : target_(target),
      spare_(spare),
      target_tasks_(UniqueFd(open(("/proc/" + std::to_string(target) + "/task").c_str(),
                                  O_RDONLY | O_DIRECTORY | O_CLOEXEC))),
      target_children_(open_proc("/proc/" + std::to_string(target) + "/task/" +
                                 std::to_string(target) + "/children")),
      supervisor_children_(open_proc("/proc/" + std::to_string(supervisor) + "/task/" +
                                     std::to_string(supervisor) + "/children")) {}

bool TreeCensus::is_sole_task(int64_t tid) {
  return tid == target_ && target_is_alone() && supervisor_has_only_expected_children();
}

bool TreeCensus::target_is_alone() {
  // /proc/PID/task's link count is 2 + the number of threads, computed at each stat: cheaper
  // than formatting /proc/PID/stat.
  struct stat tasks {};
  if (!target_tasks_.valid() || fstat(target_tasks_.get(), &tasks) != 0 || tasks.st_nlink != 3) {
    return false;
  }
  return read_from_start(target_children_, buffer_) && buffer_.find_first_not_of(" \n") == std::string::npos;
}

bool TreeCensus::supervisor_has_only_expected_children() {
  if (!read_from_start(supervisor_children_, buffer_)) return false;
  std::string_view rest = buffer_;
  while (!rest.empty()) {
    size_t end = rest.find_first_of(" \n");
    std::string_view word = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (word.empty()) continue;
    pid_t pid = 0;
    std::from_chars(word.data(), word.data() + word.size(), pid);
    if (pid != target_ && pid != spare_) return false;  // an orphan of the tree lives on
  }
  return true;
}

}  // namespace lanner::supervisor
