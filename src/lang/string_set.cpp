#include "lang/string_set.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace lanner::lang {

namespace {

// Up to 8 bytes of `s` from `at` as an integer (zero-padded when fewer remain).
uint64_t load_up_to_8(std::string_view s, size_t at) {
  uint64_t v = 0;
  std::memcpy(&v, s.data() + at, std::min<size_t>(8, s.size() - at));
  return v;
}

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || (a[0] == b[0] && std::memcmp(a.data(), b.data(), a.size()) == 0));
}

}  // namespace

StringSet::StringSet(const std::vector<std::string_view>& items) : items_(items) {
  if (items_.size() <= kScanLimit) return;
  // At most half full, so that a miss ends after a probe or two. Repeated items (upstream
  // lists have some) take one slot.
  size_t slots = std::bit_ceil(items_.size() * 2);
  table_.assign(slots, 0);
  mask_ = slots - 1;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (probe(items_[i])) continue;
    uint64_t at = hash(items_[i]) & mask_;
    while (table_[at] != 0) at = (at + 1) & mask_;
    table_[at] = static_cast<uint32_t>(i + 1);
  }
}

bool StringSet::scan(std::string_view key) const {
  for (std::string_view item : items_) {
    if (same(item, key)) return true;
  }
  return false;
}

bool StringSet::probe(std::string_view key) const {
  uint64_t at = hash(key) & mask_;
  while (uint32_t entry = table_[at]) {
    if (same(items_[entry - 1], key)) return true;
    at = (at + 1) & mask_;
  }
  return false;
}

uint64_t StringSet::hash(std::string_view key) {
  uint64_t head = key.empty() ? 0 : load_up_to_8(key, 0);
  uint64_t tail = key.size() > 8 ? load_up_to_8(key, key.size() - 8) : 0;
  uint64_t h = (head ^ (tail * 0x9e3779b97f4a7c15ULL) ^ key.size()) * 0xff51afd7ed558ccdULL;
  return h ^ (h >> 29);
}

}  // namespace lanner::lang
