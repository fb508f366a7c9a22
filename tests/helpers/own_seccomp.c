/* The monitored program installs seccomp filters of its own (threats.md T20).
 *   own_seccomp listener : a second user-notification listener; prints "listener errno=N"
 *   own_seccomp errno    : an ERRNO(EACCES) filter on openat, then opens /etc/hostname;
 *                          prints "open errno=N" (0 if it opened) */
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static long install(struct sock_filter* code, unsigned short len, unsigned flags) {
  struct sock_fprog prog = {len, code};
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  return syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
}

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  if (strcmp(argv[1], "listener") == 0) {
    struct sock_filter allow[] = {BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    long fd = install(allow, 1, SECCOMP_FILTER_FLAG_NEW_LISTENER);
    printf("listener errno=%d\n", fd < 0 ? errno : 0);
    return 0;
  }
  struct sock_filter deny_openat[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  if (install(deny_openat, sizeof deny_openat / sizeof deny_openat[0], 0) != 0) return 3;
  int fd = open("/etc/hostname", O_RDONLY);
  printf("open errno=%d\n", fd < 0 ? errno : 0);
  return 0;
}
