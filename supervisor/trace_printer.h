#pragma once
// `lanner trace`: an EventHandler that turns every event into one JSON line
// {"evt.num":1,"evt.type":"openat","proc.name":"cat","fd.name":"/etc/hostname",...} with the
// values of the chosen fields (missing values are left out). Field values are extracted on the
// notification thread (the event is reused afterwards); the JSON text is written by a writer
// thread so a slow terminal or disk does not stall the target more than a queue push.
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "event/field_registry.h"
#include "lang/field_catalog.h"
#include "supervisor/event_handler.h"

namespace lanner::supervisor {

// Parses "proc.name", "evt.arg.flags", "proc.aname[2]", "proc.env[HOME]" against `catalog`.
std::optional<lang::FieldRef> parse_field_ref(const lang::FieldCatalog& catalog, std::string_view text);

// Every field lanner supplies that needs no argument (the default selection).
std::vector<lang::FieldRef> default_trace_fields(const lang::FieldCatalog& catalog);

class TracePrinter final : public EventHandler {
 public:
  // Writes to `out` (not closed; flushed by finish()). Starts the writer thread.
  TracePrinter(std::vector<lang::FieldRef> fields, std::FILE* out);
  ~TracePrinter() override;
  TracePrinter(const TracePrinter&) = delete;
  TracePrinter& operator=(const TracePrinter&) = delete;

  Response on_event(event::SyscallEvent& event) noexcept override;
  // A call lanner's hardening refused: its line carries "lanner.hardening" (the refusal's rule)
  // and "lanner.action", so a trace shows what the program tried.
  void on_hardening(const event::SyscallEvent& event, const HardeningVerdict& verdict) noexcept override;
  // Writes what is queued, stops the writer and flushes. Idempotent.
  void finish();

  // The JSON line for one event (no newline). Used by on_event; public for tests.
  std::string to_json(const event::SyscallEvent& event);

  uint64_t dropped() const { return dropped_; }

 private:
  void write_loop();
  void enqueue(std::string text) noexcept;

  std::vector<lang::FieldRef> fields_;
  std::FILE* out_;
  event::EventFieldSource source_;
  lang::FieldValues values_;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<std::string> queue_;
  bool stopping_ = false;
  uint64_t dropped_ = 0;  // lines lost to an allocation failure
  std::thread writer_;
};

}  // namespace lanner::supervisor
