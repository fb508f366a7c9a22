#pragma once
// libcurl, loaded with dlopen when an HTTP output is built instead of linked into lanner.
// Linking it pulled ~30 shared libraries (TLS, Kerberos, LDAP, SSH...) into every start
// (`lanner --version`: 8.3 ms, most of it symbol lookup) and into the supervisor's address
// space, while most runs never post an alert. The header still gives the types and constants.
#include <curl/curl.h>

#include <memory>
#include <string>

namespace lanner::output {

class CurlLibrary {
 public:
  // nullptr, with `error` saying why, when the library (libcurl.so.4 unless a test names
  // another) or one of its functions is missing.
  static std::unique_ptr<CurlLibrary> load(std::string& error, const char* soname = "libcurl.so.4");
  ~CurlLibrary();
  CurlLibrary(const CurlLibrary&) = delete;
  CurlLibrary& operator=(const CurlLibrary&) = delete;

  CURLcode (*global_init)(long flags) = nullptr;
  void (*global_cleanup)() = nullptr;
  CURL* (*easy_init)() = nullptr;
  void (*easy_cleanup)(CURL* handle) = nullptr;
  CURLcode (*easy_setopt)(CURL* handle, CURLoption option, ...) = nullptr;
  CURLcode (*easy_perform)(CURL* handle) = nullptr;
  const char* (*easy_strerror)(CURLcode code) = nullptr;
  CURLcode (*easy_getinfo)(CURL* handle, CURLINFO info, ...) = nullptr;
  curl_slist* (*slist_append)(curl_slist* list, const char* text) = nullptr;
  void (*slist_free_all)(curl_slist* list) = nullptr;

 private:
  CurlLibrary() = default;
  void* handle_ = nullptr;
};

}  // namespace lanner::output
