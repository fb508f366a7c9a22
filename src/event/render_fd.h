#pragma once
// Names libsinsp uses for file descriptor kinds: fd.type, fd.typechar, fd.l4proto and the
// "<f>" / "<4t>" prefixes of rendered fd parameters.
#include <netinet/in.h>

#include <string_view>

#include "event/event.h"

namespace lanner::event {

// "" for kUnknown (the field is then missing).
constexpr std::string_view fd_type_name(FdType type) {
  switch (type) {
    case FdType::kFile: return "file";
    case FdType::kDirectory: return "directory";
    case FdType::kIpv4: return "ipv4";
    case FdType::kIpv6: return "ipv6";
    case FdType::kUnix: return "unix";
    case FdType::kPipe: return "pipe";
    case FdType::kEvent: return "event";
    case FdType::kSignalfd: return "signalfd";
    case FdType::kEventpoll: return "eventpoll";
    case FdType::kInotify: return "inotify";
    case FdType::kTimerfd: return "timerfd";
    case FdType::kNetlink: return "netlink";
    case FdType::kBpf: return "bpf";
    case FdType::kUserfaultfd: return "userfaultfd";
    case FdType::kIoUring: return "io_uring";
    case FdType::kMemfd: return "memfd";
    case FdType::kPidfd: return "pidfd";
    case FdType::kUnknown: break;
  }
  return {};
}

constexpr char fd_typechar(FdType type) {
  switch (type) {
    case FdType::kFile: return 'f';
    case FdType::kDirectory: return 'd';
    case FdType::kIpv4: return '4';
    case FdType::kIpv6: return '6';
    case FdType::kUnix: return 'u';
    case FdType::kPipe: return 'p';
    case FdType::kEvent: return 'e';
    case FdType::kSignalfd: return 's';
    case FdType::kEventpoll: return 'l';
    case FdType::kInotify: return 'i';
    case FdType::kTimerfd: return 't';
    case FdType::kNetlink: return 'n';
    case FdType::kBpf: return 'b';
    case FdType::kUserfaultfd: return 'u';
    case FdType::kIoUring: return 'r';
    case FdType::kMemfd: return 'm';
    case FdType::kPidfd: return 'P';
    case FdType::kUnknown: break;
  }
  return 'o';
}

// "" when unknown.
constexpr std::string_view l4proto_name(uint8_t proto) {
  switch (proto) {
    case IPPROTO_TCP: return "tcp";
    case IPPROTO_UDP: return "udp";
    case IPPROTO_ICMP: return "icmp";
    case 255: return "raw";
    default: return {};
  }
}

// Second letter of "<4t>": t/u/i/r, or 0.
constexpr char l4proto_char(uint8_t proto) {
  switch (proto) {
    case IPPROTO_TCP: return 't';
    case IPPROTO_UDP: return 'u';
    case IPPROTO_ICMP: return 'i';
    case 255: return 'r';
    default: return 0;
  }
}

constexpr bool is_ip_socket(FdType type) { return type == FdType::kIpv4 || type == FdType::kIpv6; }

}  // namespace lanner::event
