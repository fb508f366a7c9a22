/* Victim: listens on 127.0.0.1 (ephemeral port), connects to it, prints "PORT". */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  int server = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = {0};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (bind(server, (struct sockaddr*)&addr, sizeof addr) != 0 || listen(server, 1) != 0 ||
      getsockname(server, (struct sockaddr*)&addr, &len) != 0) {
    perror("listen");
    return 1;
  }
  int client = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(client, (struct sockaddr*)&addr, sizeof addr) != 0) {
    perror("connect");
    return 1;
  }
  printf("%u\n", (unsigned)ntohs(addr.sin_port));
  close(client);
  close(server);
  return 0;
}
