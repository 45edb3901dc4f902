#!/usr/bin/env bash
# flake-check: runs the unit and integration test projects (both HCS APIs, together as `npm test` runs them)
# N times in a row while a busy loop per core competes for the CPU, then says how many runs were green and
# names every test that failed in any run.
# A tool for finding tests that depend on timing, not part of `npm test`.
#
#   bash scripts/flake-check.sh 10        (or: npm run flake-check -- 10)
#
# Each run's vitest JSON reports and logs are kept in test-results/flake-check/run-<i>-<unit|integration>.{json,log}.
set -uo pipefail

runs="${1:-10}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/flake-check.sh N   (N runs, a positive whole number)" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 1
reports="$root/test-results/flake-check"
rm -rf "$reports"
mkdir -p "$reports"

# The competitors: one busy loop per core, each in its own process; stopped on any exit. Ctrl+C or a TERM
# also ends the test run in progress: bash runs a trap only between commands, so vitest runs in the
# background, in a process group of its own (setsid) that the trap ends whole, and the script waits for it.
hogs=()
current=""
stop_all() {
  local pid
  if [[ -n "$current" ]]; then
    kill -TERM -- "-$current" 2>/dev/null
    wait "$current" 2>/dev/null
    current=""
  fi
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${hogs[@]}"; do wait "$pid" 2>/dev/null; done
  hogs=()
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

node scripts/build-native.mjs || exit 1

cores="$(nproc 2>/dev/null || echo 2)"
for ((c = 0; c < cores; c++)); do
  bash -c 'while :; do :; done' &
  hogs+=("$!")
done
echo "flake-check: $runs runs of the unit and integration tests beside $cores busy loops (pids ${hogs[*]})"

green=0
for ((i = 1; i <= runs; i++)); do
  started=$SECONDS
  failed=()
  # As `npm test` runs them (scripts/test-all.mjs): unit alone, then both integration projects in one vitest
  # run, side by side — tests of the two projects that meet over something shared only meet that way.
  for step in unit integration; do
    projects=(--project "$step")
    [[ "$step" == integration ]] && projects+=(--project integration-v2)
    setsid npx vitest run "${projects[@]}" --reporter=dot --reporter=json \
      --outputFile.json="$reports/run-$i-$step.json" >"$reports/run-$i-$step.log" 2>&1 &
    current=$!
    wait "$current"
    status=$?
    current=""
    ((status == 0)) || failed+=("$step (exit $status; log: $reports/run-$i-$step.log)")
  done
  if ((${#failed[@]} == 0)); then
    green=$((green + 1))
    echo "flake-check: run $i/$runs green ($((SECONDS - started)) s)"
  else
    echo "flake-check: run $i/$runs FAILED ($((SECONDS - started)) s): ${failed[*]}"
  fi
done

stop_all
node scripts/flake-check-report.mjs "$reports" "$runs"
echo "flake-check: $green/$runs runs green"
((green == runs))
