#pragma once
// Alerts POSTed one per request to an HTTP(S) endpoint (http_output), e.g. falcosidekick.
// Content-Type application/json with json_output, text/plain otherwise (as Falco). Any 2xx
// answer is a delivery; anything else, or a transport error or timeout, is a failure.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "output/alert_format.h"
#include "output/curl_library.h"
#include "output/sink.h"

namespace lanner::output {

struct HttpSinkOptions {
  std::string url;
  std::string user_agent = "falcosecurity/falco";
  bool insecure = false;         // skip TLS peer and host verification
  std::string ca_cert, ca_bundle, ca_path;
  bool mtls = false;
  std::string client_cert, client_key;
  bool echo = false;             // the response body is kept in last_response() (for debugging)
  uint32_t timeout_ms = 5000;    // whole request
  uint32_t connect_timeout_ms = 2000;
};

class HttpSink final : public AlertSink {
 public:
  HttpSink(HttpSinkOptions options, FormatOptions format);
  ~HttpSink() override;
  HttpSink(const HttpSink&) = delete;
  HttpSink& operator=(const HttpSink&) = delete;

  std::string name() const override { return "http"; }
  DeliveryResult deliver(const Alert& alert) override;
  void reopen() override;
  void cancel() override { cancelled_ = true; }

  const std::string& last_response() const { return response_; }

 private:
  void configure_handle();

  HttpSinkOptions options_;
  FormatOptions format_;
  std::string load_error_;                // why curl_lib_ is missing
  std::unique_ptr<CurlLibrary> curl_lib_;
  void* curl_ = nullptr;         // CURL*, kept across requests for connection reuse
  void* headers_ = nullptr;      // curl_slist*
  std::string response_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace lanner::output
