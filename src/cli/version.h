#pragma once
namespace lanner::cli {
inline constexpr const char* kLannerVersion = "0.1.0";
// The Falco rules engine version whose language lanner implements (Falco 0.44: 0.62.0).
inline constexpr const char* kFalcoEngineVersion = "0.62.0";
}  // namespace lanner::cli
