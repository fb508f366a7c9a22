#!/usr/bin/env bash
# One-step setup on a fresh Debian 12 machine: install dependencies, build lanner, and run its
# main job on an example (a program reading /etc/shadow under the example rules).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
echo "== example: lanner run -r examples/hello_alert/rules.yaml -- sh -c 'cat /etc/shadow >/dev/null'"
./build/lanner run -r examples/hello_alert/rules.yaml -- sh -c 'cat /etc/shadow >/dev/null' || true
