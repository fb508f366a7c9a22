#pragma once
// A minimal blocking HTTP/1.1 receiver on 127.0.0.1:<ephemeral> for sink tests: records each
// request (method, path, headers, body) and answers with a configurable status. One connection
// at a time, keep-alive supported; enough for libcurl's one-request-at-a-time POSTs.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace lanner::testing {

struct HttpRequest {
  std::string method, path, body;
  std::map<std::string, std::string> headers;  // lower-case names
};

class HttpReceiver {
 public:
  HttpReceiver() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(listen_fd_, 16);
    thread_ = std::thread([this] { serve(); });
  }
  ~HttpReceiver() {
    stop_ = true;
    thread_.join();
    ::close(listen_fd_);
  }
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;

  std::string url(const std::string& path = "/") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void set_status(int status) { status_ = status; }
  void set_silent(bool silent) { silent_ = silent; }  // read requests, never answer
  std::vector<HttpRequest> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }
  size_t request_count() {
    std::lock_guard lock(mu_);
    return requests_.size();
  }

 private:
  bool wait_readable(int fd) {
    while (!stop_) {
      pollfd p{fd, POLLIN, 0};
      int rc = ::poll(&p, 1, 20);
      if (rc > 0) return true;
      if (rc < 0 && errno != EINTR) return false;
    }
    return false;
  }

  void serve() {
    while (wait_readable(listen_fd_)) {
      int conn = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (conn < 0) continue;
      handle(conn);
      ::close(conn);
    }
  }

  // Reads requests off one connection until the client closes it or we stop.
  void handle(int conn) {
    std::string buffer;
    while (true) {
      size_t header_end;
      while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
        if (!read_more(conn, buffer)) return;
      }
      HttpRequest req = parse_head(buffer.substr(0, header_end));
      size_t body_len = std::stoul(req.headers.count("content-length") ? req.headers["content-length"] : "0");
      buffer.erase(0, header_end + 4);
      while (buffer.size() < body_len) {
        if (!read_more(conn, buffer)) return;
      }
      req.body = buffer.substr(0, body_len);
      buffer.erase(0, body_len);
      {
        std::lock_guard lock(mu_);
        requests_.push_back(req);
      }
      if (silent_) {
        while (read_more(conn, buffer)) {}
        return;
      }
      std::string reply = "HTTP/1.1 " + std::to_string(status_.load()) + " Status\r\n" +
                          "Content-Length: 2\r\nContent-Type: text/plain\r\n\r\nok";
      if (::send(conn, reply.data(), reply.size(), MSG_NOSIGNAL) < 0) return;
    }
  }

  bool read_more(int conn, std::string& buffer) {
    if (!wait_readable(conn)) return false;
    char chunk[4096];
    ssize_t n = ::recv(conn, chunk, sizeof(chunk), 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    return true;
  }

  static HttpRequest parse_head(const std::string& head) {
    HttpRequest req;
    size_t line_end = head.find("\r\n");
    std::string first = head.substr(0, line_end);
    size_t sp1 = first.find(' '), sp2 = first.find(' ', sp1 + 1);
    req.method = first.substr(0, sp1);
    req.path = first.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      size_t end = head.find("\r\n", pos);
      if (end == std::string::npos) end = head.size();
      std::string line = head.substr(pos, end - pos);
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        size_t v = line.find_first_not_of(' ', colon + 1);
        req.headers[name] = v == std::string::npos ? "" : line.substr(v);
      }
      pos = end + 2;
    }
    return req;
  }

  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> status_{200};
  std::atomic<bool> silent_{false};
  std::mutex mu_;
  std::vector<HttpRequest> requests_;
  std::thread thread_;
};

// A port on 127.0.0.1 with nobody listening (bound, then released).
inline uint16_t closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace lanner::testing
