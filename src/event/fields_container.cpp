// Field classes "container" and "k8s" (Falco's container plugin). lanner supplies container.id
// only ("host" outside containers, as the plugin does); every other container.* / k8s.* field
// is a missing value, so comparisons on it are false (documented in docs/fields.md).
#include <array>
#include <iterator>

#include "event/fields_internal.h"

namespace lanner::event::fields {
namespace {

enum Local : uint8_t {
  kId,
  kFullId,
  kName,
  kImage,
  kImageId,
  kType,
  kPrivileged,
  kMounts,
  kMount,
  kMountSource,
  kMountDest,
  kMountMode,
  kMountRdwr,
  kMountPropagation,
  kImageRepository,
  kImageTag,
  kImageDigest,
  kHealthcheck,
  kLivenessProbe,
  kReadinessProbe,
  kStartTs,
  kDuration,
  kIp,
  kCniJson,
  kHostPid,
  kHostNetwork,
  kHostIpc,
  kLabel,
  kLabels,
  kProcIsContainerHealthcheck,
  kProcIsContainerLivenessProbe,
  kProcIsContainerReadinessProbe,
  kK8sPodName,
  kK8sNsName,
  kK8sPodId,
  kK8sPodUid,
  kK8sPodSandboxId,
  kK8sPodFullSandboxId,
  kK8sPodLabel,
  kK8sPodLabels,
  kK8sPodIp,
  kK8sPodCniJson,
  kK8sRcName,
  kK8sRcId,
  kK8sRcLabel,
  kK8sRcLabels,
  kK8sSvcName,
  kK8sSvcId,
  kK8sSvcLabel,
  kK8sSvcLabels,
  kK8sNsId,
  kK8sNsLabel,
  kK8sNsLabels,
  kK8sRsName,
  kK8sRsId,
  kK8sRsLabel,
  kK8sRsLabels,
  kK8sDeploymentName,
  kK8sDeploymentId,
  kK8sDeploymentLabel,
  kK8sDeploymentLabels,
};

constexpr uint16_t id(Local local) { return make_id(FieldClass::kContainer, local); }

constexpr FieldInfo kFields[] = {
    {"container.id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldSupplied,
     "The truncated container ID (first 12 characters), e.g. 3ad7b26ded6d is extracted from the Linux cgroups by Falco within the kernel. Consequently, this field is reliably available and serves as the lookup key for Falco's synchronous or asynchronous requests against the container runtime socket to retrieve all other 'container.*' information. One important aspect to be aware of is that if the process occurs on the host, meaning not in the container PID namespace, this field is set to a string called 'host'. In Kubernetes, pod sandbox container processes can exist where `container.id` matches `k8s.pod.sandbox_id`, lacking other 'container.*' details.", id(kId)},
    {"container.full_id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The full container ID, e.g. 3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e. In contrast to `container.id`, we enrich this field as part of the container engine enrichment. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kFullId)},
    {"container.name", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The container name. In instances of userspace container engine lookup delays, this field may not be available yet. One important aspect to be aware of is that if the process occurs on the host, meaning not in the container PID namespace, this field is set to a string called 'host'.", id(kName)},
    {"container.image", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The container image name (e.g. falcosecurity/falco:latest for docker). In instances of userspace container engine lookup delays, this field may not be available yet.", id(kImage)},
    {"container.image.id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The container image id (e.g. 6f7e2741b66b). In instances of userspace container engine lookup delays, this field may not be available yet.", id(kImageId)},
    {"container.type", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The container type, e.g. docker, cri-o, containerd etc.", id(kType)},
    {"container.privileged", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldNone,
     "'true' for containers running as privileged, 'false' otherwise. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kPrivileged)},
    {"container.mounts", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "A space-separated list of mount information. Each item in the list has the format 'source:dest:mode:rdrw:propagation'. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kMounts)},
    {"container.mount", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldNone,
     "Information about a single mount, specified by number (e.g. container.mount[0]) or mount source (container.mount[/usr/local]). The pathname can be a glob (container.mount[/usr/local/*]), in which case the first matching mount will be returned. The information has the format 'source:dest:mode:rdrw:propagation'. If there is no mount with the specified index or matching the provided source, returns the string \"none\" instead of a NULL value. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kMount)},
    {"container.mount.source", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldNone,
     "The mount source, specified by number (e.g. container.mount.source[0]) or mount destination (container.mount.source[/host/lib/modules]). The pathname can be a glob. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kMountSource)},
    {"container.mount.dest", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldNone,
     "The mount destination, specified by number (e.g. container.mount.dest[0]) or mount source (container.mount.dest[/lib/modules]). The pathname can be a glob. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kMountDest)},
    {"container.mount.mode", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldNone,
     "The mount mode, specified by number (e.g. container.mount.mode[0]) or mount source (container.mount.mode[/usr/local]). The pathname can be a glob. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kMountMode)},
    {"container.mount.rdwr", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldNone,
     "The mount rdwr value, specified by number (e.g. container.mount.rdwr[0]) or mount source (container.mount.rdwr[/usr/local]). The pathname can be a glob. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kMountRdwr)},
    {"container.mount.propagation", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldNone,
     "The mount propagation value, specified by number (e.g. container.mount.propagation[0]) or mount source (container.mount.propagation[/usr/local]). The pathname can be a glob. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kMountPropagation)},
    {"container.image.repository", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The container image repository (e.g. falcosecurity/falco). In instances of userspace container engine lookup delays, this field may not be available yet.", id(kImageRepository)},
    {"container.image.tag", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The container image tag (e.g. stable, latest). In instances of userspace container engine lookup delays, this field may not be available yet.", id(kImageTag)},
    {"container.image.digest", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The container image registry digest (e.g. sha256:d977378f890d445c15e51795296e4e5062f109ce6da83e0a355fc4ad8699d27). In instances of userspace container engine lookup delays, this field may not be available yet.", id(kImageDigest)},
    {"container.healthcheck", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "**[Deprecated]** Deprecated, will be removed in a future version.", id(kHealthcheck)},
    {"container.liveness_probe", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "**[Deprecated]** Deprecated, will be removed in a future version. Use `k8smeta` plugin instead.", id(kLivenessProbe)},
    {"container.readiness_probe", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "**[Deprecated]** Deprecated, will be removed in a future version. Use `k8smeta` plugin instead.", id(kReadinessProbe)},
    {"container.start_ts", FieldType::kUnsigned, "ABSTIME", FieldArgKind::kNone, lang::kFieldNone,
     "Container start as epoch timestamp in nanoseconds based on proc.pidns_init_start_ts and extracted in the kernel and not from the container runtime socket / container engine.", id(kStartTs)},
    {"container.duration", FieldType::kSigned, "RELTIME", FieldArgKind::kNone, lang::kFieldNone,
     "Number of nanoseconds since container.start_ts.", id(kDuration)},
    {"container.ip", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The container's / pod's primary ip address as retrieved from the container engine. Only ipv4 addresses are tracked. Consider container.cni.json (CRI use case) for logging ip addresses for each network interface. In instances of userspace container engine lookup delays, this field may not be available yet.", id(kIp)},
    {"container.cni.json", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The container's / pod's CNI result field from the respective pod status info. It contains ip addresses for each network interface exposed as unparsed escaped JSON string. Supported for CRI container engine (containerd, cri-o runtimes), optimized for containerd (some non-critical JSON keys removed). Useful for tracking ips (ipv4 and ipv6, dual-stack support) for each network interface (multi-interface support). In instances of userspace container engine lookup delays, this field may not be available yet.", id(kCniJson)},
    {"container.host_pid", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldNone,
     "'true' if the container is running in the host PID namespace, 'false' otherwise.", id(kHostPid)},
    {"container.host_network", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldNone,
     "'true' if the container is running in the host network namespace, 'false' otherwise.", id(kHostNetwork)},
    {"container.host_ipc", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldNone,
     "'true' if the container is running in the host IPC namespace, 'false' otherwise.", id(kHostIpc)},
    {"container.label", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldNone,
     "Container label. E.g. 'container.label.foo'.", id(kLabel)},
    {"container.labels", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "Container comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'.", id(kLabels)},
    {"proc.is_container_healthcheck", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldDeprecated,
     "**[Deprecated]** Deprecated, will be removed in a future version.", id(kProcIsContainerHealthcheck)},
    {"proc.is_container_liveness_probe", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldDeprecated,
     "**[Deprecated]** Deprecated, will be removed in a future version. Use `k8smeta` plugin instead.", id(kProcIsContainerLivenessProbe)},
    {"proc.is_container_readiness_probe", FieldType::kBool, "BOOL", FieldArgKind::kNone, lang::kFieldDeprecated,
     "**[Deprecated]** Deprecated, will be removed in a future version. Use `k8smeta` plugin instead.", id(kProcIsContainerReadinessProbe)},
    {"k8s.pod.name", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The Kubernetes pod name. This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet.", id(kK8sPodName)},
    {"k8s.ns.name", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The Kubernetes namespace name. This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet.", id(kK8sNsName)},
    {"k8s.pod.id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "[LEGACY] The Kubernetes pod UID, e.g. 3e41dc6b-08a8-44db-bc2a-3724b18ab19a. This legacy field points to `k8s.pod.uid`; however, the pod ID typically refers to the pod sandbox ID. We recommend using the semantically more accurate `k8s.pod.uid` field. This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet.", id(kK8sPodId)},
    {"k8s.pod.uid", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The Kubernetes pod UID, e.g. 3e41dc6b-08a8-44db-bc2a-3724b18ab19a. Note that the pod UID is a unique identifier assigned upon pod creation within Kubernetes, allowing the Kubernetes control plane to manage and track pods reliably. As such, it is fundamentally a different concept compared to the pod sandbox ID. This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet.", id(kK8sPodUid)},
    {"k8s.pod.sandbox_id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The truncated Kubernetes pod sandbox ID (first 12 characters), e.g 63060edc2d3a. The sandbox ID is specific to the container runtime environment. It is the equivalent of the container ID for the pod / sandbox and extracted from the Linux cgroups. As such, it differs from the pod UID. This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet. In Kubernetes, pod sandbox container processes can exist where `container.id` matches `k8s.pod.sandbox_id`, lacking other 'container.*' details.", id(kK8sPodSandboxId)},
    {"k8s.pod.full_sandbox_id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The full Kubernetes pod / sandbox ID, e.g 63060edc2d3aa803ab559f2393776b151f99fc5b05035b21db66b3b62246ad6a. This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet.", id(kK8sPodFullSandboxId)},
    {"k8s.pod.label", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldNone,
     "The Kubernetes pod label. The label can be accessed either with the familiar brackets notation, e.g. 'k8s.pod.label[foo]' or by appending a dot followed by the name, e.g. 'k8s.pod.label.foo'. The label name itself can include the original special characters such as '.', '-', '_' or '/' characters. For instance, 'k8s.pod.label[app.kubernetes.io/name]', 'k8s.pod.label.app.kubernetes.io/name' or 'k8s.pod.label[custom-label_one]' are all valid. This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet.", id(kK8sPodLabel)},
    {"k8s.pod.labels", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The Kubernetes pod comma-separated key/value labels. E.g. 'foo1:bar1,foo2:bar2'. This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet.", id(kK8sPodLabels)},
    {"k8s.pod.ip", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The Kubernetes pod ip, same as container.ip field as each container in a pod shares the network stack of the sandbox / pod. Only ipv4 addresses are tracked. Consider k8s.pod.cni.json for logging ip addresses for each network interface. This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet.", id(kK8sPodIp)},
    {"k8s.pod.cni.json", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldNone,
     "The Kubernetes pod CNI result field from the respective pod status info, same as container.cni.json field. It contains ip addresses for each network interface exposed as unparsed escaped JSON string. Supported for CRI container engine (containerd, cri-o runtimes), optimized for containerd (some non-critical JSON keys removed). Useful for tracking ips (ipv4 and ipv6, dual-stack support) for each network interface (multi-interface support). This field is extracted from the container runtime socket simultaneously as we look up the 'container.*' fields. In cases of lookup delays, it may not be available yet.", id(kK8sPodCniJson)},
    {"k8s.rc.name", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sRcName)},
    {"k8s.rc.id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sRcId)},
    {"k8s.rc.label", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sRcLabel)},
    {"k8s.rc.labels", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sRcLabels)},
    {"k8s.svc.name", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sSvcName)},
    {"k8s.svc.id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sSvcId)},
    {"k8s.svc.label", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sSvcLabel)},
    {"k8s.svc.labels", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sSvcLabels)},
    {"k8s.ns.id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sNsId)},
    {"k8s.ns.label", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sNsLabel)},
    {"k8s.ns.labels", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sNsLabels)},
    {"k8s.rs.name", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sRsName)},
    {"k8s.rs.id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sRsId)},
    {"k8s.rs.label", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sRsLabel)},
    {"k8s.rs.labels", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sRsLabels)},
    {"k8s.deployment.name", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sDeploymentName)},
    {"k8s.deployment.id", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sDeploymentId)},
    {"k8s.deployment.label", FieldType::kString, "STRING", FieldArgKind::kKeyRequired, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sDeploymentLabel)},
    {"k8s.deployment.labels", FieldType::kString, "STRING", FieldArgKind::kNone, lang::kFieldDeprecated,
     "Deprecated. Use `k8smeta` plugin instead.", id(kK8sDeploymentLabels)},
};

// Falco 0.22.1 outputs use %container.info; current Falco replaces it with an empty string and
// a deprecation warning. Kept so those files load.
constexpr FieldInfo kContainerInfo{
    "container.info", FieldType::kString, "CHARBUF", FieldArgKind::kNone,
    lang::kFieldDeprecated | lang::kFieldPrintOnly | lang::kFieldSupplied,
    "[Legacy] Falco 0.22.1 output shortcut for container name and id; rendered as an empty "
    "string, as current Falco does.",
    make_id(FieldClass::kContainer, 255)};

constexpr auto kAllFields = [] {
  std::array<FieldInfo, std::size(kFields) + 1> all{};
  for (size_t i = 0; i < std::size(kFields); ++i) all[i] = kFields[i];
  all[std::size(kFields)] = kContainerInfo;
  return all;
}();

}  // namespace

std::span<const FieldInfo> container_fields() { return kAllFields; }

bool extract_container(uint8_t local, const FieldRef&, ExtractContext& ctx, FieldValues& out) {
  const ProcessInfo* proc = ctx.ev.process.get();
  switch (local) {
    case kId:
      if (proc == nullptr) return false;
      return push_string(out, proc->container_id.empty() ? std::string_view("host")
                                                         : std::string_view(proc->container_id));
    case 255: return push_string(out, "");
    default: return false;
  }
}

}  // namespace lanner::event::fields
