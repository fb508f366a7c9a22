/* Victim with hostile syscall arguments (threats.md T26-T28): garbage pointers, paths at the
 * PATH_MAX limit, a path running into a PROT_NONE page, non-UTF-8 and control-character file
 * names. Prints one "<case> ret=<r> errno=<e>" line per call, so a run under lanner can be
 * compared byte for byte with a native run. DIR is an empty scratch directory.
 *   garbage_args DIR */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void report(const char* name, long ret) {
  printf("%s ret=%ld errno=%d\n", name, ret < 0 ? -1L : (ret > 0 ? 1L : 0L), ret < 0 ? errno : 0);
  if (ret > 2 && strstr(name, "open") != NULL) close((int)ret);
}

static void bad_pointers(void) {
  const uintptr_t pointers[] = {0, UINTPTR_MAX, 0xffffffff81000000UL, 0x10000};
  const char* names[] = {"null", "minus_one", "kernel", "unmapped"};
  char name[64];
  for (int i = 0; i < 4; ++i) {
    const char* p = (const char*)pointers[i];
    snprintf(name, sizeof name, "openat_%s", names[i]);
    report(name, syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
    snprintf(name, sizeof name, "execve_%s", names[i]);
    report(name, syscall(SYS_execve, p, p, p));
    snprintf(name, sizeof name, "rename_%s", names[i]);
    report(name, syscall(SYS_rename, p, p));
    snprintf(name, sizeof name, "connect_%s", names[i]);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    report(name, syscall(SYS_connect, s, p, sizeof(struct sockaddr_in)));
    close(s);
  }
}

/* "/tmp/x" whose last byte is the last byte of a page followed by a PROT_NONE page: no NUL. */
static void path_at_page_end(void) {
  long page = sysconf(_SC_PAGESIZE);
  char* two = mmap(NULL, (size_t)(2 * page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (two == MAP_FAILED) return;
  mprotect(two + page, (size_t)page, PROT_NONE);
  char* path = two + page - 6;
  memcpy(path, "/tmp/x", 6);
  report("openat_page_end", syscall(SYS_openat, AT_FDCWD, path, O_RDONLY));
  report("stat_page_end", syscall(SYS_newfstatat, AT_FDCWD, path, &(struct stat){0}, 0));
  munmap(two, (size_t)(2 * page));
}

/* DIR + "/" + "a/a/a..." padded to exactly `length` bytes (components stay under NAME_MAX). */
static void long_path(const char* dir, size_t length, const char* name) {
  char* path = malloc(length + 1);
  size_t used = (size_t)snprintf(path, length + 1, "%s/", dir);
  for (; used < length; ++used) path[used] = (used % 2 == 0) ? 'a' : '/';
  path[length] = '\0';
  if (path[length - 1] == '/') path[length - 1] = 'b';
  report(name, syscall(SYS_openat, AT_FDCWD, path, O_RDONLY));
  free(path);
}

static void odd_names(const char* dir) {
  const char* names[] = {"\xff\xfe", "a\nb", "a\x1b[31mred", "tab\there", "\x01\x02\x7f"};
  char path[256], label[32];
  for (int i = 0; i < 5; ++i) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    snprintf(label, sizeof label, "create_odd_%d", i);
    report(label, syscall(SYS_openat, AT_FDCWD, path, O_CREAT | O_WRONLY | O_EXCL, 0600));
    snprintf(label, sizeof label, "unlink_odd_%d", i);
    report(label, syscall(SYS_unlink, path));
  }
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: garbage_args DIR\n");
    return 2;
  }
  setvbuf(stdout, NULL, _IONBF, 0);
  bad_pointers();
  path_at_page_end();
  long_path(argv[1], 4095, "openat_4095");
  long_path(argv[1], 4096, "openat_4096");
  long_path(argv[1], 8192, "openat_8192");
  odd_names(argv[1]);
  return 0;
}
