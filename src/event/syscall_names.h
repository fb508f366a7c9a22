#pragma once
// Names evt.type may be compared with: any Linux syscall (trapped or not) and libsinsp's
// meta events ("container", "procexit"...).
#include <string_view>

namespace lanner::event {

bool is_linux_syscall_name(std::string_view name);
bool is_meta_event_name(std::string_view name);

}  // namespace lanner::event
