// Field classes "proc" and "thread" (libsinsp sinsp_filtercheck_thread.cpp): descriptors and
// extractors over SyscallEvent::process and its parent chain. For execve events the process is
// the program being started (Falco's exit-event view).
// Over 500 lines because about half is the descriptor table (one row per libsinsp field, with
// its upstream description); the extractors themselves are short functions.
#include <charconv>

#include "event/fields_internal.h"
#include "event/render_flags.h"
#include "event/render_net.h"

namespace lanner::event::fields {
namespace {

enum Local : uint8_t {
  kExe,
  kPexe,
  kAexe,
  kExepath,
  kPexepath,
  kAexepath,
  kName,
  kPname,
  kAname,
  kArgs,
  kAargs,
  kCmdline,
  kPcmdline,
  kAcmdline,
  kCmdnargs,
  kCmdlenargs,
  kExeline,
  kEnv,
  kAenv,
  kCwd,
  kLoginshellid,
  kTty,
  kPid,
  kPpid,
  kApid,
  kVpid,
  kPvpid,
  kSid,
  kSname,
  kSidExe,
  kSidExepath,
  kVpgid,
  kVpgidName,
  kVpgidExe,
  kVpgidExepath,
  kPgid,
  kPgidName,
  kPgidExe,
  kPgidExepath,
  kDuration,
  kPpidDuration,
  kPidTs,
  kPpidTs,
  kIsExeWritable,
  kIsExeUpperLayer,
  kIsExeLowerLayer,
  kIsExeFromMemfd,
  kIsSidLeader,
  kIsVpgidLeader,
  kIsPgidLeader,
  kExeIno,
  kExeInoCtime,
  kExeInoMtime,
  kExeInoCtimeDurationProcStart,
  kExeInoCtimeDurationPidnsStart,
  kPidnsInitStartTs,
  kThreadCapPermitted,
  kThreadCapInheritable,
  kThreadCapEffective,
  kFdopencount,
  kFdlimit,
  kFdusage,
  kVmsize,
  kVmrss,
  kVmswap,
  kThreadPfmajor,
  kThreadPfminor,
  kThreadTid,
  kThreadIsmain,
  kThreadVtid,
  kThreadNametid,
  kThreadExectime,
  kThreadTotexectime,
  kThreadCgroups,
  kThreadCgroup,
  kNthreads,
  kNchilds,
  kThreadCpu,
  kThreadCpuUser,
  kThreadCpuSystem,
  kThreadVmsize,
  kThreadVmrss,
  kThreadVmsizeB,
  kThreadVmrssB,
  kStdinType,
  kStdoutType,
  kStderrType,
  kStdinName,
  kStdoutName,
  kStderrName,
};

constexpr uint16_t id(Local local) { return make_id(FieldClass::kProc, local); }

constexpr FieldInfo kFields[] = {
    {"proc.exe", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The first command-line argument (i.e., argv[0]), typically the executable name or a custom string as specified by the user. It is primarily obtained from syscall arguments, truncated after 4096 bytes, or, as a fallback, by reading /proc/PID/cmdline, in which case it may be truncated after 1024 bytes. This field may differ from the last component of proc.exepath, reflecting how command invocation and execution paths can vary.", id(kExe)},
    {"proc.pexe", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The proc.exe (first command line argument argv[0]) of the parent process.", id(kPexe)},
    {"proc.aexe", FieldType::kString, "CHARBUF", FieldArgKind::kIndexOptional, lang::kFieldAnyValue | lang::kFieldNoRhs | lang::kFieldSupplied,
     "The proc.exe (first command line argument argv[0]) for a specific process ancestor. You can access different levels of ancestors by using indices. For example, proc.aexe[1] retrieves the proc.exe of the parent process, proc.aexe[2] retrieves the proc.exe of the grandparent process, and so on. The current process's proc.exe line can be obtained using proc.aexe[0]. When used without any arguments in filters, proc.aexe matches any of the process ancestors. For instance, you can use `proc.aexe endswith java` to match any process ancestor whose proc.exe ends with the term `java`. In output, proc.aexe without arguments returns the space-separated list of proc.exe values of all ancestors.", id(kAexe)},
    {"proc.exepath", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The full executable path of a process, resolving to the canonical path for symlinks. This is primarily obtained from the kernel, or as a fallback, by reading /proc/PID/exe (in the latter case, the path is truncated after 1024 bytes). For the modern eBPF driver,due to verifier limits, path components may be truncated to 96.", id(kExepath)},
    {"proc.pexepath", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The proc.exepath (full executable path) of the parent process.", id(kPexepath)},
    {"proc.aexepath", FieldType::kString, "CHARBUF", FieldArgKind::kIndexOptional, lang::kFieldAnyValue | lang::kFieldNoRhs | lang::kFieldSupplied,
     "The proc.exepath (full executable path) for a specific process ancestor. You can access different levels of ancestors by using indices. For example, proc.aexepath[1] retrieves the proc.exepath of the parent process, proc.aexepath[2] retrieves the proc.exepath of the grandparent process, and so on. The current process's proc.exepath line can be obtained using proc.aexepath[0]. When used without any arguments in filters, proc.aexepath matches any of the process ancestors. For instance, you can use `proc.aexepath endswith java` to match any process ancestor whose path ends with the term `java`. In output, proc.aexepath without arguments returns the space-separated list of proc.exepath values of all ancestors.", id(kAexepath)},
    {"proc.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The process name (truncated after 16 characters) generating the event (task->comm). Truncation is determined by kernel settings and not by Falco. This field is collected from the syscalls args or, as a fallback, extracted from /proc/PID/comm. The name of the process and the name of the executable file on disk (if applicable) can be different if a process is given a custom name which is often the case for example for java applications.", id(kName)},
    {"proc.pname", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The proc.name (truncated after 16 characters) of the parent process.", id(kPname)},
    {"proc.aname", FieldType::kString, "CHARBUF", FieldArgKind::kIndexOptional, lang::kFieldAnyValue | lang::kFieldNoRhs | lang::kFieldSupplied,
     "The proc.name (truncated after 16 characters) for a specific process ancestor. You can access different levels of ancestors by using indices. For example, proc.aname[1] retrieves the proc.name of the parent process, proc.aname[2] retrieves the proc.name of the grandparent process, and so on. The current process's proc.name line can be obtained using proc.aname[0]. When used without any arguments in filters, proc.aname matches any of the process ancestors. For instance, you can use `proc.aname=bash` to match any process ancestor whose name is `bash`. In output, proc.aname without arguments returns the space-separated list of proc.name values of all ancestors.", id(kAname)},
    {"proc.args", FieldType::kString, "CHARBUF", FieldArgKind::kIndexOptional, lang::kFieldSupplied,
     "The arguments passed on the command line when starting the process generating the event excluding argv[0] (truncated after 4096 bytes). This field is collected from the system call arguments, or as a fallback, extracted from /proc/PID/cmdline, can be accessed by specifying proc.args[INDEX], e.g., proc.args[0] or proc.args[1]. The indexing is zero-based, meaning proc.args[0] refers to the first command-line argument passed, rather than argv[0].", id(kArgs)},
    {"proc.aargs", FieldType::kString, "CHARBUF", FieldArgKind::kIndexOptional, lang::kFieldAnyValue | lang::kFieldSupplied,
     "The arguments passed on the command line when starting the process generating the event for a specific process ancestor. You can access different levels of ancestors by using indices. For example, proc.aargs[1] retrieves the arguments passed on the command line of the parent process, proc.aargs[2] retrieves the proc.args of the grandparent process, and so on. The current process's arguments passed on the command line can be obtained using proc.aargs[0]. When used without any arguments in filters, proc.aargs matches any of the process ancestors. For instance, you can use `proc.aargs contains base64` to match any process ancestor whose arguments contain the term base64. In output, proc.aargs without arguments returns the space-separated list of proc.args values of all ancestors.", id(kAargs)},
    {"proc.cmdline", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied | lang::kFieldCostly,
     "The concatenation of `proc.name + proc.args` (truncated after 4096 bytes) when starting the process generating the event.", id(kCmdline)},
    {"proc.pcmdline", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The proc.cmdline (full command line (proc.name + proc.args)) of the parent process.", id(kPcmdline)},
    {"proc.acmdline", FieldType::kString, "CHARBUF", FieldArgKind::kIndexOptional, lang::kFieldAnyValue | lang::kFieldNoRhs | lang::kFieldSupplied,
     "The full command line (proc.name + proc.args) for a specific process ancestor. You can access different levels of ancestors by using indices. For example, proc.acmdline[1] retrieves the full command line of the parent process, proc.acmdline[2] retrieves the proc.cmdline of the grandparent process, and so on. The current process's full command line can be obtained using proc.acmdline[0]. When used without any arguments in filters, proc.acmdline matches any of the process ancestors. For instance, you can use `proc.acmdline contains base64` to match any process ancestor whose command line contains the term base64. In output, proc.acmdline without arguments returns the space-separated list of proc.cmdline values of all ancestors.", id(kAcmdline)},
    {"proc.cmdnargs", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The number of command line args (proc.args).", id(kCmdnargs)},
    {"proc.cmdlenargs", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The total count of characters / length of the command line args (proc.args) combined excluding whitespaces between args.", id(kCmdlenargs)},
    {"proc.exeline", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied | lang::kFieldCostly,
     "The full command line, with exe as first argument (proc.exe + proc.args) when starting the process generating the event.", id(kExeline)},
    {"proc.env", FieldType::kString, "CHARBUF", FieldArgKind::kKeyOptional, lang::kFieldNone,
     "The environment variables of the process generating the event as concatenated string 'ENV_NAME=value ENV_NAME1=value1'. Can also be used to extract the value of a known env variable, e.g. proc.env[ENV_NAME].", id(kEnv)},
    {"proc.aenv", FieldType::kString, "CHARBUF", FieldArgKind::kKeyOptional, lang::kFieldAnyValue | lang::kFieldNoRhs,
     "[EXPERIMENTAL] This field can be used in three flavors: (1) as a filter checking all parents, e.g. 'proc.aenv contains xyz', which is similar to the familiar 'proc.aname contains xyz' approach, (2) checking the `proc.env` of a specified level of the parent, e.g. 'proc.aenv[2]', which is similar to the familiar 'proc.aname[2]' approach, or (3) checking the first matched value of a known ENV_NAME in the parent lineage, such as 'proc.aenv[ENV_NAME]' (across a max of 20 ancestor levels). This field may be deprecated or undergo breaking changes in future releases. Please use it with caution.", id(kAenv)},
    {"proc.cwd", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The current working directory of the event.", id(kCwd)},
    {"proc.loginshellid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldNone,
     "The pid of the oldest shell among the ancestors of the current process, if there is one. This field can be used to separate different user sessions.", id(kLoginshellid)},
    {"proc.tty", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldSupplied,
     "The controlling terminal of the process. 0 for processes without a terminal.", id(kTty)},
    {"proc.pid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The id of the process generating the event.", id(kPid)},
    {"proc.ppid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The pid of the parent of the process generating the event.", id(kPpid)},
    {"proc.apid", FieldType::kSigned, "INT64", FieldArgKind::kIndexOptional, lang::kFieldAnyValue | lang::kFieldNoRhs | lang::kFieldSupplied,
     "The pid for a specific process ancestor. You can access different levels of ancestors by using indices. For example, proc.apid[1] retrieves the pid of the parent process, proc.apid[2] retrieves the pid of the grandparent process, and so on. The current process's pid can be obtained using proc.apid[0]. When used without any arguments in filters, proc.apid matches any of the process ancestors. For instance, you can use `proc.apid=1337` to match any process ancestor whose pid is equal to 1337. In output, proc.apid without arguments defaults to proc.apid[0] (the current process's pid).", id(kApid)},
    {"proc.vpid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The id of the process generating the event as seen from its current PID namespace.", id(kVpid)},
    {"proc.pvpid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The id of the parent process generating the event as seen from its current PID namespace.", id(kPvpid)},
    {"proc.sid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The session id of the process generating the event.", id(kSid)},
    {"proc.sname", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The name of the current process's session leader. This is either the process with pid=proc.sid or the eldest ancestor that has the same sid as the current process.", id(kSname)},
    {"proc.sid.exe", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The first command line argument argv[0] (usually the executable name or a custom one) of the current process's session leader. This is either the process with pid=proc.sid or the eldest ancestor that has the same sid as the current process.", id(kSidExe)},
    {"proc.sid.exepath", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The full executable path of the current process's session leader. This is either the process with pid=proc.sid or the eldest ancestor that has the same sid as the current process.", id(kSidExepath)},
    {"proc.vpgid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The process group id of the process generating the event, as seen from its current PID namespace.", id(kVpgid)},
    {"proc.vpgid.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The name of the current process's process group leader. This is either the process with proc.vpgid == proc.vpid or the eldest ancestor that has the same vpgid as the current process. The description of `proc.is_vpgid_leader` offers additional insights.", id(kVpgidName)},
    {"proc.vpgid.exe", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The first command line argument argv[0] (usually the executable name or a custom one) of the current process's process group leader. This is either the process with proc.vpgid == proc.vpid or the eldest ancestor that has the same vpgid as the current process. The description of `proc.is_vpgid_leader` offers additional insights.", id(kVpgidExe)},
    {"proc.vpgid.exepath", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The full executable path of the current process's process group leader. This is either the process with proc.vpgid == proc.vpid or the eldest ancestor that has the same vpgid as the current process. The description of `proc.is_vpgid_leader` offers additional insights.", id(kVpgidExepath)},
    {"proc.pgid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The process group id of the process generating the event, as seen from host PID namespace.", id(kPgid)},
    {"proc.pgid.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The name of the current process's process group leader. This is either the process with proc.pgid == proc.pid or the eldest ancestor that has the same pgid as the current process. The description of `proc.is_pgid_leader` offers additional insights.", id(kPgidName)},
    {"proc.pgid.exe", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The first command line argument argv[0] (usually the executable name or a custom one) of the current process's process group leader. This is either the process with proc.pgid == proc.pid or the eldest ancestor that has the same pgid as the current process. The description of `proc.is_pgid_leader` offers additional insights.", id(kPgidExe)},
    {"proc.pgid.exepath", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The full executable path of the current process's process group leader. This is either the process with proc.pgid == proc.pid or the eldest ancestor that has the same pgid as the current process. The description of `proc.is_pgid_leader` offers additional insights.", id(kPgidExepath)},
    {"proc.duration", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "Number of nanoseconds since the process started.", id(kDuration)},
    {"proc.ppid.duration", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "Number of nanoseconds since the parent process started.", id(kPpidDuration)},
    {"proc.pid.ts", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "Start of process as epoch timestamp in nanoseconds.", id(kPidTs)},
    {"proc.ppid.ts", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "Start of parent process as epoch timestamp in nanoseconds.", id(kPpidTs)},
    {"proc.is_exe_writable", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' if this process' executable file is writable by the same user that spawned the process.", id(kIsExeWritable)},
    {"proc.is_exe_upper_layer", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' if this process' executable file is in upper layer in overlayfs. This field value can only be trusted if the underlying kernel version is greater or equal than 3.18.0, since overlayfs was introduced at that time.", id(kIsExeUpperLayer)},
    {"proc.is_exe_lower_layer", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldNone,
     "'true' if this process' executable file is in lower layer in overlayfs. This field value can only be trusted if the underlying kernel version is greater or equal than 3.18.0, since overlayfs was introduced at that time.", id(kIsExeLowerLayer)},
    {"proc.is_exe_from_memfd", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' if the executable file of the current process is an anonymous file created using memfd_create() and is being executed by referencing its file descriptor (fd). This type of file exists only in memory and not on disk. Relevant to detect malicious in-memory code injection. Requires kernel version greater or equal to 3.17.0.", id(kIsExeFromMemfd)},
    {"proc.is_sid_leader", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' if this process is the leader of the process session, proc.sid == proc.vpid. For host processes vpid reflects pid.", id(kIsSidLeader)},
    {"proc.is_vpgid_leader", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' if this process is the leader of the virtual process group, proc.vpgid == proc.vpid. For host processes vpgid and vpid reflect pgid and pid. Can help to distinguish if the process was 'directly' executed for instance in a tty (similar to bash history logging, `is_vpgid_leader` would be 'true') or executed as descendent process in the same process group which for example is the case when subprocesses are spawned from a script (`is_vpgid_leader` would be 'false').", id(kIsVpgidLeader)},
    {"proc.is_pgid_leader", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' if this process is the leader of the process group, proc.pgid == proc.pid. Can help to distinguish if the process was 'directly' executed for instance in a tty (similar to bash history logging, `is_pgid_leader` would be 'true') or executed as descendent process in the same process group which for example is the case when subprocesses are spawned from a script (`is_pgid_leader` would be 'false').", id(kIsPgidLeader)},
    {"proc.exe_ino", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The inode number of the executable file on disk. Can be correlated with fd.ino.", id(kExeIno)},
    {"proc.exe_ino.ctime", FieldType::kUnsigned, "ABSTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "Last status change time of executable file (inode->ctime) as epoch timestamp in nanoseconds. Time is changed by writing or by setting inode information e.g. owner, group, link count, mode etc.", id(kExeInoCtime)},
    {"proc.exe_ino.mtime", FieldType::kUnsigned, "ABSTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "Last modification time of executable file (inode->mtime) as epoch timestamp in nanoseconds. Time is changed by file modifications, e.g. by mknod, truncate, utime, write of more than zero bytes etc. For tracking changes in owner, group, link count or mode, use proc.exe_ino.ctime instead.", id(kExeInoMtime)},
    {"proc.exe_ino.ctime_duration_proc_start", FieldType::kUnsigned, "ABSTIME", FieldArgKind::kNone, lang::kFieldSupplied,
     "Number of nanoseconds between modifying status of executable image and spawning a new process using the changed executable image.", id(kExeInoCtimeDurationProcStart)},
    {"proc.exe_ino.ctime_duration_pidns_start", FieldType::kUnsigned, "ABSTIME", FieldArgKind::kNone, lang::kFieldNone,
     "Number of nanoseconds between PID namespace start ts and ctime exe file if PID namespace start predates ctime.", id(kExeInoCtimeDurationPidnsStart)},
    {"proc.pidns_init_start_ts", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "Start of PID namespace (container or non container pid namespace) as epoch timestamp in nanoseconds.", id(kPidnsInitStartTs)},
    {"thread.cap_permitted", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The permitted capabilities set", id(kThreadCapPermitted)},
    {"thread.cap_inheritable", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The inheritable capabilities set", id(kThreadCapInheritable)},
    {"thread.cap_effective", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "The effective capabilities set", id(kThreadCapEffective)},
    {"proc.fdopencount", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "Number of open FDs for the process", id(kFdopencount)},
    {"proc.fdlimit", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldNone,
     "Maximum number of FDs the process can open.", id(kFdlimit)},
    {"proc.fdusage", FieldType::kSigned, "DOUBLE", FieldArgKind::kNone, lang::kFieldNone,
     "The ratio between open FDs and maximum available FDs for the process.", id(kFdusage)},
    {"proc.vmsize", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "Total virtual memory for the process (as kb).", id(kVmsize)},
    {"proc.vmrss", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "Resident non-swapped memory for the process (as kb).", id(kVmrss)},
    {"proc.vmswap", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "Swapped memory for the process (as kb).", id(kVmswap)},
    {"thread.pfmajor", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "Number of major page faults since thread start.", id(kThreadPfmajor)},
    {"thread.pfminor", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "Number of minor page faults since thread start.", id(kThreadPfminor)},
    {"thread.tid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The id of the thread generating the event.", id(kThreadTid)},
    {"thread.ismain", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldSupplied,
     "'true' if the thread generating the event is the main one in the process.", id(kThreadIsmain)},
    {"thread.vtid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "The id of the thread generating the event as seen from its current PID namespace.", id(kThreadVtid)},
    {"thread.nametid", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "This field chains the process name and tid of a thread and can be used as a specific identifier of a thread for a specific execve.", id(kThreadNametid)},
    {"thread.exectime", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldNone,
     "CPU time spent by the last scheduled thread, in nanoseconds. Exported by switch events only.", id(kThreadExectime)},
    {"thread.totexectime", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldNone,
     "Total CPU time, in nanoseconds since the beginning of the capture, for the current thread. Exported by switch events only.", id(kThreadTotexectime)},
    {"thread.cgroups", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "All cgroups the thread belongs to, aggregated into a single string.", id(kThreadCgroups)},
    {"thread.cgroup", FieldType::kString, "CHARBUF", FieldArgKind::kKeyRequired, lang::kFieldNone,
     "The cgroup the thread belongs to, for a specific subsystem. e.g. thread.cgroup.cpuacct.", id(kThreadCgroup)},
    {"proc.nthreads", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "The number of alive threads that the process generating the event currently has, including the leader thread. Please note that the leader thread may not be here, in that case 'proc.nthreads' and 'proc.nchilds' are equal", id(kNthreads)},
    {"proc.nchilds", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "The number of alive not leader threads that the process generating the event currently has. This excludes the leader thread.", id(kNchilds)},
    {"thread.cpu", FieldType::kSigned, "DOUBLE", FieldArgKind::kNone, lang::kFieldNone,
     "The CPU consumed by the thread in the last second.", id(kThreadCpu)},
    {"thread.cpu.user", FieldType::kSigned, "DOUBLE", FieldArgKind::kNone, lang::kFieldNone,
     "The user CPU consumed by the thread in the last second.", id(kThreadCpuUser)},
    {"thread.cpu.system", FieldType::kSigned, "DOUBLE", FieldArgKind::kNone, lang::kFieldNone,
     "The system CPU consumed by the thread in the last second.", id(kThreadCpuSystem)},
    {"thread.vmsize", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "For the process main thread, this is the total virtual memory for the process (as kb). For the other threads, this field is zero.", id(kThreadVmsize)},
    {"thread.vmrss", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "For the process main thread, this is the resident non-swapped memory for the process (as kb). For the other threads, this field is zero.", id(kThreadVmrss)},
    {"thread.vmsize.b", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "For the process main thread, this is the total virtual memory for the process (in bytes). For the other threads, this field is zero.", id(kThreadVmsizeB)},
    {"thread.vmrss.b", FieldType::kUnsigned, "UINT64", FieldArgKind::kNone, lang::kFieldNone,
     "For the process main thread, this is the resident non-swapped memory for the process (in bytes). For the other threads, this field is zero.", id(kThreadVmrssB)},
    {"proc.stdin.type", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "The type of file descriptor 0, corresponding to stdin, of the process generating the event.", id(kStdinType)},
    {"proc.stdout.type", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "The type of file descriptor 1, corresponding to stdout, of the process generating the event.", id(kStdoutType)},
    {"proc.stderr.type", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "The type of file descriptor 2, corresponding to stderr, of the process generating the event.", id(kStderrType)},
    {"proc.stdin.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "The name of the file descriptor 0, corresponding to stdin, of the process generating the event.", id(kStdinName)},
    {"proc.stdout.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "The name of the file descriptor 1, corresponding to stdout, of the process generating the event.", id(kStdoutName)},
    {"proc.stderr.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "The name of the file descriptor 2, corresponding to stderr, of the process generating the event.", id(kStderrName)},
};

// Bounds every walk up the parent chain (a malformed chain must not loop forever).
constexpr int kMaxAncestors = 512;

const ProcessInfo* parent_of(const ProcessInfo* proc) {
  return proc ? proc->parent.get() : nullptr;
}

// N = 0 is the process itself, 1 its parent...
const ProcessInfo* ancestor(const ProcessInfo* proc, int64_t n) {
  for (int64_t i = 0; proc != nullptr && i < n && i < kMaxAncestors; ++i) proc = parent_of(proc);
  return proc;
}

int64_t index_of(const FieldRef& ref) {
  if (ref.index >= 0) return ref.index;
  if (ref.arg.empty()) return -1;
  int64_t value = -1;
  const char* end = ref.arg.data() + ref.arg.size();
  auto res = std::from_chars(ref.arg.data(), end, value);
  return (res.ec == std::errc() && res.ptr == end) ? value : -1;
}

void append_args(const ProcessInfo& proc, std::string& out) {
  for (size_t i = 0; i < proc.args.size(); ++i) {
    if (i > 0) out += ' ';
    out += proc.args[i];
  }
}

// proc.cmdline: name followed by the arguments.
std::string_view cmdline(const ProcessInfo& proc, ScratchArena& arena) {
  std::string& s = arena.next();
  s = proc.comm;
  for (const std::string& arg : proc.args) {
    s += ' ';
    s += arg;
  }
  return s;
}

std::string_view exeline(const ProcessInfo& proc, ScratchArena& arena) {
  std::string& s = arena.next();
  s = proc.exe;
  for (const std::string& arg : proc.args) {
    s += ' ';
    s += arg;
  }
  return s;
}

// The per-process value an ancestor field (aname, aexe, ...) reads, by its base field.
enum class Attr { kName, kExe, kExepath, kCmdline, kPid, kArgs };

bool push_attr(Attr attr, const ProcessInfo& proc, ScratchArena& arena, FieldValues& out) {
  switch (attr) {
    case Attr::kName: return push_string(out, proc.comm);
    case Attr::kExe: return push_string(out, proc.exe);
    case Attr::kExepath: return push_string(out, proc.exepath);
    case Attr::kCmdline: return push_string(out, cmdline(proc, arena));
    case Attr::kPid: return push_signed(out, proc.pid);
    case Attr::kArgs: {
      std::string& s = arena.next();
      append_args(proc, s);
      return push_string(out, s);
    }
  }
  return false;
}

// proc.aname[N] and friends; without an index every ancestor from the parent up.
bool extract_ancestor(Attr attr, const FieldRef& ref, const ProcessInfo* proc, ScratchArena& arena,
                      FieldValues& out) {
  int64_t n = index_of(ref);
  if (n >= 0) {
    const ProcessInfo* target = ancestor(proc, n);
    return target ? push_attr(attr, *target, arena, out) : false;
  }
  int hops = 0;
  for (const ProcessInfo* p = parent_of(proc); p != nullptr && hops < kMaxAncestors;
       p = parent_of(p), ++hops) {
    push_attr(attr, *p, arena, out);
  }
  return !out.empty();
}

// The leader of the process's session / process group: the process whose id equals the group
// id, else the eldest ancestor still in the group (as libsinsp does).
enum class Group { kSession, kVpgid, kPgid };

const ProcessInfo* group_leader(const ProcessInfo* proc, Group group) {
  auto group_id = [group](const ProcessInfo& p) {
    return group == Group::kSession ? p.sid : group == Group::kVpgid ? p.vpgid : p.pgid;
  };
  auto own_id = [group](const ProcessInfo& p) { return group == Group::kVpgid ? p.vpid : p.pid; };
  int64_t wanted = group_id(*proc);
  const ProcessInfo* eldest = proc;
  int hops = 0;
  for (const ProcessInfo* p = proc; p != nullptr && hops < kMaxAncestors;
       p = parent_of(p), ++hops) {
    if (group_id(*p) != wanted) break;
    if (own_id(*p) == wanted) return p;
    eldest = p;
  }
  return eldest;
}

bool extract_group(Group group, Attr attr, const ProcessInfo* proc, ExtractContext& ctx,
                   FieldValues& out) {
  if (group == Group::kSession && attr == Attr::kName && !proc->sname.empty()) {
    return push_string(out, proc->sname);
  }
  const ProcessInfo* leader = group_leader(proc, group);
  return leader ? push_attr(attr, *leader, ctx.arena, out) : false;
}

bool extract_caps(uint64_t caps, ScratchArena& arena, FieldValues& out) {
  std::string& s = arena.next();
  append_capability_names(caps, s);
  return push_string(out, s);
}

bool push_duration(uint64_t now_ns, uint64_t start_ns, FieldValues& out) {
  if (start_ns == 0 || now_ns < start_ns) return false;
  return push_signed(out, static_cast<int64_t>(now_ns - start_ns));
}

bool extract_args_field(const FieldRef& ref, const ProcessInfo& proc, ScratchArena& arena,
                        FieldValues& out) {
  int64_t n = index_of(ref);
  if (n >= 0) {
    if (static_cast<size_t>(n) >= proc.args.size()) return false;
    return push_string(out, proc.args[static_cast<size_t>(n)]);
  }
  std::string& s = arena.next();
  append_args(proc, s);
  return push_string(out, s);
}

// libsinsp keeps the working directory with a trailing '/'.
bool extract_cwd(const ProcessInfo& proc, ScratchArena& arena, FieldValues& out) {
  if (proc.cwd.empty()) return false;
  if (proc.cwd.back() == '/') return push_string(out, proc.cwd);
  std::string& s = arena.next();
  s = proc.cwd;
  s += '/';
  return push_string(out, s);
}

bool extract_thread(uint8_t local, const ProcessInfo& proc, ExtractContext& ctx,
                    FieldValues& out) {
  switch (local) {
    case kThreadCapEffective: return extract_caps(proc.cap_effective, ctx.arena, out);
    case kThreadCapPermitted: return extract_caps(proc.cap_permitted, ctx.arena, out);
    case kThreadCapInheritable: return extract_caps(proc.cap_inheritable, ctx.arena, out);
    case kThreadTid: return push_signed(out, ctx.ev.tid);
    case kThreadIsmain: return push_bool(out, ctx.ev.tid == proc.pid);
    case kThreadVtid:
      // Only the main thread's namespace id is known (it equals proc.vpid).
      return ctx.ev.tid == proc.pid ? push_signed(out, proc.vpid) : false;
    default: return false;
  }
}

bool extract_exe_info(uint8_t local, const ProcessInfo& proc, FieldValues& out) {
  switch (local) {
    case kIsExeWritable: return push_bool(out, proc.exe_writable);
    case kIsExeUpperLayer: return push_bool(out, proc.exe_upper_layer);
    case kIsExeFromMemfd: return push_bool(out, proc.exe_from_memfd);
    case kExeIno: return proc.exe_ino ? push_signed(out, static_cast<int64_t>(proc.exe_ino)) : false;
    case kExeInoCtime: return proc.exe_ctime_ns ? push_unsigned(out, proc.exe_ctime_ns) : false;
    case kExeInoMtime: return proc.exe_mtime_ns ? push_unsigned(out, proc.exe_mtime_ns) : false;
    case kExeInoCtimeDurationProcStart:
      if (proc.exe_ctime_ns == 0 || proc.start_time_ns < proc.exe_ctime_ns) return false;
      return push_unsigned(out, proc.start_time_ns - proc.exe_ctime_ns);
    default: return false;
  }
}

bool extract_ids(uint8_t local, const ProcessInfo& proc, ExtractContext& ctx, FieldValues& out) {
  const ProcessInfo* parent = parent_of(&proc);
  switch (local) {
    case kPid: return push_signed(out, proc.pid);
    case kPpid: return push_signed(out, proc.ppid);
    case kVpid: return push_signed(out, proc.vpid);
    case kPvpid: return parent ? push_signed(out, parent->vpid) : false;
    case kSid: return push_signed(out, proc.sid);
    case kVpgid: return push_signed(out, proc.vpgid);
    case kPgid: return push_signed(out, proc.pgid);
    case kTty: return push_unsigned(out, proc.tty);
    case kIsSidLeader: return push_bool(out, proc.sid == proc.vpid);
    case kIsVpgidLeader: return push_bool(out, proc.vpgid == proc.vpid);
    case kIsPgidLeader: return push_bool(out, proc.pgid == proc.pid);
    case kDuration: return push_duration(ctx.ev.time_ns, proc.start_time_ns, out);
    case kPpidDuration:
      return parent ? push_duration(ctx.ev.time_ns, parent->start_time_ns, out) : false;
    case kPidTs: return proc.start_time_ns ? push_signed(out, static_cast<int64_t>(proc.start_time_ns)) : false;
    case kPpidTs:
      return parent && parent->start_time_ns
                 ? push_signed(out, static_cast<int64_t>(parent->start_time_ns))
                 : false;
    default: return false;
  }
}

bool extract_groups(uint8_t local, const ProcessInfo* proc, ExtractContext& ctx,
                    FieldValues& out) {
  switch (local) {
    case kSname: return extract_group(Group::kSession, Attr::kName, proc, ctx, out);
    case kSidExe: return extract_group(Group::kSession, Attr::kExe, proc, ctx, out);
    case kSidExepath: return extract_group(Group::kSession, Attr::kExepath, proc, ctx, out);
    case kVpgidName: return extract_group(Group::kVpgid, Attr::kName, proc, ctx, out);
    case kVpgidExe: return extract_group(Group::kVpgid, Attr::kExe, proc, ctx, out);
    case kVpgidExepath: return extract_group(Group::kVpgid, Attr::kExepath, proc, ctx, out);
    case kPgidName: return extract_group(Group::kPgid, Attr::kName, proc, ctx, out);
    case kPgidExe: return extract_group(Group::kPgid, Attr::kExe, proc, ctx, out);
    case kPgidExepath: return extract_group(Group::kPgid, Attr::kExepath, proc, ctx, out);
    default: return false;
  }
}

}  // namespace

std::span<const FieldInfo> proc_fields() { return kFields; }

bool extract_proc(uint8_t local, const FieldRef& ref, ExtractContext& ctx, FieldValues& out) {
  const ProcessInfo* proc = ctx.ev.process.get();
  if (proc == nullptr) return false;
  const ProcessInfo* parent = parent_of(proc);
  ScratchArena& arena = ctx.arena;
  switch (local) {
    case kName: return push_string(out, proc->comm);
    case kExe: return push_string(out, proc->exe);
    case kExepath: return push_nonempty(out, proc->exepath);
    case kPname: return parent ? push_string(out, parent->comm) : false;
    case kPexe: return parent ? push_string(out, parent->exe) : false;
    case kPexepath: return parent ? push_nonempty(out, parent->exepath) : false;
    case kPcmdline: return parent ? push_string(out, cmdline(*parent, arena)) : false;
    case kAname: return extract_ancestor(Attr::kName, ref, proc, arena, out);
    case kAexe: return extract_ancestor(Attr::kExe, ref, proc, arena, out);
    case kAexepath: return extract_ancestor(Attr::kExepath, ref, proc, arena, out);
    case kAcmdline: return extract_ancestor(Attr::kCmdline, ref, proc, arena, out);
    case kApid: return extract_ancestor(Attr::kPid, ref, proc, arena, out);
    case kAargs: return extract_ancestor(Attr::kArgs, ref, proc, arena, out);
    case kArgs: return extract_args_field(ref, *proc, arena, out);
    case kCmdline: return push_string(out, cmdline(*proc, arena));
    case kExeline: return push_string(out, exeline(*proc, arena));
    case kCmdnargs: return push_unsigned(out, proc->args.size());
    case kCmdlenargs: {
      uint64_t total = 0;
      for (const std::string& arg : proc->args) total += arg.size();
      return push_unsigned(out, total);
    }
    case kCwd: return extract_cwd(*proc, arena, out);
    case kSname:
    case kSidExe:
    case kSidExepath:
    case kVpgidName:
    case kVpgidExe:
    case kVpgidExepath:
    case kPgidName:
    case kPgidExe:
    case kPgidExepath: return extract_groups(local, proc, ctx, out);
    case kIsExeWritable:
    case kIsExeUpperLayer:
    case kIsExeFromMemfd:
    case kExeIno:
    case kExeInoCtime:
    case kExeInoMtime:
    case kExeInoCtimeDurationProcStart: return extract_exe_info(local, *proc, out);
    case kThreadCapEffective:
    case kThreadCapPermitted:
    case kThreadCapInheritable:
    case kThreadTid:
    case kThreadIsmain:
    case kThreadVtid: return extract_thread(local, *proc, ctx, out);
    default: return extract_ids(local, *proc, ctx, out);
  }
}

}  // namespace lanner::event::fields
