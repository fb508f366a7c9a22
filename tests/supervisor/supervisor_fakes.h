#pragma once
// In-memory stand-ins for the target's memory and /proc, for decoder and process-table tests.
#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "supervisor/proc_fs.h"
#include "supervisor/target_memory.h"

namespace lanner::supervisor::testing {

// Mapped regions of one address space (every tid sees the same one). Reads that start outside a
// region fail; reads that run past its end are short, like process_vm_readv at a mapping end.
class FakeTargetMemory final : public TargetMemory {
 public:
  void map(uint64_t addr, std::string bytes) { regions_[addr] = std::move(bytes); }
  ssize_t read(int64_t, uint64_t addr, void* out, size_t len) override {
    ++reads;
    largest_read = std::max(largest_read, len);
    auto it = regions_.upper_bound(addr);
    if (it == regions_.begin()) return -1;
    --it;
    uint64_t offset = addr - it->first;
    if (offset >= it->second.size()) return -1;
    size_t n = std::min<size_t>(len, it->second.size() - offset);
    std::memcpy(out, it->second.data() + offset, n);
    return static_cast<ssize_t>(n);
  }
  int reads = 0;
  size_t largest_read = 0;  // bytes asked for by the largest read() call

 private:
  std::map<uint64_t, std::string> regions_;
};

class FakeProcFs final : public ProcFs {
 public:
  std::map<std::string, std::string> files, links;
  std::vector<std::string> links_read;  // every read_link, in order
  bool read_file(const char* path, size_t max, std::string& out) override {
    auto it = files.find(path);
    if (it == files.end()) return false;
    out = it->second.substr(0, max);
    return true;
  }
  bool read_link(const char* path, std::string& out) override {
    links_read.emplace_back(path);
    auto it = links.find(path);
    if (it == links.end()) return false;
    out = it->second;
    return true;
  }
  bool stat_path(const char*, struct stat&) override { return false; }

  // A process as /proc would show it.
  void add_process(int pid, int ppid, const std::string& comm, const std::string& cmdline_nul,
                   const std::string& cwd, int uid = 1000) {
    std::string p = "/proc/" + std::to_string(pid);
    files[p + "/stat"] = std::to_string(pid) + " (" + comm + ") S " + std::to_string(ppid) + " " +
                         std::to_string(pid) + " " + std::to_string(pid) +
                         " 34816 0 0 0 0 0 0 0 0 0 0 20 0 1 0 12345 0 0";
    files[p + "/status"] = "Name:\t" + comm + "\nTgid:\t" + std::to_string(pid) + "\nUid:\t" +
                           std::to_string(uid) + "\t" + std::to_string(uid) + "\t" +
                           std::to_string(uid) + "\t" + std::to_string(uid) + "\nGid:\t100\t100\t100\t100\n" +
                           "CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t00000000000000ff\n";
    files[p + "/cmdline"] = cmdline_nul;
    files[p + "/root/etc/passwd"] = "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/home/alice:/bin/sh\n";
    files[p + "/root/etc/group"] = "root:x:0:\nusers:x:100:\n";
    links[p + "/cwd"] = cwd;
    links[p + "/root"] = "/";
    links[p + "/exe"] = "/usr/bin/" + comm;
  }
};

}  // namespace lanner::supervisor::testing
