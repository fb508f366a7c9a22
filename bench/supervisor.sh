#!/usr/bin/env bash
# Supervisor overhead, run by hand (not in ctest): hyperfine over five workloads, comparing
# native, the bare CONTINUE floor supervisor (same trap set, SYNC_WAKE_UP), `lanner run` with
# Falco's three upstream rule files, and strace (plain and --seccomp-bpf) on the same syscalls.
# Prints a markdown table of ratios; then the victims' own loop timers (ns per call, without
# anyone's start-up: what targets (a) and (b) are about); then enforce mode beside monitor mode
# on openat200k and find. Usage: bench/supervisor.sh [BUILD_DIR] (default build-super);
# ONLY_ENFORCE=1 runs only the enforce rows, ENFORCE=0 skips them, LOOPS=0 skips the loop timers,
# ONLY_LOOPS=1 skips the hyperfine table.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build-super}
LANNER=$BUILD/lanner
RULES_DIR=${LANNER_UPSTREAM_RULES_DIR:-$ROOT/../shared/upstream-rules}
RUNS=${RUNS:-3}
WORK=$(mktemp -d /tmp/lanner-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

[ -x "$LANNER" ] || { echo "no lanner binary at $LANNER (build it first)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine is required" >&2; exit 1; }

# Victims and the floor, compiled here so the script does not depend on LANNER_BENCH.
cc -O2 -o "$WORK/open_close_loop" "$ROOT/tests/helpers/open_close_loop.c"
cc -O2 -o "$WORK/getpid_loop" "$ROOT/tests/helpers/getpid_loop.c"
cc -O2 -o "$WORK/floor" "$ROOT/bench/floor_supervisor.c" -lseccomp -lpthread
FLOOR=$WORK/floor

RULES=()
for f in falco_rules.yaml falco-incubating_rules.yaml falco-sandbox_rules.yaml; do
  [ -f "$RULES_DIR/$f" ] && RULES+=(-r "$RULES_DIR/$f")
done
TRAPS=$("$LANNER" run --print-trap-set "${RULES[@]}")
# strace 6.1 does not know every syscall name (fchmodat2): keep the ones it accepts.
STRACE_TRAPS=$(tr ',' '\n' <<<"$TRAPS" | while read -r s; do
  if strace -qq -o /dev/null -e trace="$s" true 2>/dev/null; then echo "$s"; fi; done | paste -sd, -)
echo "trap set (${#RULES[@]} rule args): $TRAPS" >&2

# The C sources the compile workload builds.
mkdir -p "$WORK/cc"
cp "$ROOT"/tests/helpers/*.c "$WORK/cc/"
declare -A WORKLOADS=(
  [openat200k]="$WORK/open_close_loop 200000"
  [getpid200k]="$WORK/getpid_loop 200000"
  [exec2000]="sh -c 'i=0; while [ \$i -lt 2000 ]; do /bin/true; i=\$((i+1)); done'"
  [find_usr]="sh -c 'find /usr -name *.h > /dev/null'"
  [gcc5]="sh -c 'cd $WORK/cc && gcc -O2 -c *.c'"
)
ORDER=(openat200k getpid200k exec2000 find_usr gcc5)

if [ "${ONLY_ENFORCE:-0}" = 0 ] && [ "${ONLY_LOOPS:-0}" = 0 ]; then
for name in "${ORDER[@]}"; do
  cmd=${WORKLOADS[$name]}
  hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/$name.json" \
    -n native "$cmd" \
    -n floor "$FLOOR $TRAPS -- $cmd" \
    -n lanner "$LANNER run ${RULES[*]} -- $cmd" \
    -n strace "strace -f -qq -o /dev/null -e trace=$STRACE_TRAPS $cmd" \
    -n strace-bpf "strace -f -qq --seccomp-bpf -o /dev/null -e trace=$STRACE_TRAPS $cmd" >&2
done

python3 - "$WORK" "${ORDER[@]}" <<'PY'
import json, sys
work, names = sys.argv[1], sys.argv[2:]
print("| workload | native (s) | floor/native | lanner/native | lanner/floor | strace/native | strace-bpf/native | strace/lanner | strace-bpf/lanner |")
print("|---|---|---|---|---|---|---|---|---|")
for n in names:
    r = {x["command"]: x["median"] for x in json.load(open(f"{work}/{n}.json"))["results"]}
    nat, fl, la, st, sb = (r[k] for k in ("native", "floor", "lanner", "strace", "strace-bpf"))
    print(f"| {n} | {nat:.3f} | {fl/nat:.2f} | {la/nat:.2f} | {la/fl:.2f} | {st/nat:.2f} | {sb/nat:.2f} | {st/la:.2f} | {sb/la:.2f} |")
r = {x["command"]: x["median"] for x in json.load(open(f"{work}/openat200k.json"))["results"]}
print()
print(f"openat200k, whole command: lanner {(r['lanner'] - r['floor']) / 200000 * 1e6:.2f} us per "
      f"trapped openat over the floor (start-up included)")
PY
fi

# The victims time their own loop (ns/op on stderr): the cost per call under each supervisor,
# free of lanner's start-up (rule loading), which dominates a 30 ms getpid run. The
# configurations alternate within each round, so a slow spell of this shared VM hits them all;
# ratios are medians of the per-round ratios.
loop_once() {  # CONFIG-PREFIX VICTIM: ns/op of one run
  eval "$1 $2" 2>&1 >/dev/null | sed -n 's/.*: \([0-9.]*\) ns\/op/\1/p'
}
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
if [ "${ONLY_ENFORCE:-0}" = 0 ] && [ "${LOOPS:-1}" != 0 ]; then
  # floor+path: the floor that also copies the path argument (process_vm_readv, 256 bytes), the
  # least a monitor that judges paths must add to the round trip.
  echo
  echo "| loop timer, $RUNS alternating rounds (ns/op, medians) | native | floor | floor+path | lanner | floor/native | floor+path/floor | lanner/floor | lanner/native |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for name in openat200k getpid200k; do
    cmd=${WORKLOADS[$name]}
    : >"$WORK/rounds"
    for _ in $(seq "$RUNS"); do
      echo "$(loop_once "" "$cmd") $(loop_once "$FLOOR $TRAPS --" "$cmd")" \
        "$(loop_once "FLOOR_READ_PATH=1 $FLOOR $TRAPS --" "$cmd")" \
        "$(loop_once "$LANNER run ${RULES[*]} --" "$cmd")" >>"$WORK/rounds"
    done
    col() { awk -v c="$1" '{print $c}' "$WORK/rounds" | median; }
    ratio() { awk -v a="$1" -v b="$2" '{printf "%.2f\n", $a / $b}' "$WORK/rounds" | median; }
    echo "| $name | $(col 1) | $(col 2) | $(col 3) | $(col 4) | $(ratio 2 1) | $(ratio 3 2) | $(ratio 4 2) | $(ratio 4 1) |"
  done
fi

# Enforce mode beside monitor mode (issue #5): the same rules, every rule of priority Warning or
# more severe enforced (deny), on the two open-heavy workloads. Skip with ENFORCE=0.
# find_direct is find as the monitored command itself (the only task of the tree: lanner decides
# on its own path resolution); find_usr runs it under sh (two tasks: every open is emulated).
WORKLOADS[find_direct]="find /usr -name '*.h'"
if [ "${ENFORCE:-1}" != 0 ]; then
  for name in openat200k find_direct find_usr; do
    cmd=${WORKLOADS[$name]}
    hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$WORK/enforce-$name.json" \
      -n monitor "$LANNER run ${RULES[*]} -- $cmd" \
      -n enforce "$LANNER run ${RULES[*]} --enforce 'priority>=warning' -- $cmd" >&2
  done
  python3 - "$WORK" openat200k find_direct find_usr <<'PY'
import json, sys
work, names = sys.argv[1], sys.argv[2:]
print()
print("| workload | monitor (s) | enforce (s) | enforce/monitor |")
print("|---|---|---|---|")
for n in names:
    r = {x["command"]: x["median"] for x in json.load(open(f"{work}/enforce-{n}.json"))["results"]}
    print(f"| {n} | {r['monitor']:.3f} | {r['enforce']:.3f} | {r['enforce']/r['monitor']:.2f} |")
PY
fi
