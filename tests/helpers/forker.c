/* Victim: forks CHILDREN children; each opens PATH as its very first syscall after fork and
 * exits with its index. Prints the child pids. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: forker CHILDREN PATH\n");
    return 2;
  }
  int children = atoi(argv[1]);
  for (int i = 0; i < children; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      int fd = open(argv[2], O_RDONLY);
      _exit(fd >= 0 ? i : 100);
    }
    printf("%d\n", (int)pid);
  }
  int failures = 0;
  for (int i = 0; i < children; ++i) {
    int status = 0;
    wait(&status);
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 100) ++failures;
  }
  return failures;
}
