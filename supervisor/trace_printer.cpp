#include "supervisor/trace_printer.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <cstring>

#include <nlohmann/json.hpp>

namespace lanner::supervisor {
namespace {

constexpr size_t kMaxQueuedLines = 4096;  // then the notification thread waits for the writer

nlohmann::json to_json_value(const lang::FieldValue& v) {
  switch (v.type) {
    case lang::FieldType::kString:
    case lang::FieldType::kBytes:
      return std::string(v.str);
    case lang::FieldType::kSigned:
      return v.num;
    case lang::FieldType::kUnsigned:
      return v.unsigned_num();
    case lang::FieldType::kBool:
      return v.num != 0;
    case lang::FieldType::kIpAddr:
    case lang::FieldType::kIpNet: {
      char text[INET6_ADDRSTRLEN] = {};
      inet_ntop(v.ipv6 ? AF_INET6 : AF_INET, v.ip, text, sizeof text);
      return std::string(text);
    }
  }
  return nullptr;
}

}  // namespace

std::optional<lang::FieldRef> parse_field_ref(const lang::FieldCatalog& catalog, std::string_view text) {
  size_t open = text.find('[');
  std::string_view base = text.substr(0, open);
  auto ref = catalog.resolve(base);
  if (!ref || open == std::string_view::npos) return ref;
  if (text.back() != ']') return std::nullopt;
  std::string_view arg = text.substr(open + 1, text.size() - open - 2);
  int64_t index = -1;
  auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), index);
  if (ec == std::errc{} && end == arg.data() + arg.size()) {
    ref->index = index;
  } else {
    ref->arg = std::string(arg);
  }
  return ref;
}

std::vector<lang::FieldRef> default_trace_fields(const lang::FieldCatalog& catalog) {
  std::vector<lang::FieldRef> out;
  for (const auto& info : catalog.fields()) {
    bool needs_arg = info.arg == lang::FieldArgKind::kIndexRequired ||
                     info.arg == lang::FieldArgKind::kKeyRequired;
    if ((info.flags & lang::kFieldSupplied) != 0 && !needs_arg) out.push_back({&info, {}, -1});
  }
  return out;
}

TracePrinter::TracePrinter(std::vector<lang::FieldRef> fields, std::FILE* out)
    : fields_(std::move(fields)), out_(out) {
  // The writer must not take signals meant for the supervisor (SIGCHLD, forwarded ones).
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  writer_ = std::thread([this] { write_loop(); });
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
}

TracePrinter::~TracePrinter() { finish(); }

std::string TracePrinter::to_json(const event::SyscallEvent& event) {
  source_.reset(event);
  nlohmann::json line = nlohmann::json::object();
  for (const auto& field : fields_) {
    if (!source_.extract(field, values_) || values_.empty()) continue;
    std::string key(field.info->name);
    if (!field.arg.empty()) key += (field.info->name == "evt.arg" ? "." : "[") + field.arg + (field.info->name == "evt.arg" ? "" : "]");
    if (field.index >= 0) key += "[" + std::to_string(field.index) + "]";
    if (values_.size() == 1 && (field.info->flags & lang::kFieldList) == 0) {
      line[key] = to_json_value(values_.front());
    } else {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& v : values_) list.push_back(to_json_value(v));
      line[key] = std::move(list);
    }
  }
  // Paths and arguments are bytes from the target: invalid UTF-8 becomes U+FFFD, never a throw.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response TracePrinter::on_event(event::SyscallEvent& event) noexcept {
  try {
    enqueue(to_json(event));
  } catch (...) {
    ++dropped_;
  }
  return Response::allow();
}

void TracePrinter::on_hardening(const event::SyscallEvent& event,
                                const HardeningVerdict& verdict) noexcept {
  try {
    nlohmann::json line = event.syscall != nullptr ? nlohmann::json::parse(to_json(event))
                                                   : nlohmann::json::object();
    line["lanner.hardening"] = verdict.rule;
    const char* name = strerrorname_np(verdict.error);
    line["lanner.action"] = "deny:" + (name != nullptr ? std::string(name) : std::to_string(verdict.error));
    enqueue(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } catch (...) {
    ++dropped_;
  }
}

void TracePrinter::enqueue(std::string text) noexcept {
  try {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [this] { return queue_.size() < kMaxQueuedLines || stopping_; });
    queue_.push_back(std::move(text));
    ready_.notify_one();
  } catch (...) {
    ++dropped_;
  }
}

void TracePrinter::write_loop() {
  std::deque<std::string> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (queue_.empty() && stopping_) return;
      batch.swap(queue_);
      space_.notify_all();
    }
    for (const auto& text : batch) {
      std::fwrite(text.data(), 1, text.size(), out_);
      std::fputc('\n', out_);
    }
    batch.clear();
    std::fflush(out_);
  }
}

void TracePrinter::finish() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !writer_.joinable()) return;
    stopping_ = true;
  }
  ready_.notify_all();
  space_.notify_all();
  if (writer_.joinable()) writer_.join();
  std::fflush(out_);
}

}  // namespace lanner::supervisor
