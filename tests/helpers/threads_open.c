/* Victim: THREADS threads each open PATH COUNT times (tests that every thread is supervised). */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char* g_path;
static int g_count;

static void* opener(void* arg) {
  (void)arg;
  for (int i = 0; i < g_count; ++i) {
    int fd = open(g_path, O_RDONLY);
    if (fd >= 0) close(fd);
  }
  return NULL;
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: threads_open THREADS COUNT PATH\n");
    return 2;
  }
  int threads = atoi(argv[1]);
  g_count = atoi(argv[2]);
  g_path = argv[3];
  pthread_t ids[64];
  if (threads > 64) threads = 64;
  for (int i = 0; i < threads; ++i) pthread_create(&ids[i], NULL, opener, NULL);
  for (int i = 0; i < threads; ++i) pthread_join(ids[i], NULL);
  printf("done\n");
  return 0;
}
