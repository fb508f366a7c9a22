// Field classes "user" and "group" (libsinsp sinsp_filtercheck_user.cpp, _group.cpp): the
// caller's effective ids and the names the supervisor read from the target's passwd/group.
#include "event/fields_internal.h"

namespace lanner::event::fields {
namespace {

enum Local : uint8_t {
  kUid,
  kName,
  kHomedir,
  kShell,
  kLoginuid,
  kLoginname,
  kGroupGid,
  kGroupName,
};

constexpr uint16_t id(Local local) { return make_id(FieldClass::kUser, local); }

constexpr FieldInfo kFields[] = {
    {"user.uid", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldSupplied,
     "user ID.", id(kUid)},
    {"user.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "user name.", id(kName)},
    {"user.homedir", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "home directory of the user.", id(kHomedir)},
    {"user.shell", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldNone,
     "user's shell.", id(kShell)},
    {"user.loginuid", FieldType::kSigned, "INT64", FieldArgKind::kNone, lang::kFieldSupplied,
     "audit user id (auid), internally the loginuid is of type `uint32_t`. However, if an invalid uid corresponding to UINT32_MAX is encountered, it is returned as -1 to support familiar filtering conditions.", id(kLoginuid)},
    {"user.loginname", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "audit user name (auid).", id(kLoginname)},
    {"group.gid", FieldType::kUnsigned, "UINT32", FieldArgKind::kNone, lang::kFieldSupplied,
     "group ID.", id(kGroupGid)},
    {"group.name", FieldType::kString, "CHARBUF", FieldArgKind::kNone, lang::kFieldSupplied,
     "group name.", id(kGroupName)},
};

}  // namespace

std::span<const FieldInfo> user_fields() { return kFields; }

bool extract_user(uint8_t local, const FieldRef&, ExtractContext& ctx, FieldValues& out) {
  const ProcessInfo* proc = ctx.ev.process.get();
  if (proc == nullptr) return false;
  switch (local) {
    case kUid: return push_unsigned(out, proc->uid);
    case kName: return push_nonempty(out, proc->user_name);
    case kLoginuid:
      // The kernel's "unset" (UINT32_MAX) is reported as -1, as libsinsp does.
      return push_signed(out, proc->loginuid == 0xffffffffLL ? -1 : proc->loginuid);
    case kLoginname: return push_nonempty(out, proc->login_name);
    case kGroupGid: return push_unsigned(out, proc->gid);
    case kGroupName: return push_nonempty(out, proc->group_name);
    default: return false;  // home directory and shell are not collected
  }
}

}  // namespace lanner::event::fields
