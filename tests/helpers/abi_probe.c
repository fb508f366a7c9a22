/* Victim for lanner's ABI hardening (threats.md T01-T03). One probe per run; prints
 * "<probe> ret=<value> errno=<name-or-number>" and exits 0.
 *   abi_probe io_uring            io_uring_setup/enter/register through raw syscall()
 *   abi_probe x32 PATH            openat(O_CREAT) of PATH with the x32 bit set in the number
 *   abi_probe i386 PATH           creat(PATH) through int $0x80 (i386 nr 8), path below 4 GiB
 * A creating probe must leave no PATH behind when the call is refused. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define X32_SYSCALL_BIT 0x40000000L
#define I386_CREAT 8

static void report(const char* probe, long ret) {
  printf("%s ret=%ld errno=%d\n", probe, ret, ret < 0 ? errno : 0);
}

static int probe_io_uring(void) {
  unsigned char params[120]; /* struct io_uring_params: the kernel wants it zeroed */
  memset(params, 0, sizeof params);
  report("io_uring_setup", syscall(SYS_io_uring_setup, 4, params));
  report("io_uring_enter", syscall(SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0));
  report("io_uring_register", syscall(SYS_io_uring_register, -1, 0, NULL, 0));
  return 0;
}

static int probe_x32(const char* path) {
  report("x32_openat", syscall(SYS_openat | X32_SYSCALL_BIT, AT_FDCWD, path, O_CREAT | O_WRONLY, 0600));
  return 0;
}

/* int $0x80 from a 64-bit process: the i386 table, arguments truncated to 32 bits. */
static long int80(long nr, long a, long b) {
  long ret;
  __asm__ volatile("int $0x80"
                   : "=a"(ret)
                   : "a"(nr), "b"(a), "c"(b)
                   : "memory", "r8", "r9", "r10", "r11");
  return ret;
}

static int probe_i386(const char* path) {
  /* int 0x80 sees only the low 32 bits of a pointer: put the path below 4 GiB. */
  char* low = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
  if (low == MAP_FAILED) {
    perror("mmap");
    return 2;
  }
  strncpy(low, path, 4095);
  long ret = int80(I386_CREAT, (long)(uintptr_t)low, 0600);
  if (ret < 0) {
    errno = (int)-ret;
    ret = -1;
  }
  report("i386_creat", ret);
  return 0;
}

int main(int argc, char** argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc == 2 && strcmp(argv[1], "io_uring") == 0) return probe_io_uring();
  if (argc == 3 && strcmp(argv[1], "x32") == 0) return probe_x32(argv[2]);
  if (argc == 3 && strcmp(argv[1], "i386") == 0) return probe_i386(argv[2]);
  fprintf(stderr, "usage: abi_probe io_uring | x32 PATH | i386 PATH\n");
  return 2;
}
