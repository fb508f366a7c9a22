#pragma once
// Builds the configured sinks and their dispatcher from a Config.
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "common/diagnostic.h"
#include "config/config.h"
#include "output/alert_format.h"
#include "output/dispatcher.h"
#include "output/sink.h"

namespace lanner::output {

// What the process provides to the outputs; overridable for tests.
struct OutputsEnvironment {
  std::string hostname;                  // empty: default_hostname()
  int stdout_fd = STDOUT_FILENO;
  std::string syslog_socket = "/dev/log";
};

// FALCO_HOSTNAME if set (the Helm chart sets it to the node name), else gethostname().
std::string default_hostname();

FormatOptions format_options(const config::Config& config);
DispatcherOptions dispatcher_options(const config::Config& config, const std::string& hostname);

// One sink per enabled *_output section. Problems (http_output enabled without url) are reported
// as CONFIG_BAD_VALUE errors and that sink is skipped.
std::vector<std::unique_ptr<AlertSink>> build_sinks(const config::Config& config,
                                                    const OutputsEnvironment& env,
                                                    Diagnostics& diags);

// The sinks behind a started Dispatcher.
std::unique_ptr<Dispatcher> build_outputs(const config::Config& config,
                                          const OutputsEnvironment& env, Diagnostics& diags);

}  // namespace lanner::output
