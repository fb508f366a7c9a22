#include "output/http_sink.h"

#include "output/curl_library.h"

namespace lanner::output {
namespace {

size_t collect_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Non-zero aborts the transfer: lets shutdown interrupt a request stuck on a slow server.
int abort_if_cancelled(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<std::atomic<bool>*>(user)->load() ? 1 : 0;
}

}  // namespace

HttpSink::HttpSink(HttpSinkOptions options, FormatOptions format)
    : options_(std::move(options)), format_(format), curl_lib_(CurlLibrary::load(load_error_)) {
  if (!curl_lib_) return;
  // Reference-counted and thread-safe in libcurl >= 7.84; paired with cleanup in the destructor.
  curl_lib_->global_init(CURL_GLOBAL_DEFAULT);
  configure_handle();
}

HttpSink::~HttpSink() {
  if (!curl_lib_) return;
  if (curl_ != nullptr) curl_lib_->easy_cleanup(static_cast<CURL*>(curl_));
  curl_lib_->slist_free_all(static_cast<curl_slist*>(headers_));
  curl_lib_->global_cleanup();
}

void HttpSink::configure_handle() {
  const CurlLibrary& lib = *curl_lib_;
  CURL* curl = lib.easy_init();
  curl_ = curl;
  if (curl == nullptr) return;
  curl_slist* headers = nullptr;
  headers = lib.slist_append(headers, format_.json_output ? "Content-Type: application/json"
                                                           : "Content-Type: text/plain");
  headers = lib.slist_append(headers, "Expect:");  // no 100-continue round trip
  headers_ = headers;
  lib.easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
  lib.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  lib.easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  lib.easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
  lib.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
  lib.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM in a multi-threaded process
  lib.easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  lib.easy_setopt(curl, CURLOPT_WRITEDATA, &response_);
  lib.easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  lib.easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, abort_if_cancelled);
  lib.easy_setopt(curl, CURLOPT_XFERINFODATA, &cancelled_);
  lib.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  if (options_.insecure) {
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    lib.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!options_.ca_cert.empty()) lib.easy_setopt(curl, CURLOPT_CAINFO, options_.ca_cert.c_str());
  if (!options_.ca_bundle.empty()) lib.easy_setopt(curl, CURLOPT_CAINFO, options_.ca_bundle.c_str());
  if (!options_.ca_path.empty()) lib.easy_setopt(curl, CURLOPT_CAPATH, options_.ca_path.c_str());
  if (options_.mtls) {
    lib.easy_setopt(curl, CURLOPT_SSLCERT, options_.client_cert.c_str());
    lib.easy_setopt(curl, CURLOPT_SSLKEY, options_.client_key.c_str());
  }
}

DeliveryResult HttpSink::deliver(const Alert& alert) {
  if (cancelled_) return DeliveryResult::failure("http: cancelled");
  if (!curl_lib_) return DeliveryResult::failure("http: " + load_error_);
  const CurlLibrary& lib = *curl_lib_;
  auto* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return DeliveryResult::failure("http: cannot initialise libcurl");
  const std::string body = format_alert(alert, format_);
  response_.clear();
  lib.easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  lib.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  CURLcode rc = lib.easy_perform(curl);
  lib.easy_setopt(curl, CURLOPT_POSTFIELDS, nullptr);  // body dies with this scope
  if (rc != CURLE_OK) {
    return DeliveryResult::failure("http: POST " + options_.url + " failed: " + lib.easy_strerror(rc));
  }
  long status = 0;
  lib.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    return DeliveryResult::failure("http: POST " + options_.url + " answered " + std::to_string(status));
  }
  if (!options_.echo) response_.clear();
  return DeliveryResult::success();
}

void HttpSink::reopen() {
  if (!curl_lib_) return;
  // A fresh handle drops pooled connections (e.g. after the receiver moved).
  if (curl_ != nullptr) curl_lib_->easy_cleanup(static_cast<CURL*>(curl_));
  curl_lib_->slist_free_all(static_cast<curl_slist*>(headers_));
  curl_ = nullptr;
  headers_ = nullptr;
  configure_handle();
}

}  // namespace lanner::output
