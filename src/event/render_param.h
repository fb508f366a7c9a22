#pragma once
// Falco's exit-event parameters rendered from a SyscallEvent decoded at syscall entry:
// evt.arg[N] / evt.arg.NAME (text), evt.args (all of them) and evt.rawarg.NAME (number).
//
// libsinsp renders each parameter twice: a raw form (numbers, flags as the PPM number, paths as
// passed) and an optional resolved form (flag names, errno names, "<f>/abs/path" for fds,
// absolute paths). evt.arg yields the resolved form when there is one; evt.args prints
// "name=raw" or "name=raw(resolved)". Parameters whose value is unknown at entry (the result,
// inode numbers, accept's tuple...) are missing. Pure functions.
#include <optional>
#include <string>
#include <string_view>

#include "event/event.h"

namespace lanner::event {

std::optional<size_t> param_index(const SyscallInfo& info, std::string_view name);
// True if some syscall in the table has a parameter called `name` (evt.arg.NAME checks).
bool is_known_param_name(std::string_view name);

// Parameters Falco renders as text (paths, buffers, socket tuples/addresses), not numbers.
bool is_text_type(ParamType type);

// Appends the raw and resolved text of parameter `index`; false if unknown at entry.
bool render_param(const SyscallEvent& ev, size_t index, std::string& raw, std::string& resolved);

// evt.arg: the resolved text if any, else the raw text. `scratch` is reused working space.
bool render_param_value(const SyscallEvent& ev, size_t index, std::string& out,
                        std::string& scratch);

// evt.args: "name=raw(resolved) name=raw ..." for every parameter known at entry.
void render_all_params(const SyscallEvent& ev, std::string& out, std::string& raw,
                       std::string& resolved);

// evt.rawarg: the parameter's number (flags/enums in libscap's PPM encoding); nullopt for
// non-numeric or unknown parameters.
std::optional<int64_t> param_number(const SyscallEvent& ev, size_t index);

// PPM open flags of an open-family event (open, openat, openat2, open_by_handle_at, creat),
// nullopt for other syscalls. creat is O_CREAT|O_WRONLY|O_TRUNC by definition.
std::optional<uint32_t> open_flags_ppm(const SyscallEvent& ev);
// The mode argument of an open-family event, nullopt if none.
std::optional<uint32_t> open_mode(const SyscallEvent& ev);

}  // namespace lanner::event
