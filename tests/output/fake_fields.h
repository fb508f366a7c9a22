#pragma once
// A small field catalogue and event for output tests: no dependency on src/event.
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "lang/field_catalog.h"

namespace lanner::testing {

class FakeCatalog : public lang::FieldCatalog {
 public:
  FakeCatalog() {
    fields_.reserve(kMaxFields);  // FieldRefs point into the vector: it must never reallocate
    using lang::FieldArgKind;
    using lang::FieldType;
    add("proc.name", FieldType::kString);
    add("proc.pid", FieldType::kSigned);
    add("proc.args", FieldType::kString);
    add("proc.aname", FieldType::kString, FieldArgKind::kIndexOptional);
    add("proc.env", FieldType::kString, FieldArgKind::kKeyRequired);
    add("proc.is_exe_writable", FieldType::kBool);
    add("user.name", FieldType::kString);
    add("user.uid", FieldType::kUnsigned);
    add("fd.name", FieldType::kString);
    add("fd.sip", FieldType::kIpAddr);
    add("fd.net", FieldType::kIpNet, FieldArgKind::kNone, lang::kFieldFilterOnly);
    add("evt.type", FieldType::kString);
    add("evt.time", FieldType::kString);
    add("evt.arg", FieldType::kString, FieldArgKind::kKeyRequired);
    add("container.id", FieldType::kString);
    add("container.name", FieldType::kString);
  }

  void add(std::string_view name, lang::FieldType type,
           lang::FieldArgKind arg = lang::FieldArgKind::kNone, uint32_t flags = 0) {
    lang::FieldInfo info;
    info.name = name;
    info.type = type;
    info.arg = arg;
    info.flags = flags;
    info.id = static_cast<uint16_t>(fields_.size());
    if (fields_.size() == kMaxFields) throw std::logic_error("FakeCatalog is full");
    fields_.push_back(info);
  }

  std::optional<lang::FieldRef> resolve(std::string_view name) const override {
    for (const auto& f : fields_) {
      if (f.name == name) return lang::FieldRef{&f, "", -1};
    }
    if (name.starts_with("evt.arg.") && name.size() > 8) {
      for (const auto& f : fields_) {
        if (f.name == "evt.arg") return lang::FieldRef{&f, std::string(name.substr(8)), -1};
      }
    }
    return std::nullopt;
  }
  std::span<const lang::FieldInfo> fields() const override { return fields_; }
  bool is_event_type(std::string_view name) const override { return name == "open"; }

 private:
  static constexpr size_t kMaxFields = 64;
  std::vector<lang::FieldInfo> fields_;
};

// Values keyed by "name", "name[arg]" or "name[index]"; absent keys are missing values.
class FakeSource : public lang::FieldSource {
 public:
  static std::string key(const lang::FieldRef& ref) {
    std::string k(ref.info->name);
    if (!ref.arg.empty()) k += "[" + ref.arg + "]";
    if (ref.index >= 0) k += "[" + std::to_string(ref.index) + "]";
    return k;
  }

  void set(const std::string& k, std::string value) {
    strings_.push_back(std::move(value));
    lang::FieldValue v;
    v.type = lang::FieldType::kString;
    values_[k] = {v};
    indexes_[k] = {strings_.size() - 1};
  }
  void set_num(const std::string& k, int64_t num, lang::FieldType type) {
    lang::FieldValue v;
    v.type = type;
    v.num = num;
    values_[k] = {v};
    indexes_.erase(k);
  }
  void set_list(const std::string& k, const std::vector<std::string>& items) {
    values_[k].clear();
    indexes_[k].clear();
    for (const auto& s : items) {
      strings_.push_back(s);
      lang::FieldValue v;
      values_[k].push_back(v);
      indexes_[k].push_back(strings_.size() - 1);
    }
  }
  void set_ipv4(const std::string& k, uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
    lang::FieldValue v;
    v.type = lang::FieldType::kIpAddr;
    v.ip[0] = a; v.ip[1] = b; v.ip[2] = c; v.ip[3] = d;
    values_[k] = {v};
    indexes_.erase(k);
  }

  bool extract(const lang::FieldRef& field, lang::FieldValues& out) override {
    out.clear();
    ++extractions;
    auto it = values_.find(key(field));
    if (it == values_.end()) return false;
    out = it->second;
    if (auto idx = indexes_.find(it->first); idx != indexes_.end()) {
      for (size_t i = 0; i < out.size(); ++i) out[i].str = strings_[idx->second[i]];
    }
    return true;
  }

  int extractions = 0;

 private:
  std::vector<std::string> strings_;  // stable storage is re-read on each extract
  std::map<std::string, lang::FieldValues> values_;
  std::map<std::string, std::vector<size_t>> indexes_;
};

}  // namespace lanner::testing
