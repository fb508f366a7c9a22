/* Benchmark victim: COUNT x syscall(SYS_getpid) (never trapped). Prints the loop's own cost
 * ("getpid_loop: N ns/op") to stderr, so a benchmark can tell the per-call cost under a
 * supervisor apart from the supervisor's start-up, which whole-command timing includes. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char** argv) {
  long count = argc > 1 ? atol(argv[1]) : 200000;
  double start = now_ns();
  for (long i = 0; i < count; ++i) syscall(SYS_getpid);
  double elapsed = now_ns() - start;
  if (count > 0) fprintf(stderr, "getpid_loop: %.1f ns/op\n", elapsed / (double)count);
  return 0;
}
