/* The physical floor for lanner's overhead: a bare seccomp user-notification supervisor with
 * the same trap set and SYNC_WAKE_UP that answers CONTINUE without reading anything.
 * With FLOOR_READ_PATH=1 in its environment it also copies 256 bytes at the call's second
 * argument (openat's path) with process_vm_readv before answering: the least any monitor that
 * looks at paths must add to the floor.
 * usage: floor_supervisor SYSCALL[,SYSCALL...] -- COMMAND [ARGS...]
 * Exits with the command's status (128+signal if killed). Benchmark tool, not product code. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif

static void* answer_loop(void* arg) {
  int listener = *(int*)arg;
  struct seccomp_notif req;
  struct seccomp_notif_resp resp;
  const char* read_path = getenv("FLOOR_READ_PATH");
  int reads_path = read_path != NULL && strcmp(read_path, "1") == 0;
  char path[256];
  for (;;) {
    memset(&req, 0, sizeof req);
    if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) {
      if (errno == EINTR || errno == ENOENT) continue;
      return NULL;
    }
    if (reads_path) {
      struct iovec local = {path, sizeof path};
      struct iovec remote = {(void*)(uintptr_t)req.data.args[1], sizeof path};
      (void)process_vm_readv((pid_t)req.pid, &local, 1, &remote, 1, 0);
    }
    memset(&resp, 0, sizeof resp);
    resp.id = req.id;
    resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
    ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
  }
}

static int add_traps(scmp_filter_ctx ctx, char* list) {
  for (char* name = strtok(list, ","); name != NULL; name = strtok(NULL, ",")) {
    int nr = seccomp_syscall_resolve_name(name);
    if (nr != __NR_SCMP_ERROR && seccomp_rule_add(ctx, SCMP_ACT_NOTIFY, nr, 0) != 0) return -1;
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 4 || strcmp(argv[2], "--") != 0) {
    fprintf(stderr, "usage: floor_supervisor SYSCALLS -- COMMAND [ARGS...]\n");
    return 2;
  }
  int sock[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sock) != 0) return 125;
  pid_t child = fork();
  if (child == 0) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (ctx == NULL || add_traps(ctx, argv[1]) != 0 || seccomp_load(ctx) != 0) _exit(125);
    int listener = seccomp_notify_fd(ctx);
    /* sendmsg may be trapped: hand over the number, the parent pulls the fd (pidfd_getfd). */
    if (write(sock[1], &listener, sizeof listener) != sizeof listener) _exit(125);
    char go;
    if (read(sock[1], &go, 1) != 1) _exit(125);
    close(listener);
    execvp(argv[3], argv + 3);
    _exit(127);
  }
  int number = -1;
  if (read(sock[0], &number, sizeof number) != sizeof number) return 125;
  int pidfd = (int)syscall(SYS_pidfd_open, child, 0);
  int listener = (int)syscall(SYS_pidfd_getfd, pidfd, number, 0);
  if (listener < 0) return 125;
  __u64 flags = 1; /* SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP */
  ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS, flags);
  pthread_t thread;
  pthread_create(&thread, NULL, answer_loop, &listener);
  if (write(sock[0], "g", 1) != 1) return 125;
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
