#!/usr/bin/env bash
# Runs every fuzz_* binary in BUILD_DIR for SECONDS each, seeded with tests/fuzz/corpus/<name>/
# and, where present, Falco's upstream rule files. Fails on the first crash.
set -euo pipefail
build="${1:-build-fuzz}"
seconds="${2:-30}"
root="$(cd "$(dirname "$0")/.." && pwd)"
upstream="$root/../shared/upstream-rules"
for bin in "$build"/tests/fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  name="$(basename "$bin")"
  work="$(mktemp -d)"
  [ -d "$root/tests/fuzz/corpus/$name" ] && cp -r "$root/tests/fuzz/corpus/$name/." "$work/"
  if [ -d "$upstream" ] && [ "$name" = fuzz_rules_loader ]; then
    find "$upstream" -name '*.yaml' -exec cp {} "$work/" \;
  fi
  echo "-- $name (${seconds}s)"
  "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 "$work" 2>&1 | tail -n 4
  rm -rf "$work"
done
