/* Victim that goes after its supervisor (threats.md T17-T19). PID may be a number or "ppid"
 * (getppid(): lanner, the target's parent). One probe per run; prints
 * "<probe> ret=<value> errno=<number>" and exits 0.
 *   kill PID SIG | kill64 PID SIG (pid with high register bits set) | tkill TID SIG
 *   tkill_all PID (signal 0 to every thread of PID) | sigio PID (signals through F_SETOWN_EX)
 *   tgkill TGID TID SIG | sigqueue PID SIG | pidfd_signal PID SIG (via a /proc/PID dir fd)
 *   ptrace PID (PTRACE_ATTACH) | seize PID | vm_read PID | vm_write PID | procmem PID
 *   pidfd_open PID | pidfd_getfd PID FD | kcmp PID1 PID2 | prlimit PID | setown PID
 *   setpgid PGID | fds (lists /proc/self/fd: "N -> target") | sleep SECONDS */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static long pid_of(const char* text) { return strcmp(text, "ppid") == 0 ? (long)getppid() : atol(text); }

static int report(const char* probe, long ret) {
  printf("%s ret=%ld errno=%d\n", probe, ret, ret < 0 ? errno : 0);
  return 0;
}

static int list_fds(void) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == NULL) return 2;
  struct dirent* entry;
  while ((entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] == '.' || atoi(entry->d_name) == dirfd(dir)) continue;
    char path[300], target[256];
    snprintf(path, sizeof path, "/proc/self/fd/%s", entry->d_name);
    ssize_t n = readlink(path, target, sizeof target - 1);
    target[n > 0 ? n : 0] = '\0';
    printf("%s -> %s\n", entry->d_name, target);
  }
  closedir(dir);
  return 0;
}

/* tkill(tid, 0) on every thread of PID: "tkill_all tasks=N refused=M". */
static int tkill_all(long pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/task", pid);
  DIR* dir = opendir(path);
  if (dir == NULL) return 2;
  int tasks = 0, refused = 0;
  struct dirent* entry;
  while ((entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] == '.') continue;
    ++tasks;
    if (syscall(SYS_tkill, atol(entry->d_name), 0) != 0 && errno == EPERM) ++refused;
  }
  closedir(dir);
  printf("tkill_all tasks=%d refused=%d\n", tasks, refused);
  return 0;
}

/* Routes I/O signals to PID through F_SETOWN_EX (an owner passed by pointer): SIGKILL (must be
 * refused), then a real-time signal and SIGIO (delivered: PID must survive them). */
static int sigio_at(long pid) {
  int fds[2];
  if (pipe(fds) != 0) return 2;
  struct f_owner_ex owner = {F_OWNER_PID, (pid_t)pid};
  report("setown_ex", fcntl(fds[0], F_SETOWN_EX, &owner));
  report("setsig_kill", fcntl(fds[0], F_SETSIG, SIGKILL));
  report("setsig_rt", fcntl(fds[0], F_SETSIG, SIGRTMIN + 4));
  report("async", fcntl(fds[0], F_SETFL, O_ASYNC));
  report("write_rt", write(fds[1], "x", 1));
  report("setsig_io", fcntl(fds[0], F_SETSIG, 0));
  report("write_io", write(fds[1], "x", 1));
  return 0;
}

static long vm_access(long pid, int write) {
  char byte = 0;
  struct iovec local = {&byte, 1}, remote = {(void*)0x10000, 1};
  return write ? syscall(SYS_process_vm_writev, pid, &local, 1, &remote, 1, 0)
               : syscall(SYS_process_vm_readv, pid, &local, 1, &remote, 1, 0);
}

static long signal_through_proc_dir(long pid, int sig) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld", pid);
  int fd = open(path, O_DIRECTORY | O_RDONLY);
  if (fd < 0) return -1;
  return syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0);
}

static int probe_one(const char* p, int argc, char** argv) {
  long a = argc > 2 ? pid_of(argv[2]) : 0, b = argc > 3 ? pid_of(argv[3]) : 0;
  int sig = argc > 3 ? atoi(argv[3]) : 0;
  if (!strcmp(p, "kill")) return report(p, syscall(SYS_kill, a, sig));
  if (!strcmp(p, "kill64")) return report(p, syscall(SYS_kill, (long)((1UL << 32) | (uint32_t)a), sig));
  if (!strcmp(p, "tkill")) return report(p, syscall(SYS_tkill, a, sig));
  if (!strcmp(p, "tkill_all")) return tkill_all(a);
  if (!strcmp(p, "sigio")) return sigio_at(a);
  if (!strcmp(p, "tgkill")) return report(p, syscall(SYS_tgkill, a, b, argc > 4 ? atoi(argv[4]) : 0));
  if (!strcmp(p, "sigqueue")) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_code = SI_QUEUE;
    info.si_pid = getpid();
    return report(p, syscall(SYS_rt_sigqueueinfo, a, sig, &info));
  }
  if (!strcmp(p, "pidfd_signal")) return report(p, signal_through_proc_dir(a, sig));
  if (!strcmp(p, "ptrace")) return report(p, ptrace(PTRACE_ATTACH, a, 0, 0));
  if (!strcmp(p, "seize")) return report(p, ptrace(PTRACE_SEIZE, a, 0, 0));
  if (!strcmp(p, "vm_read")) return report(p, vm_access(a, 0));
  if (!strcmp(p, "vm_write")) return report(p, vm_access(a, 1));
  if (!strcmp(p, "procmem")) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/mem", a);
    return report(p, open(path, O_RDONLY));
  }
  if (!strcmp(p, "pidfd_open")) return report(p, syscall(SYS_pidfd_open, a, 0));
  if (!strcmp(p, "pidfd_getfd")) {
    long pidfd = syscall(SYS_pidfd_open, a, 0);
    return report(p, syscall(SYS_pidfd_getfd, pidfd < 0 ? -1 : pidfd, b, 0));
  }
  if (!strcmp(p, "kcmp")) return report(p, syscall(SYS_kcmp, a, b, 0 /* KCMP_FILE */, 0, 0));
  if (!strcmp(p, "prlimit")) {
    struct rlimit old;
    return report(p, syscall(SYS_prlimit64, a, RLIMIT_NOFILE, NULL, &old));
  }
  if (!strcmp(p, "setown")) return report(p, fcntl(STDIN_FILENO, F_SETOWN, (int)a));
  if (!strcmp(p, "setpgid")) return report(p, setpgid(0, (pid_t)a));
  if (!strcmp(p, "fds")) return list_fds();
  if (!strcmp(p, "sleep")) return report(p, sleep((unsigned)a));
  return -1;
}

int main(int argc, char** argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int rc = argc >= 2 ? probe_one(argv[1], argc, argv) : -1;
  if (rc < 0) fprintf(stderr, "usage: see the comment at the top of supervisor_probe.c\n");
  return rc < 0 ? 2 : rc;
}
