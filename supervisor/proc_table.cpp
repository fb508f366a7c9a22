#include "supervisor/proc_table.h"

#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include <cstdio>

#include "supervisor/proc_parse.h"

namespace lanner::supervisor {
namespace {

constexpr int kMaxAncestors = 64;
constexpr size_t kMaxProcFile = 64 * 1024;
constexpr size_t kMaxIdDb = 1024 * 1024;

uint64_t boot_epoch_ns() {
  timespec real{}, boot{};
  clock_gettime(CLOCK_REALTIME, &real);
  clock_gettime(CLOCK_BOOTTIME, &boot);
  auto ns = [](const timespec& t) {
    return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
  };
  return static_cast<uint64_t>(ns(real) - ns(boot));
}

std::string proc_path(int64_t pid, const char* leaf) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "/proc/%lld/%s", static_cast<long long>(pid), leaf);
  return buf;
}

uint64_t timespec_ns(const timespec& t) {
  return static_cast<uint64_t>(t.tv_sec) * 1000000000u + static_cast<uint64_t>(t.tv_nsec);
}

}  // namespace

std::string comm_from_path(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  return base.substr(0, 15);
}

ProcTable::ProcTable(ProcFs& fs, int64_t self_pid)
    : fs_(fs), self_pid_(self_pid), boot_epoch_ns_(boot_epoch_ns()) {}

int64_t ProcTable::tgid_of(int64_t tid) {
  auto it = tgid_by_tid_.find(tid);
  if (it != tgid_by_tid_.end()) return it->second;
  int64_t tgid = tid;
  if (fs_.read_file(proc_path(tid, "status").c_str(), kMaxProcFile, scratch_)) {
    if (auto status = parse_proc_status(scratch_)) tgid = status->tgid;
  }
  tgid_by_tid_.emplace(tid, tgid);
  return tgid;
}

std::shared_ptr<const event::ProcessInfo> ProcTable::get(int64_t pid) {
  auto it = processes_.find(pid);
  if (it != processes_.end() && it->second) return it->second;
  return build(pid, 0);
}

void ProcTable::invalidate(int64_t pid) { processes_.erase(pid); }

void ProcTable::forget(int64_t pid) {
  processes_.erase(pid);
  std::erase_if(tgid_by_tid_, [pid](const auto& entry) { return entry.second == pid; });
}

bool ProcTable::current_cwd(int64_t pid, std::string& out) {
  return fs_.read_link(proc_path(pid, "cwd").c_str(), out);
}

std::shared_ptr<const event::ProcessInfo> ProcTable::parent_of(int64_t ppid, int depth) {
  if (ppid == self_pid_) {  // lanner is invisible: link to whoever started it
    std::string text;
    if (!fs_.read_file(proc_path(self_pid_, "stat").c_str(), kMaxProcFile, text)) return nullptr;
    auto stat = parse_proc_stat(text);
    if (!stat) return nullptr;
    ppid = stat->ppid;
  }
  if (ppid <= 0 || depth >= kMaxAncestors) return nullptr;
  auto it = processes_.find(ppid);
  if (it != processes_.end() && it->second) return it->second;
  return build(ppid, depth + 1);
}

std::shared_ptr<const event::ProcessInfo> ProcTable::build(int64_t pid, int depth) {
  auto info = std::make_shared<event::ProcessInfo>();
  info->pid = pid;
  info->vpid = pid;
  std::string text;
  if (fs_.read_file(proc_path(pid, "stat").c_str(), kMaxProcFile, text)) {
    if (auto stat = parse_proc_stat(text)) {
      info->comm = stat->comm;
      info->ppid = stat->ppid;
      info->pgid = info->vpgid = stat->pgid;
      info->sid = stat->sid;
      info->tty = stat->tty;
      info->start_time_ns =
          boot_epoch_ns_ + stat->start_ticks * (1000000000u / static_cast<uint64_t>(sysconf(_SC_CLK_TCK)));
    }
  }
  if (fs_.read_file(proc_path(pid, "cmdline").c_str(), kMaxProcFile, text)) {
    auto argv = split_cmdline(text);
    if (!argv.empty()) {
      info->exe = argv.front();
      info->args.assign(argv.begin() + 1, argv.end());
    }
  }
  fs_.read_link(proc_path(pid, "cwd").c_str(), info->cwd);
  fs_.read_link(proc_path(pid, "root").c_str(), info->root);
  fill_identity(*info);
  fill_exe(*info);
  if (fs_.read_file(proc_path(pid, "cgroup").c_str(), kMaxProcFile, text)) {
    info->container_id = container_id_from_cgroup(text);
  } else {
    info->container_id = "host";
  }
  if (info->sid > 0 && fs_.read_file(proc_path(info->sid, "comm").c_str(), 64, text)) {
    if (!text.empty() && text.back() == '\n') text.pop_back();
    info->sname = text;
  }
  info->parent = parent_of(info->ppid, depth);
  std::shared_ptr<const event::ProcessInfo> published = std::move(info);
  processes_[pid] = published;
  return published;
}

