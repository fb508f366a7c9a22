#!/usr/bin/env bash
# Installs lanner's build and test dependencies from Debian 12 packages.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev \
  libseccomp-dev libcap-dev libyaml-cpp-dev libyaml-dev nlohmann-json3-dev libcli11-dev \
  libgtest-dev libgmock-dev libbenchmark-dev libre2-dev libcurl4-openssl-dev \
  strace hyperfine rsyslog python3 curl ca-certificates >/dev/null
