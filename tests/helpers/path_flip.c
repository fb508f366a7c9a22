/* T05 (threats.md): one thread opens the path in a shared buffer in a loop while a second
 * thread keeps flipping that buffer between a harmless file and a sensitive one. Under an
 * enforcing monitor the sensitive file must never be opened, whatever the timing.
 * Usage: path_flip OK_PATH SECRET_PATH COUNT
 * Prints "opened_ok=N opened_secret=N refused=N". Exit 0 unless setup failed. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char path[4096];
static const char* choices[2];
static atomic_int stop;

static void* flipper(void* arg) {
  (void)arg;
  unsigned i = 0;
  while (!atomic_load(&stop)) {
    /* Byte-wise copies on purpose: the opener may see a torn mix, which is fine too. */
    const char* next = choices[++i & 1];
    size_t n = strlen(next);
    memcpy(path, next, n + 1);
  }
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 4) return 2;
  choices[0] = argv[1];
  choices[1] = argv[2];
  long count = atol(argv[3]);
  struct stat secret;
  if (stat(argv[2], &secret) != 0) return 2;
  strcpy(path, argv[1]);
  pthread_t thread;
  if (pthread_create(&thread, NULL, flipper, NULL) != 0) return 2;
  long opened_ok = 0, opened_secret = 0, refused = 0;
  for (long i = 0; i < count; ++i) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
      if (errno == EPERM) ++refused;
      continue;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_dev == secret.st_dev && st.st_ino == secret.st_ino) {
      ++opened_secret;
    } else {
      ++opened_ok;
    }
    close(fd);
  }
  atomic_store(&stop, 1);
  pthread_join(thread, NULL);
  printf("opened_ok=%ld opened_secret=%ld refused=%ld\n", opened_ok, opened_secret, refused);
  return 0;
}
