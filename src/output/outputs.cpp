#include "output/outputs.h"

#include <climits>
#include <cstdlib>

#include "output/file_sink.h"
#include "output/http_sink.h"
#include "output/program_sink.h"
#include "output/stdout_sink.h"
#include "output/syslog_sink.h"

namespace lanner::output {
namespace {
// outputs_queue.capacity 0 means "unbounded" in Falco; lanner always bounds its queues.
constexpr size_t kDefaultQueueCapacity = 10000;
}

std::string default_hostname() {
  // Read once at startup, before threads that could modify the environment exist.
  if (const char* h = std::getenv("FALCO_HOSTNAME"); h != nullptr && *h != '\0') return h;  // NOLINT(concurrency-mt-unsafe)
  char buf[HOST_NAME_MAX + 1] = {};
  if (gethostname(buf, sizeof(buf) - 1) != 0) return "localhost";
  return buf;
}

FormatOptions format_options(const config::Config& config) {
  FormatOptions f;
  f.json_output = config.json_output;
  f.include_output = config.json_include_output_property;
  f.include_output_fields = config.json_include_output_fields_property;
  f.include_tags = config.json_include_tags_property;
  f.include_message = config.json_include_message_property;
  f.time_iso_8601 = config.time_format_iso_8601;
  return f;
}

DispatcherOptions dispatcher_options(const config::Config& config, const std::string& hostname) {
  DispatcherOptions o;
  o.queue_capacity = config.outputs_queue_capacity == 0
                         ? kDefaultQueueCapacity
                         : static_cast<size_t>(config.outputs_queue_capacity);
  o.max_attempts = config.lanner.output_retry_attempts;
  o.initial_backoff = std::chrono::milliseconds(config.lanner.output_retry_backoff_ms);
  o.default_shutdown_deadline = std::chrono::milliseconds(config.lanner.output_shutdown_timeout_ms);
  o.hostname = hostname;
  return o;
}

std::vector<std::unique_ptr<AlertSink>> build_sinks(const config::Config& config,
                                                    const OutputsEnvironment& env,
                                                    Diagnostics& diags) {
  const FormatOptions format = format_options(config);
  std::vector<std::unique_ptr<AlertSink>> sinks;
  if (config.stdout_output.enabled) {
    sinks.push_back(std::make_unique<StdoutSink>(format, config.buffered_outputs, env.stdout_fd));
  }
  if (config.file_output.enabled) {
    const auto& f = config.file_output;
    sinks.push_back(std::make_unique<FileSink>(f.filename, f.keep_alive, config.buffered_outputs, format));
  }
  if (config.syslog_output.enabled) {
    sinks.push_back(std::make_unique<SyslogSink>(format, env.syslog_socket));
  }
  if (config.program_output.enabled) {
    const auto& p = config.program_output;
    sinks.push_back(std::make_unique<ProgramSink>(p.program, p.keep_alive, format));
  }
  if (config.http_output.enabled) {
    const auto& h = config.http_output;
    if (h.url.empty()) {
      diags.error("CONFIG_BAD_VALUE", "http_output.url: http_output is enabled but has no url");
    } else {
      HttpSinkOptions o;
      o.url = h.url;
      o.user_agent = h.user_agent;
      o.insecure = h.insecure;
      o.ca_cert = h.ca_cert;
      o.ca_bundle = h.ca_bundle;
      o.ca_path = h.ca_path;
      o.mtls = h.mtls;
      o.client_cert = h.client_cert;
      o.client_key = h.client_key;
      o.echo = h.echo;
      o.timeout_ms = config.lanner.http_timeout_ms;
      sinks.push_back(std::make_unique<HttpSink>(o, format));
    }
  }
  if (sinks.empty()) diags.warning("CONFIG_NO_OUTPUT", "no output is enabled: alerts go nowhere");
  return sinks;
}

std::unique_ptr<Dispatcher> build_outputs(const config::Config& config,
                                          const OutputsEnvironment& env, Diagnostics& diags) {
  const std::string hostname = env.hostname.empty() ? default_hostname() : env.hostname;
  return std::make_unique<Dispatcher>(build_sinks(config, env, diags),
                                      dispatcher_options(config, hostname));
}

}  // namespace lanner::output
