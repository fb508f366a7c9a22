#pragma once
// The seam between the condition language (lang) and the event model (event).
// lang compiles conditions against a FieldCatalog and evaluates them against a FieldSource;
// event implements both for real syscall events; tests use fakes. lang never includes event/.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lanner::lang {

// How values of a field compare. Mirrors libsinsp's type families.
enum class FieldType : uint8_t {
  kString,    // CHARBUF, FSPATH, FSRELPATH: bytewise string ops
  kSigned,    // INT*, PID, FD, ERRNO, RELTIME...: numeric ops
  kUnsigned,  // UINT*, UID, GID, ABSTIME, flags/mode as numbers, PORT
  kBool,      // 'true' / 'false'
  kIpAddr,    // IPV4ADDR / IPV6ADDR / IPADDR
  kIpNet,     // IPNET (filter-only CIDR containment)
  kBytes,     // BYTEBUF: bcontains / bstartswith
};

// What may follow the field name in brackets.
enum class FieldArgKind : uint8_t {
  kNone,           // no [arg] allowed
  kIndexRequired,  // proc.args[1]... ([N] mandatory)
  kIndexOptional,  // proc.aname[N] (without it: "any ancestor")
  kKeyRequired,    // proc.env[HOME], k8s.pod.label[app]
  kKeyOptional,
};

enum FieldFlags : uint32_t {
  kFieldNone = 0,
  kFieldFilterOnly = 1u << 0,  // usable in conditions, not in outputs (fd.ip, fd.net...)
  kFieldPrintOnly = 1u << 1,   // usable in outputs only
  kFieldDeprecated = 1u << 2,  // load warning LOAD_DEPRECATED_ITEM
  kFieldAnyValue = 1u << 3,    // without an index, matches if ANY of its values matches (proc.aname)
  kFieldList = 1u << 4,        // a list field: `in` = all values in set, `intersects` = any
  kFieldSupplied = 1u << 5,    // lanner can supply a value (else always missing, load warns)
  kFieldNoRhs = 1u << 6,       // may not be used with val()
  kFieldCostly = 1u << 7,      // extraction renders text (evt.arg.*, proc.cmdline): evaluated
                               // after cheaper checks of the same `and` / `or` (lang::Program)
  kFieldResult = 1u << 8,      // the value may depend on the call's result (evt.res, fd.num of
                               // a new fd...): lanner sees calls before they return
};

struct FieldInfo {
  std::string_view name;         // "proc.aname"
  FieldType type = FieldType::kString;
  std::string_view type_name;    // libsinsp spelling for docs: "CHARBUF", "UINT64", "PID"...
  FieldArgKind arg = FieldArgKind::kNone;
  uint32_t flags = kFieldNone;
  std::string_view description;
  uint16_t id = 0;               // extractor id, meaningful only to the catalog that issued it
};

// A field as used in a condition or output: the catalogue entry plus its argument.
struct FieldRef {
  const FieldInfo* info = nullptr;
  std::string arg;        // text inside [..], or NAME of evt.arg.NAME; empty if none
  int64_t index = -1;     // numeric [N] when the field takes an index; -1 if none
  bool has_arg() const { return !arg.empty() || index >= 0; }
};

// Read-only field dictionary. Thread-safe once built.
class FieldCatalog {
 public:
  virtual ~FieldCatalog() = default;
  // Resolves a dotted name (without any [arg]), e.g. "proc.name", or "evt.arg.flags" which yields
  // the evt.arg entry with arg="flags". nullopt if unknown.
  virtual std::optional<FieldRef> resolve(std::string_view dotted_name) const = 0;
  // Every field, for `lanner fields` and "did you mean".
  virtual std::span<const FieldInfo> fields() const = 0;
  // True if `name` is a known event type (syscall name or meta event) for evt.type checks.
  virtual bool is_event_type(std::string_view name) const = 0;
};

// A value extracted from an event. Views stay valid until the FieldSource's next event.
struct FieldValue {
  FieldType type = FieldType::kString;
  std::string_view str;  // kString, kBytes
  int64_t num = 0;       // kSigned; kUnsigned stored as its bits; kBool as 0/1
  uint8_t ip[16] = {};   // kIpAddr: network order; v4 uses the first 4 bytes
  bool ipv6 = false;

  uint64_t unsigned_num() const { return static_cast<uint64_t>(num); }
};

// Values of one field for the current event. Reused across calls to avoid allocation.
using FieldValues = std::vector<FieldValue>;

// Supplies field values for one event at a time. Not thread-safe: one per evaluating thread.
class FieldSource {
 public:
  virtual ~FieldSource() = default;
  // Clears `out`, then appends the field's value(s) for the current event (one for scalar fields;
  // several for multi-valued ones, e.g. proc.aname without index = every ancestor from the parent).
  // Returns false, with `out` empty, when the field has no value for this event (a missing value:
  // every comparison on it is false, as in Falco).
  virtual bool extract(const FieldRef& field, FieldValues& out) = 0;

  // The same values as extract(), as a pointer that stays valid until the source's next event
  // (nullptr = missing). Sources that memoize per event return their cached values and leave
  // `scratch` untouched; the default extracts into `scratch`. Added so that a field used by many
  // rules is computed once per event, not once per check.
  virtual const FieldValues* extract_view(const FieldRef& field, FieldValues& scratch) {
    return extract(field, scratch) && !scratch.empty() ? &scratch : nullptr;
  }

  // True when the field's value for the current event cannot be known yet: lanner sees a call
  // before it returns, so its result (evt.res, fd.num of a new fd) does not exist. Only fields
  // flagged kFieldResult are asked. Program::run_all with Unknowns::kMayMatch lets a check on
  // such a field go whichever way leads towards a match.
  virtual bool unknown(const FieldRef& field) {
    (void)field;
    return false;
  }
};

}  // namespace lanner::lang
