/* Benchmark victim: COUNT x (openat PATH + close). Prints the loop's own cost
 * ("open_close_loop: N ns/op") to stderr, so a benchmark can report the cost per trapped
 * openat without the supervisor's start-up, which whole-command timing includes. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char** argv) {
  long count = argc > 1 ? atol(argv[1]) : 200000;
  const char* path = argc > 2 ? argv[2] : "/etc/hostname";
  double start = now_ns();
  for (long i = 0; i < count; ++i) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 1;
    close(fd);
  }
  double elapsed = now_ns() - start;
  if (count > 0) fprintf(stderr, "open_close_loop: %.1f ns/op\n", elapsed / (double)count);
  return 0;
}
