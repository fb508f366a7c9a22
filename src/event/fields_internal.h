#pragma once
// Shared plumbing of the field classes (fields_evt.cpp, fields_proc.cpp, fields_fd.cpp,
// fields_user.cpp, fields_container.cpp). Not part of the public API: field_registry.h is.
//
// A FieldInfo id is (class << 8 | local id); each class file owns its local enum, its descriptor
// table (in that enum's order) and one extract function dispatching on the local id.
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <span>
#include <string>
#include <string_view>

#include "event/event.h"
#include "lang/field_catalog.h"

namespace lanner::event::fields {

using lang::FieldArgKind;
using lang::FieldInfo;
using lang::FieldRef;
using lang::FieldType;
using lang::FieldValue;
using lang::FieldValues;

enum class FieldClass : uint8_t { kEvt = 1, kProc = 2, kFd = 3, kUser = 4, kContainer = 5 };

constexpr uint16_t make_id(FieldClass cls, uint8_t local) {
  return static_cast<uint16_t>((static_cast<unsigned>(cls) << 8) | local);
}
constexpr FieldClass class_of(uint16_t id) { return static_cast<FieldClass>(id >> 8); }
constexpr uint8_t local_of(uint16_t id) { return static_cast<uint8_t>(id & 0xff); }

// Strings composed for one event. Slots keep their capacity across events, and a deque never
// moves its elements, so views handed out stay valid until clear().
class ScratchArena {
 public:
  std::string& next() {
    if (used_ == slots_.size()) slots_.emplace_back();
    std::string& slot = slots_[used_++];
    slot.clear();
    return slot;
  }
  void clear() { used_ = 0; }

 private:
  std::deque<std::string> slots_;
  size_t used_ = 0;
};

// Rendered flag/enum/mode parameters ("O_RDONLY|O_CLOEXEC"), kept across events. The text
// depends on the parameter and its value only, and a program uses a few values over and over
// (nearly every open is O_RDONLY|O_CLOEXEC), while rendering walks the name table and builds the
// string each time: ~600 instructions per openat for upstream's `evt.arg.flags contains O_CREAT`.
// One entry per parameter: a text stays valid until the same parameter is stored with another
// value, which cannot happen within one event.
class FlagTextCache {
 public:
  const std::string* find(const ParamInfo* param, int64_t value) const {
    for (const Entry& e : entries_) {
      if (e.param == param) return e.value == value ? &e.text : nullptr;
    }
    return nullptr;
  }
  const std::string& store(const ParamInfo* param, int64_t value, std::string_view text) {
    Entry* entry = nullptr;
    for (Entry& e : entries_) {
      if (e.param == param) entry = &e;
    }
    if (entry == nullptr) entry = &entries_.emplace_back();
    entry->param = param;
    entry->value = value;
    entry->text.assign(text);
    return entry->text;
  }

 private:
  struct Entry {
    const ParamInfo* param = nullptr;
    int64_t value = 0;
    std::string text;
  };
  std::deque<Entry> entries_;  // a deque keeps texts in place as it grows
};

struct ExtractContext {
  const SyscallEvent& ev;
  ScratchArena& arena;
  std::string_view hostname;
  FlagTextCache* flag_texts = nullptr;  // optional
};

// ---- value helpers ----------------------------------------------------------------------------
inline bool push_string(FieldValues& out, std::string_view s) {
  FieldValue& v = out.emplace_back();
  v.type = FieldType::kString;
  v.str = s;
  return true;
}
inline bool push_bytes(FieldValues& out, std::string_view s) {
  FieldValue& v = out.emplace_back();
  v.type = FieldType::kBytes;
  v.str = s;
  return true;
}
inline bool push_signed(FieldValues& out, int64_t n) {
  FieldValue& v = out.emplace_back();
  v.type = FieldType::kSigned;
  v.num = n;
  return true;
}
inline bool push_unsigned(FieldValues& out, uint64_t n) {
  FieldValue& v = out.emplace_back();
  v.type = FieldType::kUnsigned;
  v.num = static_cast<int64_t>(n);
  return true;
}
inline bool push_bool(FieldValues& out, bool b) {
  FieldValue& v = out.emplace_back();
  v.type = FieldType::kBool;
  v.num = b ? 1 : 0;
  return true;
}
// Addresses (also for kIpNet fields: the value is the address to test against the CIDR).
inline bool push_ip(FieldValues& out, const std::array<uint8_t, 16>& ip, bool ipv6) {
  FieldValue& v = out.emplace_back();
  v.type = FieldType::kIpAddr;
  static_assert(sizeof(v.ip) == sizeof(ip));
  std::memcpy(v.ip, ip.data(), sizeof(v.ip));  // one 16-byte copy: a byte loop cost ~35 per address
  v.ipv6 = ipv6;
  return true;
}
// A non-empty string, or a missing value.
inline bool push_nonempty(FieldValues& out, std::string_view s) {
  return s.empty() ? false : push_string(out, s);
}

// ---- per-class tables and extractors ------------------------------------------------------------
std::span<const FieldInfo> evt_fields();
std::span<const FieldInfo> proc_fields();
std::span<const FieldInfo> fd_fields();
std::span<const FieldInfo> user_fields();
std::span<const FieldInfo> container_fields();

bool extract_evt(uint8_t local, const FieldRef& ref, ExtractContext& ctx, FieldValues& out);
bool extract_proc(uint8_t local, const FieldRef& ref, ExtractContext& ctx, FieldValues& out);
bool extract_fd(uint8_t local, const FieldRef& ref, ExtractContext& ctx, FieldValues& out);
bool extract_user(uint8_t local, const FieldRef& ref, ExtractContext& ctx, FieldValues& out);
bool extract_container(uint8_t local, const FieldRef& ref, ExtractContext& ctx, FieldValues& out);

// Whether a field may read an event's absolute paths (SyscallEvent::complete_paths must run
// first). Errs towards true: a wrong true only costs a readlink, a wrong false a wrong value.
bool evt_reads_paths(uint8_t local);
bool fd_reads_paths(uint8_t local);

// evt.rawarg has a type per parameter (numeric or text): these are its typed variants, which
// resolve() hands out instead of the catalogue entry. Defined in fields_evt.cpp.
const FieldInfo& rawarg_numeric_field();
const FieldInfo& rawarg_text_field();

}  // namespace lanner::event::fields
