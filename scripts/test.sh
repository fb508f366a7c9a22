#!/usr/bin/env bash
# The whole test suite: the normal build's tests, the same tests under ASan+UBSan, and each
# libFuzzer target for a bounded time. Needs scripts/setup.sh (or install-deps.sh) first.
# FUZZ_SECONDS (default 30) bounds each fuzz run; SKIP_SANITIZERS=1 / SKIP_FUZZ=1 shorten a local run.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "== build and test (RelWithDebInfo, warnings as errors)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs" | tee -a "$log"

if [ "${SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLANNER_SANITIZE=ON -DLANNER_BENCH=OFF >/dev/null
  cmake --build build-asan -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs" | tee -a "$log"
fi

if [ "${SKIP_FUZZ:-0}" != 1 ]; then
  echo "== libFuzzer targets (clang, ASan+UBSan), ${FUZZ_SECONDS:-30}s each"
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DLANNER_FUZZ=ON -DLANNER_TESTS=OFF -DLANNER_BENCH=OFF >/dev/null
  cmake --build build-fuzz -j"$jobs" --target fuzzers
  bash scripts/run-fuzzers.sh build-fuzz "${FUZZ_SECONDS:-30}"
fi

# One closing line for the whole suite: every ctest run above, added up (a failure already
# stopped the script through pipefail).
total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' "$log" | awk '{s += $1} END {print s + 0}')
echo "lanner: ${total:-0} passed, 0 failed"