void ProcTable::fill_identity(event::ProcessInfo& info) {
  std::string text;
  if (fs_.read_file(proc_path(info.pid, "status").c_str(), kMaxProcFile, text)) {
    if (auto status = parse_proc_status(text)) {
      info.uid = status->euid;
      info.gid = status->egid;
      info.cap_inheritable = status->cap_inheritable;
      info.cap_permitted = status->cap_permitted;
      info.cap_effective = status->cap_effective;
      if (status->vpid > 0) info.vpid = status->vpid;
      if (status->vpgid > 0) info.vpgid = status->vpgid;
    }
  }
  if (fs_.read_file(proc_path(info.pid, "loginuid").c_str(), 32, text)) {
    long long value = -1;
    if (std::sscanf(text.c_str(), "%lld", &value) == 1) {
      info.loginuid = value == 4294967295LL ? -1 : value;
    }
  }
  info.user_name = lookup_id_name(id_db(info.pid, "passwd"), info.uid);
  info.group_name = lookup_id_name(id_db(info.pid, "group"), info.gid);
  if (info.loginuid >= 0) {
    info.login_name = lookup_id_name(id_db(info.pid, "passwd"), static_cast<uint32_t>(info.loginuid));
  }
}

void ProcTable::fill_exe(event::ProcessInfo& info) {
  std::string exe_link = proc_path(info.pid, "exe");
  if (!fs_.read_link(exe_link.c_str(), info.exepath)) return;
  // The kernel shows an executed memfd as "/memfd:NAME (deleted)".
  info.exe_from_memfd = info.exepath.starts_with("/memfd:");
  struct stat st{};
  if (fs_.stat_path(exe_link.c_str(), st)) {
    info.exe_ino = st.st_ino;
    info.exe_ctime_ns = timespec_ns(st.st_ctim);
    info.exe_mtime_ns = timespec_ns(st.st_mtim);
    // Writable by its runner: owner with write bit, or group/other write bit (approximation
    // without evaluating the runner's supplementary groups).
    info.exe_writable = (st.st_uid == info.uid && (st.st_mode & S_IWUSR) != 0) ||
                        (st.st_mode & (S_IWGRP | S_IWOTH)) != 0 || info.uid == 0;
  }
  // Overlay upper layer (best effort): the file lives on overlayfs and its device differs from
  // the overlay root's, which is how files copied up to the upper layer appear.
  struct statfs sfs{};
  struct stat root_st{};
  constexpr long kOverlayMagic = 0x794c7630;
  if (statfs(exe_link.c_str(), &sfs) == 0 && sfs.f_type == kOverlayMagic &&
      fs_.stat_path(proc_path(info.pid, "root").c_str(), root_st)) {
    info.exe_upper_layer = st.st_dev != root_st.st_dev;
  }
}

const std::string& ProcTable::id_db(int64_t pid, const char* file) {
  // The target's own user database (it may run in a container): keyed by mount ns and root.
  std::string ns, root;
  fs_.read_link(proc_path(pid, "ns/mnt").c_str(), ns);
  fs_.read_link(proc_path(pid, "root").c_str(), root);
  std::string key = ns + root + ":" + file;
  auto it = id_dbs_.find(key);
  if (it != id_dbs_.end()) return it->second;
  std::string text;
  fs_.read_file((proc_path(pid, "root") + "/etc/" + file).c_str(), kMaxIdDb, text);
  return id_dbs_.emplace(std::move(key), std::move(text)).first->second;
}

std::shared_ptr<const event::ProcessInfo> ProcTable::exec_image(const event::ProcessInfo& caller,
                                                                const ExecImage& image) {
  auto info = std::make_shared<event::ProcessInfo>(caller);
  info->exepath = image.exepath;
  info->comm = comm_from_path(image.exepath);
  info->exe = image.argv.empty() ? image.exepath : image.argv.front();
  info->args.assign(image.argv.empty() ? image.argv.end() : image.argv.begin() + 1, image.argv.end());
  info->exe_from_memfd = image.from_memfd;
  info->exe_upper_layer = false;
  info->exe_ino = info->exe_ctime_ns = info->exe_mtime_ns = 0;
  struct stat st{};
  if (!image.from_memfd && !image.exepath.empty() &&
      fs_.stat_path((proc_path(caller.pid, "root") + image.exepath).c_str(), st)) {
    info->exe_ino = st.st_ino;
    info->exe_ctime_ns = timespec_ns(st.st_ctim);
    info->exe_mtime_ns = timespec_ns(st.st_mtim);
  }
  return info;
}

}  // namespace lanner::supervisor
