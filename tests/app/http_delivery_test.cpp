// `lanner run` with http_output (falcosidekick's endpoint shape): a receiver started by the test
// on 127.0.0.1 gets every alert; when it fails, losses are counted, reported and change the exit code.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "app/run_support.h"

namespace lanner::testing {
namespace {

// A minimal HTTP/1.1 receiver: answers every POST with `status` and keeps the bodies.
class Receiver {
 public:
  explicit Receiver(int status) : status_(status) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socklen_t len = sizeof(addr);
    getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    listen(fd_, 16);
    thread_ = std::thread([this] { serve(); });
  }
  ~Receiver() {
    stop_ = true;
    thread_.join();
    close(fd_);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      int client = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      handle_connection(client);
      close(client);
    }
  }
  // Serves requests on one (keep-alive) connection until the peer closes it.
  void handle_connection(int client) {
    std::string buffer;
    while (!stop_) {
      size_t header_end;
      while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
        if (!read_more(client, buffer)) return;
      }
      size_t length = 0;
      auto cl = buffer.find("Content-Length:");
      if (cl == std::string::npos) cl = buffer.find("content-length:");
      if (cl != std::string::npos && cl < header_end) length = std::stoul(buffer.substr(cl + 15));
      while (buffer.size() < header_end + 4 + length) {
        if (!read_more(client, buffer)) return;
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        bodies_.push_back(buffer.substr(header_end + 4, length));
      }
      buffer.erase(0, header_end + 4 + length);
      std::string reply = "HTTP/1.1 " + std::to_string(status_) +
                          (status_ == 200 ? " OK" : " Internal Server Error") +
                          "\r\nContent-Length: 0\r\n\r\n";
      if (write(client, reply.data(), reply.size()) < 0) return;
    }
  }
  bool read_more(int client, std::string& buffer) {
    pollfd p{client, POLLIN, 0};
    if (poll(&p, 1, 2000) <= 0) return false;
    char chunk[4096];
    ssize_t n = read(client, chunk, sizeof(chunk));
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int status_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::string> bodies_;
  std::thread thread_;
};

const char* kRules = "/tmp/lanner-e2e-http-rules.yaml";

void write_rules() {
  std::ofstream(kRules) << "- rule: Hostname read\n"
                           "  desc: test\n"
                           "  condition: evt.type in (open, openat) and fd.name = /etc/hostname\n"
                           "  output: hostname read by %proc.name (file=%fd.name)\n"
                           "  priority: WARNING\n"
                           "  tags: [test]\n";
}

std::string run_with_http(const std::string& url, const std::string& extra = "") {
  return lanner_binary() + " run -r " + kRules + " -o stdout_output.enabled=false" +
         " -o json_output=true -o http_output.enabled=true -o http_output.url=" + url +
         " -o lanner.output_retry_backoff_ms=10 " + extra +
         " -- sh -c 'for i in 1 2 3 4 5; do cat /etc/hostname; done'";
}

TEST(HttpDelivery, ReceiverGetsEveryAlert) {
  write_rules();
  Receiver receiver(200);
  auto r = run_shell(run_with_http(receiver.url()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto bodies = receiver.bodies();
  ASSERT_EQ(bodies.size(), 5u);
  for (const auto& body : bodies) {
    auto alert = nlohmann::json::parse(body);
    EXPECT_EQ(alert["rule"], "Hostname read");
    EXPECT_EQ(alert["output_fields"]["fd.name"], "/etc/hostname");
    expect_falcosidekick_accepts(alert);
  }
}

TEST(HttpDelivery, ServerErrorsAreCountedReportedAndFailTheRun) {
  write_rules();
  Receiver receiver(500);
  auto r = run_shell(run_with_http(receiver.url()));
  EXPECT_EQ(r.exit_code, 121) << r.err;  // the program succeeded, but alerts were lost
  // The 5 rule alerts, plus lanner's own "alerts dropped" report if its reporter ran before
  // shutdown (with a single sink it goes to that sink too, and fails the same way).
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.err, m, std::regex(R"((\d+) alert\(s\) could not be delivered)"))) << r.err;
  EXPECT_GE(std::stoi(m[1].str()), 5);
  EXPECT_LE(std::stoi(m[1].str()), 6);
  size_t rule_alerts_attempted = 0;
  for (const auto& body : receiver.bodies()) {
    if (nlohmann::json::parse(body)["rule"] == "Hostname read") ++rule_alerts_attempted;
  }
  EXPECT_GE(rule_alerts_attempted, 5u);  // every alert was attempted (with retries)
  // The program's own output is untouched.
  EXPECT_EQ(r.out, read_all("/etc/hostname") + read_all("/etc/hostname") + read_all("/etc/hostname") +
                       read_all("/etc/hostname") + read_all("/etc/hostname"));
}

TEST(HttpDelivery, ReceiverDownCountsLossesUnlessConfiguredNotToFail) {
  write_rules();
  // Port 9 (discard) on loopback has no listener here: connections are refused.
  auto strict = run_shell(run_with_http("http://127.0.0.1:9/"));
  EXPECT_EQ(strict.exit_code, 121) << strict.err;
  EXPECT_NE(strict.err.find("could not be delivered"), std::string::npos);
  auto lenient = run_shell(run_with_http("http://127.0.0.1:9/", "-o lanner.fail_on_dropped_alerts=false"));
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.err.find("could not be delivered"), std::string::npos);
}

}  // namespace
}  // namespace lanner::testing
