#pragma once
// Helpers shared by the output tests: temp dirs, file reading, sample alerts.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "output/alert.h"

namespace lanner::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "lanner-output-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline size_t count_lines(const std::string& text) {
  size_t n = 0;
  for (char c : text) n += c == '\n' ? 1 : 0;
  return n;
}

inline output::Alert sample_alert(const std::string& rule = "Test rule", const std::string& msg = "hello") {
  output::Alert a;
  a.time_ns = 1700000000000000000ull;
  a.rule = rule;
  a.priority = rules::Priority::kWarning;
  a.output = msg;
  a.output_fields = {{"evt.time", a.time_ns}, {"proc.name", "cat"}};
  a.hostname = "testhost";
  a.tags = {"t1"};
  return a;
}

}  // namespace lanner::testing
