#pragma once
// Test doubles for the lang <-> event seam.
//  - FakeFieldCatalog: every libsinsp field of the reference inventory (fake_field_table.inc) and
//    every x86_64 syscall name as an event type; `evt.arg.NAME` / `evt.rawarg.NAME` resolve to
//    evt.arg / evt.rawarg with arg = NAME.
//  - FakeFieldSource: values set by the test, keyed by field name plus "[arg]" when one is given.
// Header-only so any test target can include it.
#include <map>
#include <set>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lang/field_catalog.h"
#include "lang/value.h"

namespace lanner::testing {

#include "fake_field_table.inc"  // same folder, so users need no extra include path

class FakeFieldCatalog final : public lang::FieldCatalog {
 public:
  FakeFieldCatalog() : fields_(std::begin(kFakeFields), std::end(kFakeFields)) {
    for (size_t i = 0; i < fields_.size(); ++i) fields_[i].id = static_cast<uint16_t>(i);
  }

  // Makes `name` unknown (to test skip-if-unknown-filter and "did you mean").
  void remove(std::string_view name) {
    std::erase_if(fields_, [&](const lang::FieldInfo& f) { return f.name == name; });
  }

  std::optional<lang::FieldRef> resolve(std::string_view name) const override {
    for (const auto& f : fields_) {
      if (f.name == name) return lang::FieldRef{&f, {}, -1};
    }
    for (std::string_view base : {"evt.arg", "evt.rawarg"}) {
      std::string prefix = std::string(base) + ".";
      if (name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
        auto ref = resolve(base);
        if (ref) ref->arg = std::string(name.substr(prefix.size()));
        return ref;
      }
    }
    return std::nullopt;
  }

  std::span<const lang::FieldInfo> fields() const override { return fields_; }

  bool is_event_type(std::string_view name) const override {
    for (std::string_view t : kFakeEventTypes) {
      if (t == name) return true;
    }
    return false;
  }

 private:
  std::vector<lang::FieldInfo> fields_;
};

class FakeFieldSource final : public lang::FieldSource {
 public:
  // `key` is the field name, plus "[arg]" for an argument ("proc.aname[2]", "evt.arg[flags]"
  // for evt.arg.flags). A field set to several values yields all of them.
  FakeFieldSource& set(const std::string& key, std::string value) {
    values_[key] = {Stored{std::move(value), 0, {}}};
    return *this;
  }
  FakeFieldSource& set_num(const std::string& key, int64_t value) {
    values_[key] = {Stored{{}, value, {}}};
    return *this;
  }
  FakeFieldSource& set_list(const std::string& key, std::vector<std::string> items) {
    auto& slot = values_[key];
    slot.clear();
    for (auto& s : items) slot.push_back(Stored{std::move(s), 0, {}});
    return *this;
  }
  FakeFieldSource& set_ip(const std::string& key, std::string_view ip) {
    auto parsed = lang::parse_ip(ip);
    values_[key] = {Stored{{}, 0, parsed.value_or(lang::IpNetwork{})}};
    return *this;
  }
  FakeFieldSource& unset(const std::string& key) {
    values_.erase(key);
    return *this;
  }
  size_t extract_calls() const { return calls_; }
  // The field (name only) has no value yet: unknown() says so (Program's Unknowns::kMayMatch).
  FakeFieldSource& set_unknown(const std::string& name) {
    unknown_.insert(name);
    return *this;
  }
  bool unknown(const lang::FieldRef& field) override {
    return unknown_.count(std::string(field.info->name)) != 0;
  }

  bool extract(const lang::FieldRef& field, lang::FieldValues& out) override {
    ++calls_;
    out.clear();
    std::string key(field.info->name);
    if (!field.arg.empty()) {
      key += "[" + field.arg + "]";
    } else if (field.index >= 0) {
      key += "[" + std::to_string(field.index) + "]";
    }
    auto it = values_.find(key);
    if (it == values_.end()) return false;
    for (const Stored& s : it->second) {
      lang::FieldValue v;
      v.type = field.info->type;
      v.str = s.text;
      v.num = s.num;
      std::copy(std::begin(s.ip.bytes), std::end(s.ip.bytes), std::begin(v.ip));
      v.ipv6 = s.ip.ipv6;
      out.push_back(v);
    }
    return !out.empty() || (field.info->flags & lang::kFieldList);
  }

 private:
  struct Stored {
    std::string text;
    int64_t num = 0;
    lang::IpNetwork ip;
  };
  std::map<std::string, std::vector<Stored>> values_;
  std::set<std::string> unknown_;
  size_t calls_ = 0;
};

}  // namespace lanner::testing
