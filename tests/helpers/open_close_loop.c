/* Benchmark victim: COUNT x (openat PATH + close). */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char** argv) {
  long count = argc > 1 ? atol(argv[1]) : 200000;
  const char* path = argc > 2 ? argv[2] : "/etc/hostname";
  for (long i = 0; i < count; ++i) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 1;
    close(fd);
  }
  return 0;
}
