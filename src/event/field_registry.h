#pragma once
// lanner's field catalogue (every field of libsinsp's evt/proc/thread/fd/fs.path/user/group
// classes and of Falco's container plugin) and the extractor that reads them from a
// SyscallEvent.
//
// Usage:
//   const lang::FieldCatalog& catalog = event::field_catalog();   // immutable, thread-safe
//   event::EventFieldSource source;                               // one per evaluating thread
//   source.reset(event);                                          // per event
//   source.extract(ref, values);                                  // false = missing value
//
// What lanner reports at syscall entry (seccomp notifications stop calls before they run):
//   - evt.res, evt.rawres, evt.failed, evt.count.error*: missing unless the supervisor has set
//     SyscallEvent::result (so `evt.rawres >= 0` is false and `not evt.res = ENOENT` true).
//   - fd.num of the fd an open/socket/accept/dup... call creates: missing unless the result is
//     set (then the new fd, or -1 when the call failed). fd.num of an fd the call uses is known.
//   - evt.arg.* that Falco takes from the exit event (res, fd of creating calls, dev, ino,
//     accept's tuple, queue sizes...) are missing; arguments are rendered as Falco renders them
//     (flags "O_RDONLY|O_CLOEXEC", enums "AF_PACKET", fds "<f>/path", absolute paths).
//   - evt.is_open_create is true for O_CREAT/O_TMPFILE opens (Falco: "the file was created").
//   - container.* except container.id, and k8s.*, are missing (no container runtime lookups).
//   - evt.dir is always "<": lanner's events play the part of Falco's exit events.
// docs/fields.md has the full list.
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "event/event.h"
#include "event/fields_internal.h"
#include "lang/field_catalog.h"

namespace lanner::event {

// The catalogue, built once on first use.
const lang::FieldCatalog& field_catalog();

// Supplies field values for one event at a time. Composed strings (cmdlines, rendered args)
// live in a scratch arena owned by the source and stay valid until the next reset().
// Plain fields are returned as views into the event and allocate nothing.
class EventFieldSource : public lang::FieldSource {
 public:
  EventFieldSource();
  void reset(const SyscallEvent& ev);
  bool extract(const lang::FieldRef& field, lang::FieldValues& out) override;
  // Memoized per event: the first request of a field (with its argument) extracts it, later
  // requests until the next reset() return the same values. Pointers stay valid until reset().
  // Call reset() again after changing the event (e.g. setting SyscallEvent::result).
  const lang::FieldValues* extract_view(const lang::FieldRef& field, lang::FieldValues& scratch) override;

 private:
  struct MemoEntry {
    uint64_t generation = 0;  // == generation_ when the values belong to the current event
    bool present = false;
    uint16_t id = 0;          // for keyed_memo_: which field and argument this entry holds
    int64_t index = -1;
    std::string arg;
    lang::FieldValues values;
  };
  MemoEntry& memo_entry(const lang::FieldRef& field);

  const SyscallEvent* ev_ = nullptr;
  uint64_t generation_ = 1;
  std::vector<MemoEntry> plain_memo_;   // fields without argument, indexed by FieldInfo::id
  std::deque<MemoEntry> keyed_memo_;    // fields with an argument; a deque keeps pointers stable
  size_t keyed_used_ = 0;               // entries of keyed_memo_ that belong to this event
  fields::ScratchArena arena_;
  fields::FlagTextCache flag_texts_;  // across events (see FlagTextCache)
  std::string hostname_;
  // What the extractors read, built once per event by reset() rather than per extract() call
  // (~11 instructions each, ~9 calls per event on the upstream rules). It refers to this
  // source's members, so a copied or moved source starts without one and extract() rebuilds it.
  struct OwnContext {
    std::optional<fields::ExtractContext> value;
    OwnContext() = default;
    OwnContext(const OwnContext&) {}
    OwnContext& operator=(const OwnContext&) {
      value.reset();
      return *this;
    }
  };
  OwnContext context_;
};

}  // namespace lanner::event
