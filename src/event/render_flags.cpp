// Flag and enum tables with libscap's names, PPM values and order (driver/flags_table.c and
// driver/ppm_events_public.h); the order matters because libsinsp renders in table order.
#include "event/render_flags.h"

#include <sched.h>
#include <string.h>

#include <array>
#include <bit>
#include <iterator>
#include <span>

namespace lanner::event {
namespace {

constexpr uint32_t bit(int n) { return 1u << n; }

constexpr NameValue kSocketFamilies[] = {
    {"AF_NFC", 39},      {"AF_ALG", 38},       {"AF_CAIF", 37},     {"AF_IEEE802154", 36},
    {"AF_PHONET", 35},   {"AF_ISDN", 34},      {"AF_RXRPC", 33},    {"AF_IUCV", 32},
    {"AF_BLUETOOTH", 31}, {"AF_TIPC", 30},     {"AF_CAN", 29},      {"AF_LLC", 26},
    {"AF_WANPIPE", 25},  {"AF_PPPOX", 24},     {"AF_IRDA", 23},     {"AF_SNA", 22},
    {"AF_RDS", 21},      {"AF_ATMSVC", 20},    {"AF_ECONET", 19},   {"AF_ASH", 18},
    {"AF_PACKET", 17},   {"AF_ROUTE", 16},     {"AF_NETLINK", 16},  {"AF_KEY", 15},
    {"AF_SECURITY", 14}, {"AF_NETBEUI", 13},   {"AF_DECnet", 12},   {"AF_ROSE", 11},
    {"AF_INET6", 10},    {"AF_X25", 9},        {"AF_ATMPVC", 8},    {"AF_BRIDGE", 7},
    {"AF_NETROM", 6},    {"AF_APPLETALK", 5},  {"AF_IPX", 4},       {"AF_AX25", 3},
    {"AF_INET", 2},      {"AF_LOCAL", 1},      {"AF_UNIX", 1},      {"AF_UNSPEC", 0},
};

constexpr NameValue kFileFlags[] = {
    {"O_LARGEFILE", bit(11)}, {"O_DIRECTORY", bit(10)}, {"O_DIRECT", bit(9)},
    {"O_TRUNC", bit(8)},      {"O_SYNC", bit(7)},       {"O_NONBLOCK", bit(6)},
    {"O_EXCL", bit(5)},       {"O_DSYNC", bit(4)},      {"O_APPEND", bit(3)},
    {"O_CREAT", bit(2)},      {"O_RDWR", 3},            {"O_WRONLY", bit(1)},
    {"O_RDONLY", bit(0)},     {"O_CLOEXEC", bit(12)},   {"O_NONE", 0},
    {"O_TMPFILE", bit(13)},   {"O_F_CREATED", bit(14)}, {"FD_UPPER_LAYER", bit(15)},
    {"FD_LOWER_LAYER", bit(16)},
};

constexpr NameValue kCreatFlags[] = {
    {"FD_UPPER_LAYER", bit(0)},
    {"FD_LOWER_LAYER", bit(1)},
};

constexpr NameValue kCloneFlags[] = {
    {"CLONE_FILES", bit(0)},           {"CLONE_FS", bit(1)},
    {"CLONE_IO", bit(2)},              {"CLONE_NEWIPC", bit(3)},
    {"CLONE_NEWNET", bit(4)},          {"CLONE_NEWNS", bit(5)},
    {"CLONE_NEWPID", bit(6)},          {"CLONE_NEWUTS", bit(7)},
    {"CLONE_PARENT", bit(8)},          {"CLONE_PARENT_SETTID", bit(9)},
    {"CLONE_PTRACE", bit(10)},         {"CLONE_SIGHAND", bit(11)},
    {"CLONE_SYSVSEM", bit(12)},        {"CLONE_THREAD", bit(13)},
    {"CLONE_UNTRACED", bit(14)},       {"CLONE_VM", bit(15)},
    {"CLONE_INVERTED", bit(16)},       {"NAME_CHANGED", bit(17)},
    {"CLOSED", bit(18)},               {"CLONE_NEWUSER", bit(20)},
    {"CLONE_CHILD_CLEARTID", bit(23)}, {"CLONE_CHILD_SETTID", bit(24)},
    {"CLONE_SETTLS", bit(25)},         {"CLONE_STOPPED", bit(26)},
    {"CLONE_VFORK", bit(27)},          {"CLONE_NEWCGROUP", bit(28)},
};

constexpr NameValue kPtraceRequests[] = {
    {"PTRACE_SINGLEBLOCK", 38},   {"PTRACE_SYSEMU_SINGLESTEP", 37}, {"PTRACE_SYSEMU", 36},
    {"PTRACE_ARCH_PRCTL", 35},    {"PTRACE_SET_THREAD_AREA", 34},   {"PTRACE_GET_THREAD_AREA", 33},
    {"PTRACE_OLDSETOPTIONS", 32}, {"PTRACE_SETFPXREGS", 31},        {"PTRACE_GETFPXREGS", 30},
    {"PTRACE_SETFPREGS", 29},     {"PTRACE_GETFPREGS", 28},         {"PTRACE_SETREGS", 27},
    {"PTRACE_GETREGS", 26},       {"PTRACE_SETSIGMASK", 25},        {"PTRACE_GETSIGMASK", 24},
    {"PTRACE_PEEKSIGINFO", 23},   {"PTRACE_LISTEN", 22},            {"PTRACE_INTERRUPT", 21},
    {"PTRACE_SEIZE", 20},         {"PTRACE_SETREGSET", 19},         {"PTRACE_GETREGSET", 18},
    {"PTRACE_SETSIGINFO", 17},    {"PTRACE_GETSIGINFO", 16},        {"PTRACE_GETEVENTMSG", 15},
    {"PTRACE_SETOPTIONS", 14},    {"PTRACE_SYSCALL", 13},           {"PTRACE_DETACH", 12},
    {"PTRACE_ATTACH", 11},        {"PTRACE_SINGLESTEP", 10},        {"PTRACE_KILL", 9},
    {"PTRACE_CONT", 8},           {"PTRACE_POKEUSR", 7},            {"PTRACE_POKEDATA", 6},
    {"PTRACE_POKETEXT", 5},       {"PTRACE_PEEKUSR", 4},            {"PTRACE_PEEKDATA", 3},
    {"PTRACE_PEEKTEXT", 2},       {"PTRACE_TRACEME", 1},            {"PTRACE_UNKNOWN", 0},
};

constexpr NameValue kMountFlags[] = {
    {"RDONLY", bit(0)},      {"NOSUID", bit(1)},      {"NODEV", bit(2)},
    {"NOEXEC", bit(3)},      {"SYNCHRONOUS", bit(4)}, {"REMOUNT", bit(5)},
    {"MANDLOCK", bit(6)},    {"DIRSYNC", bit(7)},     {"NOATIME", bit(10)},
    {"NODIRATIME", bit(11)}, {"BIND", bit(12)},       {"MOVE", bit(13)},
    {"REC", bit(14)},        {"SILENT", bit(15)},     {"POSIXACL", bit(16)},
    {"UNBINDABLE", bit(17)}, {"PRIVATE", bit(18)},    {"SLAVE", bit(19)},
    {"SHARED", bit(20)},     {"RELATIME", bit(21)},   {"KERNMOUNT", bit(22)},
    {"I_VERSION", bit(23)},  {"STRICTATIME", bit(24)}, {"LAZYTIME", bit(25)},
    {"NOSEC", bit(28)},      {"BORN", bit(29)},       {"ACTIVE", bit(30)},
    {"NOUSER", bit(31)},
};

constexpr NameValue kUnlinkatFlags[] = {{"AT_REMOVEDIR", 0x200}};
constexpr NameValue kLinkatFlags[] = {{"AT_SYMLINK_FOLLOW", 0x400}, {"AT_EMPTY_PATH", 0x1000}};

constexpr NameValue kChmodMode[] = {
    {"S_IXOTH", bit(0)}, {"S_IWOTH", bit(1)}, {"S_IROTH", bit(2)},  {"S_IXGRP", bit(3)},
    {"S_IWGRP", bit(4)}, {"S_IRGRP", bit(5)}, {"S_IXUSR", bit(6)},  {"S_IWUSR", bit(7)},
    {"S_IRUSR", bit(8)}, {"S_ISVTX", bit(9)}, {"S_ISGID", bit(10)}, {"S_ISUID", bit(11)},
};

constexpr NameValue kRenameat2Flags[] = {
    {"RENAME_NOREPLACE", bit(0)}, {"RENAME_EXCHANGE", bit(1)}, {"RENAME_WHITEOUT", bit(2)}};

constexpr NameValue kOpenat2Flags[] = {
    {"RESOLVE_BENEATH", bit(0)},     {"RESOLVE_IN_ROOT", bit(1)}, {"RESOLVE_NO_MAGICLINKS", bit(2)},
    {"RESOLVE_NO_SYMLINKS", bit(3)}, {"RESOLVE_NO_XDEV", bit(4)}, {"RESOLVE_CACHED", bit(5)},
};

constexpr NameValue kExecveFlags[] = {
    {"EXE_WRITABLE", bit(0)},
    {"EXE_UPPER_LAYER", bit(1)},
    {"EXE_FROM_MEMFD", bit(2)},
    {"EXE_LOWER_LAYER", bit(3)},
};

constexpr NameValue kFinitModuleFlags[] = {
    {"MODULE_INIT_IGNORE_MODVERSIONS", bit(0)},
    {"MODULE_INIT_IGNORE_VERMAGIC", bit(1)},
    {"MODULE_INIT_COMPRESSED_FILE", bit(2)},
};

constexpr NameValue kMemfdCreateFlags[] = {
    {"MFD_CLOEXEC", bit(0)}, {"MFD_ALLOW_SEALING", bit(1)}, {"MFD_HUGETLB", bit(2)}};

constexpr NameValue kPidfdOpenFlags[] = {{"PIDFD_NONBLOCK", bit(0)}};

constexpr NameValue kBpfCommands[] = {
    {"BPF_MAP_CREATE", 0},
    {"BPF_MAP_LOOKUP_ELEM", 1},
    {"BPF_MAP_UPDATE_ELEM", 2},
    {"BPF_MAP_DELETE_ELEM", 3},
    {"BPF_MAP_GET_NEXT_KEY", 4},
    {"BPF_PROG_LOAD", 5},
    {"BPF_OBJ_PIN", 6},
    {"BPF_OBJ_GET", 7},
    {"BPF_PROG_ATTACH", 8},
    {"BPF_PROG_DETACH", 9},
    {"BPF_PROG_TEST_RUN", 10},
    {"BPF_PROG_GET_NEXT_ID", 11},
    {"BPF_MAP_GET_NEXT_ID", 12},
    {"BPF_PROG_GET_FD_BY_ID", 13},
    {"BPF_MAP_GET_FD_BY_ID", 14},
    {"BPF_OBJ_GET_INFO_BY_FD", 15},
    {"BPF_PROG_QUERY", 16},
    {"BPF_RAW_TRACEPOINT_OPEN", 17},
    {"BPF_BTF_LOAD", 18},
    {"BPF_BTF_GET_FD_BY_ID", 19},
    {"BPF_TASK_FD_QUERY", 20},
    {"BPF_MAP_LOOKUP_AND_DELETE_ELEM", 21},
    {"BPF_MAP_FREEZE", 22},
    {"BPF_BTF_GET_NEXT_ID", 23},
    {"BPF_MAP_LOOKUP_BATCH", 24},
    {"BPF_MAP_LOOKUP_AND_DELETE_BATCH", 25},
    {"BPF_MAP_UPDATE_BATCH", 26},
    {"BPF_MAP_DELETE_BATCH", 27},
    {"BPF_LINK_CREATE", 28},
    {"BPF_LINK_UPDATE", 29},
    {"BPF_LINK_GET_FD_BY_ID", 30},
    {"BPF_LINK_GET_NEXT_ID", 31},
    {"BPF_ENABLE_STATS", 32},
    {"BPF_ITER_CREATE", 33},
    {"BPF_LINK_DETACH", 34},
    {"BPF_PROG_BIND_MAP", 35},
};

constexpr NameValue kIoUringSetupFlags[] = {
    {"IORING_SETUP_IOPOLL", bit(0)},    {"IORING_SETUP_SQPOLL", bit(1)},
    {"IORING_SQ_NEED_WAKEUP", bit(2)},  {"IORING_SETUP_SQ_AFF", bit(3)},
    {"IORING_SETUP_CQSIZE", bit(4)},    {"IORING_SETUP_CLAMP", bit(5)},
    {"IORING_SETUP_ATTACH_RW", bit(6)}, {"IORING_SETUP_R_DISABLED", bit(7)},
};

constexpr NameValue kIoUringSetupFeats[] = {
    {"IORING_FEAT_SINGLE_MMAP", bit(0)},      {"IORING_FEAT_NODROP", bit(1)},
    {"IORING_FEAT_SUBMIT_STABLE", bit(2)},    {"IORING_FEAT_RW_CUR_POS", bit(3)},
    {"IORING_FEAT_CUR_PERSONALITY", bit(4)},  {"IORING_FEAT_FAST_POLL", bit(5)},
    {"IORING_FEAT_POLL_32BITS", bit(6)},      {"IORING_FEAT_SQPOLL_NONFIXED", bit(7)},
    {"IORING_FEAT_ENTER_EXT_ARG", bit(8)},    {"IORING_FEAT_NATIVE_WORKERS", bit(9)},
    {"IORING_FEAT_RSRC_TAGS", bit(10)},
};

constexpr NameValue kIoUringEnterFlags[] = {
    {"IORING_ENTER_GETEVENTS", bit(0)},
    {"IORING_ENTER_SQ_WAKEUP", bit(1)},
    {"IORING_ENTER_SQ_WAIT", bit(2)},
    {"IORING_ENTER_EXT_ARG", bit(3)},
};

constexpr NameValue kIoUringRegisterOpcodes[] = {
    {"IORING_REGISTER_BUFFERS", 0},         {"IORING_UNREGISTER_BUFFERS", 1},
    {"IORING_REGISTER_FILES", 2},           {"IORING_UNREGISTER_FILES", 3},
    {"IORING_REGISTER_EVENTFD", 4},         {"IORING_UNREGISTER_EVENTFD", 5},
    {"IORING_REGISTER_FILES_UPDATE", 6},    {"IORING_REGISTER_EVENTFD_ASYNC", 7},
    {"IORING_REGISTER_PROBE", 8},           {"IORING_REGISTER_PERSONALITY", 9},
    {"IORING_UNREGISTER_PERSONALITY", 10},  {"IORING_REGISTER_RESTRICTIONS", 11},
    {"IORING_REGISTER_ENABLE_RINGS", 12},   {"IORING_REGISTER_FILES2", 13},
    {"IORING_REGISTER_FILES_UPDATE2", 14},  {"IORING_REGISTER_BUFFERS2", 15},
    {"IORING_REGISTER_BUFFERS_UPDATE", 16}, {"IORING_REGISTER_IOWQ_AFF", 17},
    {"IORING_UNREGISTER_IOWQ_AFF", 18},     {"IORING_REGISTER_IOWQ_MAX_WORKERS", 19},
    {"IORING_REGISTER_RING_FDS", 20},       {"IORING_UNREGISTER_RING_FDS", 21},
};

constexpr NameValue kSignals[] = {
    {"SIGHUP", 1},     {"SIGINT", 2},   {"SIGQUIT", 3},   {"SIGILL", 4},    {"SIGTRAP", 5},
    {"SIGABRT", 6},    {"SIGBUS", 7},   {"SIGFPE", 8},    {"SIGKILL", 9},   {"SIGUSR1", 10},
    {"SIGSEGV", 11},   {"SIGUSR2", 12}, {"SIGPIPE", 13},  {"SIGALRM", 14},  {"SIGTERM", 15},
    {"SIGSTKFLT", 16}, {"SIGCHLD", 17}, {"SIGCONT", 18},  {"SIGSTOP", 19},  {"SIGTSTP", 20},
    {"SIGTTIN", 21},   {"SIGTTOU", 22}, {"SIGURG", 23},   {"SIGXCPU", 24},  {"SIGXFSZ", 25},
    {"SIGVTALRM", 26}, {"SIGPROF", 27}, {"SIGWINCH", 28}, {"SIGIO", 29},    {"SIGPWR", 30},
    {"SIGSYS", 31},
};

struct NamedTable {
  std::string_view name;
  std::span<const NameValue> table;
};

constexpr NamedTable kTables[] = {
    {"socket_families", kSocketFamilies},
    {"file_flags", kFileFlags},
    {"creat_flags", kCreatFlags},
    {"clone_flags", kCloneFlags},
    {"ptrace_requests", kPtraceRequests},
    {"mount_flags", kMountFlags},
    {"unlinkat_flags", kUnlinkatFlags},
    {"linkat_flags", kLinkatFlags},
    {"chmod_mode", kChmodMode},
    {"renameat2_flags", kRenameat2Flags},
    {"openat2_flags", kOpenat2Flags},
    {"execve_flags", kExecveFlags},
    {"finit_module_flags", kFinitModuleFlags},
    {"memfd_create_flags", kMemfdCreateFlags},
    {"pidfd_open_flags", kPidfdOpenFlags},
    {"bpf_commands", kBpfCommands},
    {"io_uring_setup_flags", kIoUringSetupFlags},
    {"io_uring_setup_feats", kIoUringSetupFeats},
    {"io_uring_enter_flags", kIoUringEnterFlags},
    {"io_uring_register_opcodes", kIoUringRegisterOpcodes},
    {"signals", kSignals},
};

struct BitMap {
  uint64_t linux_bits;
  uint32_t ppm_bits;
};

// clone(2)/unshare(2)/setns(2) flags. 0x02000000 is CLONE_NEWCGROUP on every current kernel.
constexpr BitMap kCloneBits[] = {
    {CLONE_FILES, bit(0)},           {CLONE_FS, bit(1)},
    {CLONE_IO, bit(2)},              {CLONE_NEWIPC, bit(3)},
    {CLONE_NEWNET, bit(4)},          {CLONE_NEWNS, bit(5)},
    {CLONE_NEWPID, bit(6)},          {CLONE_NEWUTS, bit(7)},
    {CLONE_PARENT, bit(8)},          {CLONE_PARENT_SETTID, bit(9)},
    {CLONE_PTRACE, bit(10)},         {CLONE_SIGHAND, bit(11)},
    {CLONE_SYSVSEM, bit(12)},        {CLONE_THREAD, bit(13)},
    {CLONE_UNTRACED, bit(14)},       {CLONE_VM, bit(15)},
    {CLONE_NEWUSER, bit(20)},        {CLONE_CHILD_CLEARTID, bit(23)},
    {CLONE_CHILD_SETTID, bit(24)},   {CLONE_SETTLS, bit(25)},
    {CLONE_VFORK, bit(27)},          {0x02000000, bit(28)},
};

// Linux x86_64 O_* values (octal), spelled out so the result does not depend on feature macros.
constexpr uint64_t kLinuxOWronly = 01, kLinuxORdwr = 02, kLinuxOCreat = 0100,
                   kLinuxOExcl = 0200, kLinuxOTrunc = 01000, kLinuxOAppend = 02000,
                   kLinuxONonblock = 04000, kLinuxODsync = 010000, kLinuxODirect = 040000,
                   kLinuxOLargefile = 0100000, kLinuxODirectory = 0200000,
                   kLinuxOCloexec = 02000000, kLinuxOSyncBit = 04000000,
                   kLinuxOTmpfileBit = 020000000;

constexpr BitMap kOpenBits[] = {
    {kLinuxOCreat, bit(2)},       {kLinuxOAppend, bit(3)},     {kLinuxODsync, bit(4)},
    {kLinuxOExcl, bit(5)},        {kLinuxONonblock, bit(6)},   {kLinuxOSyncBit, bit(7)},
    {kLinuxOTrunc, bit(8)},       {kLinuxODirect, bit(9)},     {kLinuxODirectory, bit(10)},
    {kLinuxOLargefile, bit(11)},  {kLinuxOCloexec, bit(12)},   {kLinuxOTmpfileBit, bit(13)},
};

// kOpenBits indexed by Linux bit number: every entry there is a single bit, so the PPM value
// is the union over the value's set bits (one or two for most opens) instead of a table scan.
struct SingleBitTable {
  std::array<uint32_t, 64> ppm{};
  uint64_t known = 0;  // Linux bits that have a PPM counterpart
};

constexpr SingleBitTable single_bit_table(std::span<const BitMap> map) {
  SingleBitTable t;
  for (const BitMap& m : map) {
    if (std::popcount(m.linux_bits) != 1) throw "single-bit table entries only";  // compile-time error
    t.ppm[static_cast<size_t>(std::countr_zero(m.linux_bits))] |= m.ppm_bits;
    t.known |= m.linux_bits;
  }
  return t;
}

constexpr SingleBitTable kOpenBitTable = single_bit_table(kOpenBits);

uint32_t map_single_bits(const SingleBitTable& table, uint64_t linux_value) {
  uint32_t out = 0;
  for (uint64_t rest = linux_value & table.known; rest != 0; rest &= rest - 1) {
    out |= table.ppm[static_cast<size_t>(std::countr_zero(rest))];
  }
  return out;
}

uint32_t map_bits(std::span<const BitMap> map, uint64_t linux_value) {
  uint32_t out = 0;
  for (const BitMap& m : map) {
    if ((linux_value & m.linux_bits) == m.linux_bits) out |= m.ppm_bits;
  }
  return out;
}

struct RequestMap {
  uint32_t linux_request;
  uint32_t ppm;
};

constexpr RequestMap kPtraceMap[] = {
    {0, 1},  {1, 2},  {2, 3},  {3, 4},  {4, 5},  {5, 6},  {6, 7},  {7, 8},  {8, 9},  {9, 10},
    {12, 26}, {13, 27}, {14, 28}, {15, 29}, {16, 11}, {17, 12}, {18, 30}, {19, 31}, {21, 32},
    {24, 13}, {25, 33}, {26, 34}, {30, 35}, {31, 36}, {32, 37}, {33, 38},
    {0x4200, 14}, {0x4201, 15}, {0x4202, 16}, {0x4203, 17}, {0x4204, 18}, {0x4205, 19},
    {0x4206, 20}, {0x4207, 21}, {0x4208, 22}, {0x4209, 23}, {0x420a, 24}, {0x420b, 25},
};

constexpr std::string_view kCapabilityNames[] = {
    "CAP_CHOWN",          "CAP_DAC_OVERRIDE",   "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
    "CAP_FSETID",         "CAP_KILL",           "CAP_SETGID",          "CAP_SETUID",
    "CAP_SETPCAP",        "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",      "CAP_NET_RAW",        "CAP_IPC_LOCK",        "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",     "CAP_SYS_RAWIO",      "CAP_SYS_CHROOT",      "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",      "CAP_SYS_ADMIN",      "CAP_SYS_BOOT",        "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",   "CAP_SYS_TIME",       "CAP_SYS_TTY_CONFIG",  "CAP_MKNOD",
    "CAP_LEASE",          "CAP_AUDIT_WRITE",    "CAP_AUDIT_CONTROL",   "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",   "CAP_MAC_ADMIN",      "CAP_SYSLOG",          "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",  "CAP_AUDIT_READ",     "CAP_PERFMON",         "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
};

}  // namespace

std::span<const NameValue> flag_table(std::string_view table_name) {
  for (const NamedTable& t : kTables) {
    if (t.name == table_name) return t.table;
  }
  return {};
}

void append_flag_names(std::span<const NameValue> table, uint32_t value, std::string& out) {
  uint32_t remaining = value;
  bool first = true;
  auto append = [&](std::string_view name) {
    if (!first) out += '|';
    out += name;
    first = false;
  };
  for (const NameValue& entry : table) {
    if (entry.value == value) {  // an exact name for the whole value ends the walk
      append(entry.name);
      return;
    }
    if (entry.value != 0 && remaining != 0 && (remaining & entry.value) == entry.value) {
      append(entry.name);
      remaining &= ~entry.value;
    }
  }
}

std::string_view enum_name(std::span<const NameValue> table, uint32_t value) {
  for (const NameValue& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return {};
}

uint32_t open_flags_to_ppm(uint64_t linux_flags) {
  uint32_t out = 0;
  switch (linux_flags & (kLinuxOWronly | kLinuxORdwr)) {
    case 0: out |= kPpmOpenRead; break;
    case kLinuxOWronly: out |= kPpmOpenWrite; break;
    case kLinuxORdwr: out |= kPpmOpenRead | kPpmOpenWrite; break;
    default: break;  // access mode 3 is invalid: neither read nor write
  }
  return out | map_single_bits(kOpenBitTable, linux_flags);
}

uint32_t clone_flags_to_ppm(uint64_t linux_flags) { return map_bits(kCloneBits, linux_flags); }

uint32_t ptrace_request_to_ppm(uint64_t linux_request) {
  for (const RequestMap& m : kPtraceMap) {
    if (m.linux_request == linux_request) return m.ppm;
  }
  return 0;  // PTRACE_UNKNOWN
}

uint32_t to_ppm(std::string_view table_name, uint64_t linux_value) {
  if (table_name == "file_flags") return open_flags_to_ppm(linux_value);
  if (table_name == "clone_flags") return clone_flags_to_ppm(linux_value);
  if (table_name == "ptrace_requests") return ptrace_request_to_ppm(linux_value);
  if (table_name == "pidfd_open_flags") return (linux_value & kLinuxONonblock) ? bit(0) : 0;
  if (table_name == "chmod_mode") return static_cast<uint32_t>(linux_value & 07777);
  if (table_name == "openat2_flags") {
    // Linux RESOLVE_*: NO_XDEV 1, NO_MAGICLINKS 2, NO_SYMLINKS 4, BENEATH 8, IN_ROOT 16, CACHED 32.
    constexpr BitMap kResolveBits[] = {{0x08, bit(0)}, {0x10, bit(1)}, {0x02, bit(2)},
                                       {0x04, bit(3)}, {0x01, bit(4)}, {0x20, bit(5)}};
    return map_bits(kResolveBits, linux_value);
  }
  if (table_name == "io_uring_setup_flags") {
    // Linux: IOPOLL 1, SQPOLL 2, SQ_AFF 4, CQSIZE 8, CLAMP 16, ATTACH_WQ 32, R_DISABLED 64.
    // PPM inserts SQ_NEED_WAKEUP at bit 2.
    uint32_t low = static_cast<uint32_t>(linux_value & 3);
    uint32_t high = static_cast<uint32_t>((linux_value >> 2) & 0x1f) << 3;
    return low | high;
  }
  // Every other table uses the Linux values unchanged.
  return static_cast<uint32_t>(linux_value);
}

std::string_view errno_name(int64_t err) {
  if (err < 0) err = -err;
  if (err <= 0 || err > 4095) return {};
  switch (err) {  // kernel-internal codes glibc does not name
    case 512: return "ERESTARTSYS";
    case 513: return "ERESTARTNOINTR";
    case 514: return "ERESTARTNOHAND";
    case 515: return "ENOIOCTLCMD";
    case 516: return "ERESTART_RESTARTBLOCK";
    default: break;
  }
  const char* name = strerrorname_np(static_cast<int>(err));
  return name ? std::string_view(name) : std::string_view();
}

void append_capability_names(uint64_t caps, std::string& out) {
  bool first = true;
  for (size_t i = 0; i < std::size(kCapabilityNames); ++i) {
    if ((caps & (uint64_t{1} << i)) == 0) continue;
    if (!first) out += ' ';
    out += kCapabilityNames[i];
    first = false;
  }
}

}  // namespace lanner::event
