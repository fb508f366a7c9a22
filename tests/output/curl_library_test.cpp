// libcurl is loaded at run time, not linked: the HTTP output still finds every function it
// calls, a missing library is an error that says which, and lanner's binary does not pull in
// libcurl's dependency tree at start-up.
#include "output/curl_library.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace lanner::output {
namespace {

TEST(CurlLibrary, LoadsEveryFunctionTheHttpOutputCalls) {
  std::string error;
  auto lib = CurlLibrary::load(error);
  ASSERT_NE(lib, nullptr) << error;
  EXPECT_TRUE(error.empty());
  CURL* handle = lib->easy_init();
  ASSERT_NE(handle, nullptr);
  EXPECT_EQ(lib->easy_setopt(handle, CURLOPT_URL, "http://127.0.0.1:1/"), CURLE_OK);
  EXPECT_STREQ(lib->easy_strerror(CURLE_OK), "No error");
  curl_slist* headers = lib->slist_append(nullptr, "Expect:");
  EXPECT_NE(headers, nullptr);
  lib->slist_free_all(headers);
  lib->easy_cleanup(handle);
}

TEST(CurlLibrary, AMissingLibraryIsAnErrorNamingIt) {
  std::string error;
  EXPECT_EQ(CurlLibrary::load(error, "libcurl-not-there.so.4"), nullptr);
  EXPECT_NE(error.find("libcurl-not-there.so.4"), std::string::npos) << error;
}

TEST(CurlLibrary, LannerDoesNotLinkLibcurl) {
  const std::string command = "readelf -d " LANNER_BINARY_DIR "/lanner 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string dynamic;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) dynamic += buffer;
  ASSERT_EQ(pclose(pipe), 0) << dynamic;
  EXPECT_NE(dynamic.find("NEEDED"), std::string::npos) << dynamic;
  EXPECT_EQ(dynamic.find("libcurl"), std::string::npos) << dynamic;
}

}  // namespace
}  // namespace lanner::output
