/* Victim that leaves a daemon behind (threats.md T24, T32): forks a child that calls setsid and
 * forks the daemon, then exits; the daemon sleeps. The main process sleeps too. Writes
 * "MAIN_PID DAEMON_PID\n" to PIDFILE once both exist.
 *   daemonize PIDFILE */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: daemonize PIDFILE\n");
    return 2;
  }
  int report[2];
  if (pipe(report) != 0) return 1;
  pid_t middle = fork();
  if (middle == 0) {
    setsid();
    pid_t daemon = fork();
    if (daemon == 0) {
      close(report[0]);
      close(report[1]);
      for (;;) pause();
    }
    (void)!write(report[1], &daemon, sizeof daemon);
    _exit(0);
  }
  pid_t daemon = 0;
  close(report[1]);
  if (read(report[0], &daemon, sizeof daemon) != sizeof daemon) return 1;
  waitpid(middle, NULL, 0);
  FILE* out = fopen(argv[1], "w");
  if (out == NULL) return 1;
  fprintf(out, "%d %d\n", (int)getpid(), (int)daemon);
  fclose(out);
  for (;;) pause();
}
