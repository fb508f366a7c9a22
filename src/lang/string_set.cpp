#include "lang/string_set.h"

#include <bit>
#include <cstring>

namespace lanner::lang {

namespace {

template <typename Word>
Word load(const char* at) {
  Word v;
  std::memcpy(&v, at, sizeof v);  // fixed size: a plain load, not a call to memcpy
  return v;
}

// The key's first and last 8 bytes (overlapping when shorter than 16), or for keys shorter than
// 8 its first and last 4 bytes, or a few of its bytes: fixed-size loads only, since a
// variable-length copy costs a library call per half (~35 instructions per lookup).
uint64_t head_and_tail(std::string_view s, uint64_t& tail) {
  const char* d = s.data();
  size_t n = s.size();
  tail = 0;
  if (n >= 8) {
    tail = load<uint64_t>(d + n - 8);
    return load<uint64_t>(d);
  }
  if (n >= 4) return load<uint32_t>(d) | (uint64_t{load<uint32_t>(d + n - 4)} << 32);
  if (n == 0) return 0;
  auto byte = [d](size_t i) { return uint64_t{static_cast<unsigned char>(d[i])}; };
  return byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16;
}

// Equal texts, compared in fixed-size words like the hash (memcmp is a library call, about as
// costly as the rest of a lookup); only the middle of texts over 16 bytes goes to memcmp.
bool same(std::string_view a, std::string_view b) {
  size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    if (load<uint64_t>(x) != load<uint64_t>(y) || load<uint64_t>(x + n - 8) != load<uint64_t>(y + n - 8)) {
      return false;
    }
    return n <= 16 || std::memcmp(x + 8, y + 8, n - 16) == 0;
  }
  if (n >= 4) return load<uint32_t>(x) == load<uint32_t>(y) && load<uint32_t>(x + n - 4) == load<uint32_t>(y + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
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
  uint64_t tail = 0;
  uint64_t head = head_and_tail(key, tail);
  uint64_t h = (head ^ (tail * 0x9e3779b97f4a7c15ULL) ^ key.size()) * 0xff51afd7ed558ccdULL;
  return h ^ (h >> 29);
}

}  // namespace lanner::lang
