// Field class "evt" (libsinsp sinsp_filtercheck_event.cpp / _gen_event.cpp): descriptors and
// extractors. Result-dependent fields (evt.res, evt.rawres, evt.failed, evt.count.error*) are
// missing until the supervisor sets SyscallEvent::result; see docs/fields.md.
// Over 500 lines because about half is the descriptor table (one row per libsinsp field, with
// its upstream description); the extractors themselves are short functions.
#include <sys/syscall.h>

#include <charconv>

#include "event/fields_internal.h"
#include "event/render_flags.h"
#include "event/render_net.h"
#include "event/render_param.h"
#include "event/render_time.h"

namespace lanner::event::fields {
namespace {

enum Local : uint8_t {
  kNum,
  kTime,
  kTimeS,
  kTimeIso8601,
  kDatetime,
  kDatetimeS,
  kRawtime,
  kRawtimeS,
  kRawtimeNs,
  kReltime,
  kReltimeS,
  kReltimeNs,
  kPluginname,
  kPlugininfo,
  kSource,
  kIsAsync,
  kAsynctype,
  kHostname,
  kLatency,
  kLatencyS,
  kLatencyNs,
  kLatencyQuantized,
  kLatencyHuman,
  kDeltatime,
  kDeltatimeS,
  kDeltatimeNs,
  kOutputtime,
  kDir,
  kType,
  kTypeIs,
  kSyscallType,
  kCategory,
  kCpu,
  kArgs,
  kArg,
  kRawarg,
  kInfo,
  kBuffer,
  kBuflen,
  kRes,
  kRawres,
  kFailed,
  kIsIo,
  kIsIoRead,
  kIsIoWrite,
  kIoDir,
  kIsWait,
  kWaitLatency,
  kIsSyslog,
  kCount,
  kCountError,
  kCountErrorFile,
  kCountErrorNet,
  kCountErrorMemory,
  kCountErrorOther,
  kCountExit,
  kCountProcinfo,
  kCountThreadinfo,
  kAround,
  kAbspath,
  kBuflenIn,
  kBuflenOut,
  kBuflenFile,
  kBuflenFileIn,
  kBuflenFileOut,
  kBuflenNet,
  kBuflenNetIn,
  kBuflenNetOut,
  kIsOpenRead,
  kIsOpenWrite,
  kInfraDockerName,
  kInfraDockerContainerId,
  kInfraDockerContainerName,
  kInfraDockerContainerImage,
  kIsOpenExec,
  kIsOpenCreate,
};

constexpr uint16_t id(Local local) { return make_id(FieldClass::kEvt, local); }

constexpr FieldInfo kFields[] = {
    {"evt.num", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "event number.", id(kNum)},
    {"evt.time", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "event timestamp as a time string that includes the nanosecond part.", id(kTime)},
    {"evt.time.s", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "event timestamp as a time string with no nanoseconds.", id(kTimeS)},
    {"evt.time.iso8601", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "event timestamp in ISO 8601 format, including nanoseconds and time zone offset (in UTC).", id(kTimeIso8601)},
    {"evt.datetime", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "event timestamp as a time string that includes the date.", id(kDatetime)},
    {"evt.datetime.s", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "event timestamp as a datetime string with no nanoseconds.", id(kDatetimeS)},
    {"evt.rawtime", FieldType::kUnsigned, "ABSTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "absolute event timestamp, i.e. nanoseconds from epoch.", id(kRawtime)},
    {"evt.rawtime.s", FieldType::kUnsigned, "ABSTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "integer part of the event timestamp (e.g. seconds since epoch).", id(kRawtimeS)},
    {"evt.rawtime.ns", FieldType::kUnsigned, "ABSTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "fractional part of the absolute event timestamp.", id(kRawtimeNs)},
    {"evt.reltime", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldNone,
     "number of nanoseconds from the beginning of the capture.", id(kReltime)},
    {"evt.reltime.s", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldNone,
     "number of seconds from the beginning of the capture.", id(kReltimeS)},
    {"evt.reltime.ns", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldNone,
     "fractional part (in ns) of the time from the beginning of the capture.", id(kReltimeNs)},
    {"evt.pluginname", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "if the event comes from a plugin-defined event source, the name of the plugin that generated it. The plugin must be currently loaded.", id(kPluginname)},
    {"evt.plugininfo", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "if the event comes from a plugin-defined event source, a summary of the event as formatted by the plugin. The plugin must be currently loaded.", id(kPlugininfo)},
    {"evt.source", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "the name of the source that produced the event.", id(kSource)},
    {"evt.is_async", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for asynchronous events, 'false' otherwise.", id(kIsAsync)},
    {"evt.asynctype", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "If the event is asynchronous, the type of the event (e.g. 'container').", id(kAsynctype)},
    {"evt.hostname", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The hostname of the underlying host can be customized by setting an environment variable (e.g. FALCO_HOSTNAME for the Falco agent). This is valuable in Kubernetes setups, where the hostname can match the pod name particularly in DaemonSet deployments. To achieve this, assign Kubernetes' spec.nodeName to the environment variable. Notably, spec.nodeName generally includes the cluster name.", id(kHostname)},
    {"evt.latency", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldDeprecated,
     "delta between an exit event and the correspondent enter event, in nanoseconds.", id(kLatency)},
    {"evt.latency.s", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldDeprecated,
     "integer part of the event latency delta.", id(kLatencyS)},
    {"evt.latency.ns", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldDeprecated,
     "fractional part of the event latency delta.", id(kLatencyNs)},
    {"evt.latency.quantized", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldDeprecated,
     "10-base log of the delta between an exit event and the correspondent enter event.", id(kLatencyQuantized)},
    {"evt.latency.human", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldDeprecated,
     "delta between an exit event and the correspondent enter event, as a human readable string (e.g. 10.3ms).", id(kLatencyHuman)},
    {"evt.deltatime", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldNone,
     "delta between this event and the previous event, in nanoseconds.", id(kDeltatime)},
    {"evt.deltatime.s", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldNone,
     "integer part of the delta between this event and the previous event.", id(kDeltatimeS)},
    {"evt.deltatime.ns", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldNone,
     "fractional part of the delta between this event and the previous event.", id(kDeltatimeNs)},
    {"evt.outputtime", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldPrintOnly | lang::kFieldSupplied,
     "this depends on -t param, default is %evt.time ('h').", id(kOutputtime)},
    {"evt.dir", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldDeprecated | lang::kFieldSupplied,
     "event direction can be either '>' for enter events or '<' for exit events.", id(kDir)},
    {"evt.type", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The name of the event (e.g. 'open').", id(kType)},
    {"evt.type.is", FieldType::kUnsigned, "UINT32", FieldArgKind::kKeyRequired, lang::kFieldSupplied,
     "allows one to specify an event type, and returns 1 for events that are of that type. For example, evt.type.is.open returns 1 for open events, 0 for any other event.", id(kTypeIs)},
    {"syscall.type", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "For system call events, the name of the system call (e.g. 'open'). Unset for other events (e.g. switch or internal events). Use this field instead of evt.type if you need to make sure that the filtered/printed value is actually a system call.", id(kSyscallType)},
    {"evt.category", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The event category. Example values are 'file' (for file operations like open and close), 'net' (for network operations like socket and bind), memory (for things like brk or mmap), and so on.", id(kCategory)},
    {"evt.cpu", FieldType::kSigned, "INT16", FieldArgKind::kNone, lang::kFieldNone,
     "number of the CPU where this event happened.", id(kCpu)},
    {"evt.args", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied | lang::kFieldCostly,
     "all the event arguments, aggregated into a single string.", id(kArgs)},
    {"evt.arg", FieldType::kString, "CHARBUF", FieldArgKind::kIndexRequired, lang::kFieldResult | lang::kFieldSupplied | lang::kFieldCostly,
     "one of the event arguments specified by name or by number. Some events (e.g. return codes or FDs) will be converted into a text representation when possible. E.g. 'evt.arg.fd' or 'evt.arg[0]'.", id(kArg)},
    {"evt.rawarg", FieldType::kString, "DYN", FieldArgKind::kKeyRequired, lang::kFieldNoRhs | lang::kFieldResult | lang::kFieldSupplied | lang::kFieldCostly,
     "one of the event arguments specified by name. E.g. 'evt.rawarg.fd'.", id(kRawarg)},
    {"evt.info", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied | lang::kFieldCostly,
     "Currently, this field returns the same value as 'evt.args'.", id(kInfo)},
    {"evt.buffer", FieldType::kBytes, "BYTEBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "the binary data buffer for events that have one, like read(), recvfrom(), etc. Use this field in filters with 'contains' to search into I/O data buffers.", id(kBuffer)},
    {"evt.buflen", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "the length of the binary data buffer for events that have one, like read(), recvfrom(), etc.", id(kBuflen)},
    {"evt.res", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied,
     "event return value, as a string. If the event failed, the result is an error code string (e.g. 'ENOENT'), otherwise the result is the string 'SUCCESS'.", id(kRes)},
    {"evt.rawres", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied,
     "event return value, as a number (e.g. -2). Useful for range comparisons.", id(kRawres)},
    {"evt.failed", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied,
     "'true' for events that returned an error status.", id(kFailed)},
    {"evt.is_io", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for events that read or write to FDs, like read(), send, recvfrom(), etc.", id(kIsIo)},
    {"evt.is_io_read", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for events that read from FDs, like read(), recv(), recvfrom(), etc.", id(kIsIoRead)},
    {"evt.is_io_write", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for events that write to FDs, like write(), send(), etc.", id(kIsIoWrite)},
    {"evt.io_dir", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "'r' for events that read from FDs, like read(); 'w' for events that write to FDs, like write().", id(kIoDir)},
    {"evt.is_wait", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for events that make the thread wait, e.g. sleep(), select(), poll().", id(kIsWait)},
    {"evt.wait_latency", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldDeprecated,
     "for events that make the thread wait (e.g. sleep(), select(), poll()), this is the time spent waiting for the event to return, in nanoseconds.", id(kWaitLatency)},
    {"evt.is_syslog", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for events that are writes to /dev/log.", id(kIsSyslog)},
    {"evt.count", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldSupplied,
     "This filter field always returns 1.", id(kCount)},
    {"evt.count.error", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied,
     "This filter field returns 1 for events that returned with an error.", id(kCountError)},
    {"evt.count.error.file", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied,
     "This filter field returns 1 for events that returned with an error and are related to file I/O.", id(kCountErrorFile)},
    {"evt.count.error.net", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied,
     "This filter field returns 1 for events that returned with an error and are related to network I/O.", id(kCountErrorNet)},
    {"evt.count.error.memory", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied,
     "This filter field returns 1 for events that returned with an error and are related to memory allocation.", id(kCountErrorMemory)},
    {"evt.count.error.other", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldResult | lang::kFieldSupplied,
     "This filter field returns 1 for events that returned with an error and are related to none of the previous categories.", id(kCountErrorOther)},
    {"evt.count.exit", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldSupplied,
     "This filter field returns 1 for exit events.", id(kCountExit)},
    {"evt.count.procinfo", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldNone,
     "This filter field returns 1 for procinfo events generated by process main threads.", id(kCountProcinfo)},
    {"evt.count.threadinfo", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldNone,
     "This filter field returns 1 for procinfo events.", id(kCountThreadinfo)},
    {"evt.around", FieldType::kUnsigned, "UINT64", FieldArgKind::kIndexRequired, lang::kFieldFilterOnly | lang::kFieldNoRhs,
     "Accepts the event if it's around the specified time interval. The syntax is evt.around[T]=D, where T is the value returned by %evt.rawtime for the event and D is a delta in milliseconds. For example, evt.around[1404996934793590564]=1000 will return the events with timestamp with one second before the timestamp and one second after it, for a total of two seconds of capture.", id(kAround)},
    {"evt.abspath", FieldType::kString, "CHARBUF", FieldArgKind::kKeyRequired, lang::kFieldSupplied,
     "Absolute path calculated from dirfd and name during syscalls like renameat and symlinkat. Use 'evt.abspath.src' or 'evt.abspath.dst' for syscalls that support multiple paths.", id(kAbspath)},
    {"evt.buflen.in", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "the length of the binary data buffer, but only for input I/O events.", id(kBuflenIn)},
    {"evt.buflen.out", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "the length of the binary data buffer, but only for output I/O events.", id(kBuflenOut)},
    {"evt.buflen.file", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "the length of the binary data buffer, but only for file I/O events.", id(kBuflenFile)},
    {"evt.buflen.file.in", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "the length of the binary data buffer, but only for input file I/O events.", id(kBuflenFileIn)},
    {"evt.buflen.file.out", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "the length of the binary data buffer, but only for output file I/O events.", id(kBuflenFileOut)},
    {"evt.buflen.net", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "the length of the binary data buffer, but only for network I/O events.", id(kBuflenNet)},
    {"evt.buflen.net.in", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "the length of the binary data buffer, but only for input network I/O events.", id(kBuflenNetIn)},
    {"evt.buflen.net.out", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "the length of the binary data buffer, but only for output network I/O events.", id(kBuflenNetOut)},
    {"evt.is_open_read", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for open/openat/openat2/open_by_handle_at events where the path was opened for reading", id(kIsOpenRead)},
    {"evt.is_open_write", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for open/openat/openat2/open_by_handle_at events where the path was opened for writing", id(kIsOpenWrite)},
    {"evt.infra.docker.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "for docker infrastructure events, the name of the event.", id(kInfraDockerName)},
    {"evt.infra.docker.container.id", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "for docker infrastructure events, the id of the impacted container.", id(kInfraDockerContainerId)},
    {"evt.infra.docker.container.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "for docker infrastructure events, the name of the impacted container.", id(kInfraDockerContainerName)},
    {"evt.infra.docker.container.image", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "for docker infrastructure events, the image name of the impacted container.", id(kInfraDockerContainerImage)},
    {"evt.is_open_exec", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for open/openat/openat2/open_by_handle_at or creat events where a file is created with execute permissions", id(kIsOpenExec)},
    {"evt.is_open_create", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' for for open/openat/openat2/open_by_handle_at events where a file is created.", id(kIsOpenCreate)},
};

// evt.rawarg's typed variants: resolve() picks one from the parameter's type.
constexpr FieldInfo kRawargNumeric{"evt.rawarg", FieldType::kSigned, "DYN",
                                   FieldArgKind::kKeyRequired,
                                   lang::kFieldNoRhs | lang::kFieldSupplied | lang::kFieldCostly |
                                       lang::kFieldResult,
                                   "one of the event arguments specified by name, as a number.",
                                   id(kRawarg)};
constexpr FieldInfo kRawargText{"evt.rawarg", FieldType::kString, "DYN",
                                FieldArgKind::kKeyRequired,
                                lang::kFieldNoRhs | lang::kFieldSupplied | lang::kFieldCostly |
                                    lang::kFieldResult,
                                "one of the event arguments specified by name, as text.",
                                id(kRawarg)};

constexpr uint64_t kNsPerSecond = 1'000'000'000;

std::string_view syscall_name(const SyscallEvent& ev) {
  return ev.syscall ? ev.syscall->name : std::string_view();
}

bool name_in(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

bool is_io_read(std::string_view name) { return name_in(name, {"recvfrom", "recvmsg"}); }
bool is_io_write(std::string_view name) { return name_in(name, {"sendto", "sendmsg"}); }

// libsinsp's event categories (ppm_event_category names) for the syscalls in the table.
std::string_view category_of(std::string_view name) {
  if (name.empty()) return {};
  if (name_in(name, {"socket", "connect", "accept", "accept4", "bind", "listen", "sendto",
                     "sendmsg", "recvfrom", "recvmsg"})) {
    return "net";
  }
  if (name_in(name, {"clone", "clone3", "fork", "vfork", "execve", "execveat", "ptrace",
                     "setuid", "setgid", "setreuid", "setregid", "setresuid", "setresgid",
                     "setns", "unshare", "process_vm_readv", "process_vm_writev", "pidfd_open"})) {
    return "process";
  }
  if (name_in(name, {"kill", "tkill", "tgkill"})) return "signal";
  if (name_in(name, {"mount", "init_module", "finit_module", "bpf", "userfaultfd",
                     "io_uring_setup", "io_uring_enter", "io_uring_register"})) {
    return "system";
  }
  return "file";
}

// Index given as [N], or as the text of the argument when lang passed it unparsed.
int64_t numeric_index(const FieldRef& ref) {
  if (ref.index >= 0) return ref.index;
  int64_t value = -1;
  const char* end = ref.arg.data() + ref.arg.size();
  auto res = std::from_chars(ref.arg.data(), end, value);
  return (res.ec == std::errc() && res.ptr == end && !ref.arg.empty()) ? value : -1;
}

std::optional<size_t> param_of(const SyscallEvent& ev, const FieldRef& ref) {
  if (ev.syscall == nullptr) return std::nullopt;
  int64_t index = numeric_index(ref);
  if (index >= 0) return static_cast<size_t>(index);
  return param_index(*ev.syscall, ref.arg);
}

bool extract_time(uint8_t local, ExtractContext& ctx, FieldValues& out) {
  std::string& s = ctx.arena.next();
  uint64_t ns = ctx.ev.time_ns;
  switch (local) {
    case kTime:
    case kOutputtime: append_time(ns, true, s); break;
    case kTimeS: append_time(ns, false, s); break;
    case kTimeIso8601: append_iso8601(ns, s); break;
    case kDatetime: append_datetime(ns, true, s); break;
    case kDatetimeS: append_datetime(ns, false, s); break;
    default: return false;
  }
  return push_string(out, s);
}

// Flag, enum and mode parameters render from their number alone (FlagTextCache).
const ParamInfo* table_param(const SyscallEvent& ev, size_t index) {
  if (ev.syscall == nullptr || index >= ev.syscall->params.size()) return nullptr;
  const ParamInfo& param = ev.syscall->params[index];
  bool table_typed = param.type == ParamType::kFlags || param.type == ParamType::kEnum ||
                     param.type == ParamType::kMode;
  return table_typed ? &param : nullptr;
}

bool extract_arg(const FieldRef& ref, ExtractContext& ctx, FieldValues& out) {
  auto index = param_of(ctx.ev, ref);
  if (!index) return false;
  const ParamInfo* cacheable = ctx.flag_texts ? table_param(ctx.ev, *index) : nullptr;
  std::optional<int64_t> number = cacheable ? param_number(ctx.ev, *index) : std::nullopt;
  if (number) {
    if (const std::string* text = ctx.flag_texts->find(cacheable, *number)) return push_string(out, *text);
  }
  std::string& s = ctx.arena.next();
  std::string& scratch = ctx.arena.next();
  if (!render_param_value(ctx.ev, *index, s, scratch)) return false;
  if (number) return push_string(out, ctx.flag_texts->store(cacheable, *number, s));
  return push_string(out, s);
}

bool extract_rawarg(const FieldRef& ref, ExtractContext& ctx, FieldValues& out) {
  auto index = param_of(ctx.ev, ref);
  if (!index) return false;
  if (ref.info->type != FieldType::kString) {
    auto number = param_number(ctx.ev, *index);
    return number ? push_signed(out, *number) : false;
  }
  std::string& raw = ctx.arena.next();
  std::string& resolved = ctx.arena.next();
  if (!render_param(ctx.ev, *index, raw, resolved)) return false;
  return push_string(out, raw);
}

bool extract_args(ExtractContext& ctx, FieldValues& out) {
  std::string& s = ctx.arena.next();
  std::string& raw = ctx.arena.next();
  std::string& resolved = ctx.arena.next();
  render_all_params(ctx.ev, s, raw, resolved);
  return push_string(out, s);
}

// The first user buffer the decoder read (sendto's data, init_module's image...).
const std::string* io_buffer(const SyscallEvent& ev) {
  if (ev.syscall == nullptr) return nullptr;
  for (size_t i = 0; i < 6; ++i) {
    if (ev.syscall->args[i] == ArgRole::kBuffer && ev.data_ok[i]) return &ev.data[i];
  }
  return nullptr;
}

// The errno's name, or its number when it has none.
bool push_errno_text(int64_t res, ScratchArena& arena, FieldValues& out) {
  std::string_view name = errno_name(res);
  if (!name.empty()) return push_string(out, name);
  std::string& s = arena.next();
  append_signed(res, s);
  return push_string(out, s);
}

bool extract_result(uint8_t local, const SyscallEvent& ev, ScratchArena& arena,
                    FieldValues& out) {
  if (!ev.result) return false;
  int64_t res = *ev.result;
  switch (local) {
    case kRes:
      if (res >= 0) return push_string(out, "SUCCESS");
      return push_errno_text(res, arena, out);
    case kRawres: return push_signed(out, res);
    case kFailed: return push_bool(out, res < 0);
    case kCountError: return push_unsigned(out, res < 0 ? 1 : 0);
    case kCountErrorFile:
      return push_unsigned(out, res < 0 && category_of(syscall_name(ev)) == "file" ? 1 : 0);
    case kCountErrorNet:
      return push_unsigned(out, res < 0 && category_of(syscall_name(ev)) == "net" ? 1 : 0);
    case kCountErrorMemory: return push_unsigned(out, 0);
    case kCountErrorOther: {
      std::string_view category = category_of(syscall_name(ev));
      return push_unsigned(out, res < 0 && category != "file" && category != "net" ? 1 : 0);
    }
    default: return false;
  }
}

bool is_open_call(const SyscallEvent& ev) {
  if (ev.syscall == nullptr) return false;
  int nr = ev.syscall->nr;
  return nr == __NR_open || nr == __NR_openat || nr == __NR_openat2 || nr == __NR_open_by_handle_at;
}

bool extract_open_check(uint8_t local, const SyscallEvent& ev, FieldValues& out) {
  auto flags = open_flags_ppm(ev);
  bool open_call = is_open_call(ev);
  switch (local) {
    case kIsOpenRead: return push_bool(out, open_call && flags && (*flags & kPpmOpenRead));
    case kIsOpenWrite: return push_bool(out, open_call && flags && (*flags & kPpmOpenWrite));
    case kIsOpenCreate:
      // Falco tests "the file was created" (known at exit); at entry: O_CREAT or O_TMPFILE.
      return push_bool(out, open_call && flags &&
                                (*flags & (kPpmOpenCreate | kPpmOpenTmpfile)));
    case kIsOpenExec: {
      bool creating = flags && (*flags & (kPpmOpenCreate | kPpmOpenTmpfile));
      auto mode = open_mode(ev);
      bool exec_bits = mode && (*mode & 0111);
      bool creat = ev.syscall && ev.syscall->nr == __NR_creat;
      return push_bool(out, (open_call || creat) && creating && exec_bits);
    }
    default: return false;
  }
}

// evt.abspath[.src|.dst]: the absolute form of the event's first (src) or last (dst) path.
bool extract_abspath(const FieldRef& ref, const SyscallEvent& ev, FieldValues& out) {
  if (ev.syscall == nullptr) return false;
  int first = -1, last = -1;
  for (int i = 0; i < 6; ++i) {
    if (ev.syscall->args[i] != ArgRole::kPath || !ev.data_ok[i]) continue;
    if (first < 0) first = i;
    last = i;
  }
  int pick = ref.arg == "dst" ? last : first;
  if (pick < 0) return false;
  const std::string& path = ev.abs_path[pick].empty() ? ev.data[pick] : ev.abs_path[pick];
  return push_nonempty(out, path);
}

bool extract_io(uint8_t local, const SyscallEvent& ev, FieldValues& out) {
  std::string_view name = syscall_name(ev);
  switch (local) {
    case kIsIo: return push_bool(out, is_io_read(name) || is_io_write(name));
    case kIsIoRead: return push_bool(out, is_io_read(name));
    case kIsIoWrite: return push_bool(out, is_io_write(name));
    case kIoDir:
      if (is_io_read(name)) return push_string(out, "r");
      if (is_io_write(name)) return push_string(out, "w");
      return false;
    case kIsSyslog:
      return push_bool(out, is_io_write(name) && ev.has_fd && ev.fd.name == "/dev/log");
    case kBuffer: {
      const std::string* buffer = io_buffer(ev);
      return buffer ? push_bytes(out, *buffer) : false;
    }
    case kBuflen: {
      const std::string* buffer = io_buffer(ev);
      return buffer ? push_unsigned(out, buffer->size()) : false;
    }
    default: return false;
  }
}

}  // namespace

std::span<const FieldInfo> evt_fields() { return kFields; }
const FieldInfo& rawarg_numeric_field() { return kRawargNumeric; }
const FieldInfo& rawarg_text_field() { return kRawargText; }

bool evt_reads_paths(uint8_t local) {
  switch (local) {
    case kArgs:
    case kInfo:
    case kArg:
    case kRawarg:
    case kAbspath:
    case kIsSyslog: return true;
    default: return false;
  }
}

bool extract_evt(uint8_t local, const FieldRef& ref, ExtractContext& ctx, FieldValues& out) {
  const SyscallEvent& ev = ctx.ev;
  switch (local) {
    case kNum: return push_unsigned(out, ev.num);
    case kTime:
    case kTimeS:
    case kTimeIso8601:
    case kDatetime:
    case kDatetimeS:
    case kOutputtime: return extract_time(local, ctx, out);
    case kRawtime: return push_unsigned(out, ev.time_ns);
    case kRawtimeS: return push_unsigned(out, ev.time_ns / kNsPerSecond);
    case kRawtimeNs: return push_unsigned(out, ev.time_ns % kNsPerSecond);
    case kSource: return push_string(out, "syscall");
    case kIsAsync: return push_bool(out, false);
    case kHostname: return push_nonempty(out, ctx.hostname);
    case kDir: return push_string(out, "<");  // lanner's events stand for Falco's exit events
    case kType:
    case kSyscallType: return push_nonempty(out, syscall_name(ev));
    case kTypeIs: return push_unsigned(out, syscall_name(ev) == ref.arg ? 1 : 0);
    case kCategory: return push_nonempty(out, category_of(syscall_name(ev)));
    case kArgs:
    case kInfo: return extract_args(ctx, out);
    case kArg: return extract_arg(ref, ctx, out);
    case kRawarg: return extract_rawarg(ref, ctx, out);
    case kRes:
    case kRawres:
    case kFailed:
    case kCountError:
    case kCountErrorFile:
    case kCountErrorNet:
    case kCountErrorMemory:
    case kCountErrorOther: return extract_result(local, ev, ctx.arena, out);
    case kIsIo:
    case kIsIoRead:
    case kIsIoWrite:
    case kIoDir:
    case kIsSyslog:
    case kBuffer:
    case kBuflen: return extract_io(local, ev, out);
    case kIsWait: return push_bool(out, false);
    case kCount:
    case kCountExit: return push_unsigned(out, 1);
    case kAbspath: return extract_abspath(ref, ev, out);
    case kIsOpenRead:
    case kIsOpenWrite:
    case kIsOpenExec:
    case kIsOpenCreate: return extract_open_check(local, ev, out);
    default: return false;  // not supplied by lanner: always missing
  }
}

}  // namespace lanner::event::fields
