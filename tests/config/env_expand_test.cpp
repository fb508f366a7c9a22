#include "config/env_expand.h"

#include <gtest/gtest.h>

#include <map>

namespace lanner::config {
namespace {

EnvLookup fake_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    static const std::map<std::string, std::string> kVars{{"HOME", "/root"}, {"EMPTY", ""}};
    auto it = kVars.find(name);
    if (it == kVars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(EnvExpandTest, FalcoRules) {
  const EnvLookup env = fake_env();
  EXPECT_EQ(expand_env("${HOME}", env), "/root");
  EXPECT_EQ(expand_env("dir=${HOME}/x ${HOME}", env), "dir=/root/x /root");
  EXPECT_EQ(expand_env("${UNSET}", env), "");
  EXPECT_EQ(expand_env("${EMPTY}x", env), "x");
  EXPECT_EQ(expand_env("$${HOME}", env), "${HOME}");      // escape
  EXPECT_EQ(expand_env("a$${HOME}b${HOME}", env), "a${HOME}b/root");
  EXPECT_EQ(expand_env("$HOME and $", env), "$HOME and $");  // only ${...} expands
  EXPECT_EQ(expand_env("${HOME", env), "${HOME");           // unterminated kept
  EXPECT_EQ(expand_env("100$", env), "100$");
}

}  // namespace
}  // namespace lanner::config
