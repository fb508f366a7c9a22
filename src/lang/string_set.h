#pragma once
// Membership test for the constant string lists of `in` / `intersects` checks, built once at
// compile time. Upstream rules test proc.name, fd.name... against lists of 2 to 300 names
// dozens of times per event, so the test avoids what a generic set costs per lookup: small
// lists are scanned comparing lengths before bytes; larger ones use an open-addressing table
// whose hash reads at most 16 bytes of the key (the length, its first and its last 8 bytes).
#include <cstdint>
#include <string_view>
#include <vector>

namespace lanner::lang {

class StringSet {
 public:
  StringSet() = default;
  // The views must outlive the set (they point into the check's ConstantRhs storage).
  explicit StringSet(const std::vector<std::string_view>& items);

  bool contains(std::string_view key) const {
    if (table_.empty()) return scan(key);
    return probe(key);
  }
  size_t size() const { return items_.size(); }

  // The set's hash, also cheap for other tables keyed by short names (engine::RuleSet's event
  // types): the length and at most 16 bytes, with fixed-size loads only.
  static uint64_t hash(std::string_view key);

 private:
  static constexpr size_t kScanLimit = 8;  // up to this many items, a scan beats hashing

  bool scan(std::string_view key) const;
  bool probe(std::string_view key) const;

  std::vector<std::string_view> items_;  // as listed (repeats included)
  std::vector<uint32_t> table_;          // index into items_ + 1; 0 = empty slot
  uint64_t mask_ = 0;
};

}  // namespace lanner::lang
