/* T05/T06/T07 (threats.md): one task opens a path in a loop while another keeps switching what
 * that path names between a harmless file and a sensitive one. Under an enforcing monitor the
 * sensitive file must never be opened, whatever the timing.
 * Usage: path_flip OK_PATH SECRET_PATH COUNT [MODE]
 *   thread  (default) a second thread flips the path buffer (T05);
 *   process the parent process flips a MAP_SHARED buffer the child opens from (T06);
 *   symlink the parent process swaps a symlink the child opens between the two files (T07).
 * Prints "opened_ok=N opened_secret=N refused=N". Exit 0 unless setup failed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { kPathMax = 4096 };

static char* path;  /* what the opener passes to open() */
static const char* choices[2];
static atomic_int stop;

static void flip_buffer_once(unsigned* i) {
  /* Byte-wise copies on purpose: the opener may see a torn mix, which is fine too. */
  const char* next = choices[++*i & 1];
  memcpy(path, next, strlen(next) + 1);
}

static void* flipper(void* arg) {
  (void)arg;
  unsigned i = 0;
  while (!atomic_load(&stop)) flip_buffer_once(&i);
  return NULL;
}

static void open_loop(long count, const struct stat* secret) {
  long opened_ok = 0, opened_secret = 0, refused = 0;
  for (long i = 0; i < count; ++i) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
      if (errno == EPERM) ++refused;
      continue;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && st.st_dev == secret->st_dev && st.st_ino == secret->st_ino) {
      ++opened_secret;
    } else {
      ++opened_ok;
    }
    close(fd);
  }
  printf("opened_ok=%ld opened_secret=%ld refused=%ld\n", opened_ok, opened_secret, refused);
  fflush(stdout);
}

static int run_threads(long count, const struct stat* secret) {
  static char buffer[kPathMax];
  path = buffer;
  strcpy(path, choices[0]);
  pthread_t thread;
  if (pthread_create(&thread, NULL, flipper, NULL) != 0) return 2;
  open_loop(count, secret);
  atomic_store(&stop, 1);
  pthread_join(thread, NULL);
  return 0;
}

/* The parent keeps calling `flip` until the opener (its child) exits. */
static int run_processes(long count, const struct stat* secret, int swap_symlink) {
  char link_path[kPathMax], tmp_path[kPathMax];
  snprintf(link_path, sizeof link_path, "%s.link", choices[0]);
  snprintf(tmp_path, sizeof tmp_path, "%s.tmp", choices[0]);
  path = mmap(NULL, kPathMax, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (path == MAP_FAILED) return 2;
  if (swap_symlink) {
    unlink(link_path);
    if (symlink(choices[0], link_path) != 0) return 2;
    strcpy(path, link_path);
  } else {
    strcpy(path, choices[0]);
  }
  pid_t opener = fork();
  if (opener < 0) return 2;
  if (opener == 0) {
    open_loop(count, secret);
    _exit(0);
  }
  unsigned i = 0;
  int status = 0;
  while (waitpid(opener, &status, WNOHANG) == 0) {
    if (!swap_symlink) {
      flip_buffer_once(&i);
      continue;
    }
    unlink(tmp_path);
    if (symlink(choices[++i & 1], tmp_path) == 0) rename(tmp_path, link_path);
  }
  unlink(link_path);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 2;
}

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) return 2;
  choices[0] = argv[1];
  choices[1] = argv[2];
  long count = atol(argv[3]);
  const char* mode = argc == 5 ? argv[4] : "thread";
  struct stat secret;
  if (stat(argv[2], &secret) != 0 || strlen(argv[1]) + 8 > kPathMax || strlen(argv[2]) >= kPathMax) {
    return 2;
  }
  if (strcmp(mode, "thread") == 0) return run_threads(count, &secret);
  if (strcmp(mode, "process") == 0) return run_processes(count, &secret, 0);
  if (strcmp(mode, "symlink") == 0) return run_processes(count, &secret, 1);
  return 2;
}
