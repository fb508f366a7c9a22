#include "event/field_registry.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <vector>

#include "event/render_param.h"
#include "event/syscall_names.h"

namespace lanner::event {
namespace {

using fields::FieldClass;

// Fields that take their argument after a dot: evt.arg.flags, evt.type.is.open,
// thread.cgroup.cpuacct, k8s.pod.label.app...
constexpr std::string_view kDottedArgFields[] = {
    "evt.arg",         "evt.rawarg",    "evt.type.is",   "evt.abspath",
    "thread.cgroup",   "container.label", "k8s.pod.label", "k8s.rc.label",
    "k8s.svc.label",   "k8s.ns.label",  "k8s.rs.label",  "k8s.deployment.label",
};

// Type of a parameter name for evt.rawarg: text if the first syscall having it renders text.
bool is_text_param(std::string_view name) {
  for (const SyscallInfo& s : all_syscalls()) {
    for (const ParamInfo& p : s.params) {
      if (p.name == name) return is_text_type(p.type);
    }
  }
  return false;
}

class Registry final : public lang::FieldCatalog {
 public:
  Registry() {
    for (auto table : {fields::evt_fields(), fields::proc_fields(), fields::fd_fields(),
                       fields::user_fields(), fields::container_fields()}) {
      all_.insert(all_.end(), table.begin(), table.end());
    }
    by_name_.reserve(all_.size());
    for (const lang::FieldInfo& info : all_) by_name_.push_back(&info);
    std::sort(by_name_.begin(), by_name_.end(),
              [](const lang::FieldInfo* a, const lang::FieldInfo* b) { return a->name < b->name; });
  }

  std::optional<lang::FieldRef> resolve(std::string_view dotted_name) const override {
    if (const lang::FieldInfo* info = find(dotted_name)) return lang::FieldRef{info, {}, -1};
    for (std::string_view base : kDottedArgFields) {
      if (dotted_name.size() <= base.size() + 1 || !dotted_name.starts_with(base) ||
          dotted_name[base.size()] != '.') {
        continue;
      }
      std::string_view arg = dotted_name.substr(base.size() + 1);
      return resolve_with_arg(base, arg);
    }
    return std::nullopt;
  }

  std::span<const lang::FieldInfo> fields() const override { return all_; }

  bool is_event_type(std::string_view name) const override {
    return syscall_by_name(name) != nullptr || is_linux_syscall_name(name) ||
           is_meta_event_name(name);
  }

 private:
  const lang::FieldInfo* find(std::string_view name) const {
    auto it = std::lower_bound(by_name_.begin(), by_name_.end(), name,
                               [](const lang::FieldInfo* f, std::string_view n) { return f->name < n; });
    return (it != by_name_.end() && (*it)->name == name) ? *it : nullptr;
  }

  std::optional<lang::FieldRef> resolve_with_arg(std::string_view base, std::string_view arg) const {
    const lang::FieldInfo* info = find(base);
    if (info == nullptr) return std::nullopt;
    if (base == "evt.arg" || base == "evt.rawarg") {
      // Falco rejects parameter names that no event has.
      if (!is_known_param_name(arg)) return std::nullopt;
      if (base == "evt.rawarg") {
        info = is_text_param(arg) ? &fields::rawarg_text_field() : &fields::rawarg_numeric_field();
      }
    }
    return lang::FieldRef{info, std::string(arg), -1};
  }

  std::vector<lang::FieldInfo> all_;
  std::vector<const lang::FieldInfo*> by_name_;
};

std::string read_hostname() {
  std::array<char, 256> buf{};
  if (gethostname(buf.data(), buf.size() - 1) != 0) return {};
  return std::string(buf.data());
}

}  // namespace

const lang::FieldCatalog& field_catalog() {
  static const Registry registry;
  return registry;
}

// Ids are class << 8 | local with at most 8 classes: fields without argument get a flat table.
EventFieldSource::EventFieldSource() : plain_memo_(size_t{8} << 8), hostname_(read_hostname()) {}

void EventFieldSource::reset(const SyscallEvent& ev) {
  ev_ = &ev;
  context_.value.emplace(fields::ExtractContext{ev, arena_, hostname_, &flag_texts_});
  arena_.clear();
  ++generation_;  // invalidates every memo entry at once
  keyed_used_ = 0;
}

EventFieldSource::MemoEntry& EventFieldSource::memo_entry(const lang::FieldRef& field) {
  uint16_t id = field.info->id;
  if (field.index < 0 && field.arg.empty() && id < plain_memo_.size()) return plain_memo_[id];
  for (size_t i = 0; i < keyed_used_; ++i) {
    MemoEntry& e = keyed_memo_[i];
    if (e.id == id && e.index == field.index && e.arg == field.arg) return e;
  }
  if (keyed_used_ == keyed_memo_.size()) keyed_memo_.emplace_back();
  MemoEntry& e = keyed_memo_[keyed_used_++];
  e.generation = 0;
  e.id = id;
  e.index = field.index;
  e.arg = field.arg;
  return e;
}

const lang::FieldValues* EventFieldSource::extract_view(const lang::FieldRef& field,
                                                        lang::FieldValues& scratch) {
  if (ev_ == nullptr || field.info == nullptr) return nullptr;
  MemoEntry& e = memo_entry(field);
  if (e.generation != generation_) {
    e.generation = generation_;
    e.present = extract(field, e.values) && !e.values.empty();
  }
  (void)scratch;
  return e.present ? &e.values : nullptr;
}

namespace {
bool reads_paths(FieldClass field_class, uint8_t local) {
  switch (field_class) {
    case FieldClass::kEvt: return fields::evt_reads_paths(local);
    case FieldClass::kFd: return fields::fd_reads_paths(local);
    default: return false;  // process, user and container fields describe the caller
  }
}
}  // namespace

bool EventFieldSource::extract(const lang::FieldRef& field, lang::FieldValues& out) {
  out.clear();
  if (ev_ == nullptr || field.info == nullptr) return false;
  if (!context_.value) context_.value.emplace(fields::ExtractContext{*ev_, arena_, hostname_, &flag_texts_});
  fields::ExtractContext& ctx = *context_.value;
  uint16_t id = field.info->id;
  uint8_t local = fields::local_of(id);
  if (ev_->pending_paths != 0 && reads_paths(fields::class_of(id), local)) ev_->complete_paths();
  bool ok = false;
  switch (fields::class_of(id)) {
    case FieldClass::kEvt: ok = fields::extract_evt(local, field, ctx, out); break;
    case FieldClass::kProc: ok = fields::extract_proc(local, field, ctx, out); break;
    case FieldClass::kFd: ok = fields::extract_fd(local, field, ctx, out); break;
    case FieldClass::kUser: ok = fields::extract_user(local, field, ctx, out); break;
    case FieldClass::kContainer: ok = fields::extract_container(local, field, ctx, out); break;
  }
  if (!ok) out.clear();
  return ok;
}

}  // namespace lanner::event
