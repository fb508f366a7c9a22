#pragma once
// An open-family call (open, openat, openat2, creat) as the kernel will perform it: dirfd,
// path bytes, and the open_how the kernel builds from the legacy flags. Shared by the open
// emulator and the path resolver so both judge exactly the same request.
#include <fcntl.h>
#include <linux/openat2.h>

#include <optional>
#include <string>

#include "event/event.h"

namespace lanner::supervisor {

struct OpenRequest {
  int dirfd = AT_FDCWD;
  std::string path;
  size_t path_arg = 0;  // which syscall argument holds the path
  open_how how{};
};

// True for the syscalls this describes.
bool is_open_family(const event::SyscallEvent& event);

// The open_how the kernel builds for an open-family call (the legacy calls' flags and mode
// normalised as build_open_how does); nullopt for other calls or an unreadable open_how.
std::optional<open_how> open_how_of(const event::SyscallEvent& event);

// nullopt when the event is not an open-family call or its path (or open_how) was unreadable.
std::optional<OpenRequest> open_request_of(const event::SyscallEvent& event);

// The path the kernel reports for an open fd of lanner's (/proc/self/fd/N): what was reached.
bool path_of_fd(int fd, std::string& out);

// "a/b/c" -> {"a/b", "c"}; "/c" -> {"/", "c"}; "c" -> {".", "c"}. Where O_CREAT makes a file.
struct ParentAndLeaf {
  std::string parent;
  std::string leaf;
};
ParentAndLeaf split_parent(const std::string& path);

// `leaf` inside the directory whose absolute path is `dir`.
std::string join_leaf(const std::string& dir, const std::string& leaf);

}  // namespace lanner::supervisor
