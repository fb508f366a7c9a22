#include "output/curl_library.h"

#include <dlfcn.h>

namespace lanner::output {
namespace {

template <typename Fn>
bool resolve(void* handle, const char* name, Fn& out, std::string& error) {
  out = reinterpret_cast<Fn>(dlsym(handle, name));
  if (out == nullptr) error = std::string("libcurl has no ") + name;
  return out != nullptr;
}

}  // namespace

std::unique_ptr<CurlLibrary> CurlLibrary::load(std::string& error, const char* soname) {
  // RTLD_LOCAL: its symbols stay out of lanner's namespace; dlopen counts references, so each
  // HTTP output holding its own CurlLibrary shares one mapping.
  void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    error = std::string("cannot load ") + soname + " (Debian package libcurl4): " + (why ? why : "");
    return nullptr;
  }
  std::unique_ptr<CurlLibrary> lib(new CurlLibrary());
  lib->handle_ = handle;
  const bool complete = resolve(handle, "curl_global_init", lib->global_init, error) &&
                        resolve(handle, "curl_global_cleanup", lib->global_cleanup, error) &&
                        resolve(handle, "curl_easy_init", lib->easy_init, error) &&
                        resolve(handle, "curl_easy_cleanup", lib->easy_cleanup, error) &&
                        resolve(handle, "curl_easy_setopt", lib->easy_setopt, error) &&
                        resolve(handle, "curl_easy_perform", lib->easy_perform, error) &&
                        resolve(handle, "curl_easy_strerror", lib->easy_strerror, error) &&
                        resolve(handle, "curl_easy_getinfo", lib->easy_getinfo, error) &&
                        resolve(handle, "curl_slist_append", lib->slist_append, error) &&
                        resolve(handle, "curl_slist_free_all", lib->slist_free_all, error);
  if (!complete) return nullptr;
  return lib;
}

CurlLibrary::~CurlLibrary() {
  if (handle_ != nullptr) dlclose(handle_);
}

}  // namespace lanner::output
