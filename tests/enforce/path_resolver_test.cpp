// The path an open would reach, resolved as the kernel resolves it for the caller (T07, T09,
// T10): run on calls "made" by this test process, so no seccomp is needed.
#include "supervisor/path_resolver.h"

#include "supervisor/decoder.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "event/event_builders.h"
#include "test_rules.h"

namespace lanner::supervisor {
namespace {

using Status = ResolvedPath::Status;

// An openat(dirfd, path, flags) by this very thread.
event::SyscallEvent openat_by_me(int dirfd, const std::string& path, int flags = O_RDONLY) {
  auto ev = event::testing::make_event("openat");
  ev.tid = static_cast<int64_t>(syscall(SYS_gettid));
  ev.raw[0] = static_cast<uint64_t>(static_cast<int64_t>(dirfd));
  ev.raw[2] = static_cast<uint64_t>(flags);
  // As the decoder does: the path made absolute and normalised lexically.
  event::testing::set_arg_data(ev, 1, path, path.starts_with("/") ? normalize_path(path) : "");
  ev.process = event::testing::make_process(getpid(), "test", "test");
  return ev;
}

class PathResolver : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_ = dir_.path();
    ASSERT_EQ(symlink("/etc", (tmp_ + "/etc-link").c_str()), 0);
    lanner::testing::write_file(tmp_ + "/plain", "x");
  }
  ResolvedPath resolve(int dirfd, const std::string& path, int flags = O_RDONLY) {
    return resolve_open_path(openat_by_me(dirfd, path, flags));
  }
  lanner::testing::TempDir dir_;
  std::string tmp_;
};

TEST_F(PathResolver, FollowsSymlinksAndDotDot) {
  auto through_link = resolve(AT_FDCWD, tmp_ + "/etc-link/hostname");
  ASSERT_EQ(through_link.status, Status::kResolved);
  EXPECT_EQ(through_link.path, "/etc/hostname");
  auto dotdot = resolve(AT_FDCWD, "/usr/../etc/./hostname");
  ASSERT_EQ(dotdot.status, Status::kResolved);
  EXPECT_EQ(dotdot.path, "/etc/hostname");
}

TEST_F(PathResolver, RelativePathsUseTheCallersDirfd) {
  int etc = open("/etc", O_PATH | O_DIRECTORY);
  ASSERT_GE(etc, 0);
  auto resolved = resolve(etc, "hostname");
  close(etc);
  ASSERT_EQ(resolved.status, Status::kResolved);
  EXPECT_EQ(resolved.path, "/etc/hostname");
}

// A relative open is named from the directory lanner opened, never from a name of the dirfd
// read at another moment: another thread could swap the dirfd in between (dup2), and the file
// lanner opens must be the one the rules judged.
TEST_F(PathResolver, ARelativePathIsNamedFromTheDirectoryLannerOpened) {
  int etc = open("/etc", O_PATH | O_DIRECTORY);
  ASSERT_GE(etc, 0);
  auto ev = openat_by_me(etc, "hostname");
  event::testing::set_arg_data(ev, 1, "hostname", tmp_ + "/hostname");  // a stale name of the dirfd
  auto resolved = resolve_open_path(ev);
  close(etc);
  ASSERT_EQ(resolved.status, Status::kResolved);
  EXPECT_EQ(resolved.path, "/etc/hostname");
}

TEST_F(PathResolver, ProcSelfMeansTheCallerNotLanner) {
  auto root = resolve(AT_FDCWD, "/proc/self/root/etc/hostname");
  ASSERT_EQ(root.status, Status::kResolved);
  EXPECT_EQ(root.path, "/etc/hostname");
  int opath = open("/etc/hostname", O_PATH);
  ASSERT_GE(opath, 0);
  auto reopen = resolve(AT_FDCWD, "/proc/self/fd/" + std::to_string(opath), O_RDWR);
  auto dev_fd = resolve(AT_FDCWD, "/dev/fd/" + std::to_string(opath));
  close(opath);
  ASSERT_EQ(reopen.status, Status::kResolved);
  EXPECT_EQ(reopen.path, "/etc/hostname");
  ASSERT_EQ(dev_fd.status, Status::kResolved);
  EXPECT_EQ(dev_fd.path, "/etc/hostname");
}

TEST_F(PathResolver, ASymlinkToAMagicLinkIsUnresolvable) {
  ASSERT_EQ(symlink("/proc/self/fd/0", (tmp_ + "/to-fd").c_str()), 0);
  EXPECT_EQ(resolve(AT_FDCWD, tmp_ + "/to-fd").status, Status::kUnresolvable);
}

TEST_F(PathResolver, CreatedFilesResolveThroughTheirParent) {
  auto created = resolve(AT_FDCWD, tmp_ + "/etc-link/lanner-new-file", O_WRONLY | O_CREAT);
  ASSERT_EQ(created.status, Status::kResolved);
  EXPECT_EQ(created.path, "/etc/lanner-new-file");
  EXPECT_EQ(resolve(AT_FDCWD, tmp_ + "/missing").status, Status::kMissing);
  ASSERT_EQ(symlink("/etc/lanner-dangling", (tmp_ + "/dangling").c_str()), 0);
  EXPECT_EQ(resolve(AT_FDCWD, tmp_ + "/dangling", O_WRONLY | O_CREAT).status, Status::kUnresolvable);
}

TEST(PathResolverNames, CallerAliases) {
  EXPECT_EQ(name_the_caller("/proc/self/root/x", 7, 9), "/proc/7/root/x");
  EXPECT_EQ(name_the_caller("/proc/thread-self/cwd", 7, 9), "/proc/7/task/9/cwd");
  EXPECT_EQ(name_the_caller("/dev/stdin", 7, 9), "/proc/7/fd/0");
  EXPECT_EQ(name_the_caller("/dev/fd/4/x", 7, 9), "/proc/7/fd/4/x");
  EXPECT_EQ(name_the_caller("/proc/selfish", 7, 9), "/proc/selfish");
  EXPECT_EQ(name_the_caller("/etc/shadow", 7, 9), "/etc/shadow");
}

TEST(PathResolverNames, MagicPrefixes) {
  EXPECT_EQ(magic_prefix_length("/proc/7/root/etc"), std::string_view("/proc/7/root").size());
  EXPECT_EQ(magic_prefix_length("/proc/7/task/9/fd/12"), std::string_view("/proc/7/task/9/fd/12").size());
  EXPECT_EQ(magic_prefix_length("/proc/7/cwd"), std::string_view("/proc/7/cwd").size());
  EXPECT_EQ(magic_prefix_length("/proc/7/status"), 0u);
  EXPECT_EQ(magic_prefix_length("/proc/7/fd/"), 0u);
  EXPECT_EQ(magic_prefix_length("/proc/7/fdinfo/3"), 0u);
  EXPECT_EQ(magic_prefix_length("/proc/self/root"), 0u);
}

}  // namespace
}  // namespace lanner::supervisor
