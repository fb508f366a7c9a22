/* Victim: copies PROGRAM into a memfd and executes it from there (fileless execution). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: memfd_exec PROGRAM [ARGS...]\n");
    return 2;
  }
  int src = open(argv[1], O_RDONLY | O_CLOEXEC);
  int mem = memfd_create("lanner-test", MFD_CLOEXEC);
  if (src < 0 || mem < 0) {
    perror("open");
    return 1;
  }
  char buf[65536];
  ssize_t n;
  while ((n = read(src, buf, sizeof buf)) > 0) {
    if (write(mem, buf, (size_t)n) != n) return 1;
  }
  extern char** environ;
  syscall(SYS_execveat, mem, "", argv + 1, environ, AT_EMPTY_PATH);
  perror("execveat");
  return 1;
}
