#!/usr/bin/env bash
# `npm test`: set-up, build, then every test suite. All suites run even when one fails; the exit
# status is non-zero when set-up, the build or any suite failed.
#   - native core (GoogleTest through ctest)      build/native
#   - JS API on the wasm core (node --test)       tests/web/, tests/wasm/, tests/e2e/, tests/scripts/, tests/docs/
#   - the core's layering (include fence)        tests/wasm/include-fence.mjs
#   - the page and the element in Chromium       e2e/page/*.spec.mjs (Playwright, Debian's chromium)
#   - the packed tarball in consumer projects     tests/consumers/ (npm pack; Node, CLI, Vite, webpack, esbuild,
#                                                 React 17/18/19, PatternFly, the console plugin example)
#   - the types (tsc)                             tests/web/lib/types-check.ts against web/lib/api.d.ts, and
#                                                 every JS file of web/ under checkJs + strict (web/tsconfig.json)
#   - fuzzing, a few seconds per target (smoke)    fuzz/run.mjs (libFuzzer, clang, build/fuzz)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
bash scripts/build.sh

LOG_DIR=build/test-logs
mkdir -p "$LOG_DIR"
failed_suites=()
passed=0
failed=0

suite() { # suite NAME LOGFILE COMMAND… ; runs it, keeps its output, records the outcome
  local name="$1" log="$2"
  shift 2
  echo
  echo "=== test: $name"
  local start=$SECONDS rc=0
  "$@" 2>&1 | tee "$log" || rc=$?   # pipefail: the command's status (tee does not fail)
  echo "=== test: $name: $([ "$rc" -eq 0 ] && echo ok || echo "FAILED (exit $rc)") in $((SECONDS - start)) s"
  [ "$rc" -eq 0 ] || failed_suites+=("$name")
}

suite "native (ctest)" "$LOG_DIR/ctest.log" \
  ctest --test-dir build/native --output-on-failure --no-tests=error -j"$(nproc)"
# "N% tests passed, F tests failed out of T"
if line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOG_DIR/ctest.log" | tail -n1); then
  f=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  n=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + n - f)); failed=$((failed + f))
fi

suite "layering (include fence)" "$LOG_DIR/fence.log" \
  node tests/wasm/include-fence.mjs
if [[ " ${failed_suites[*]-} " == *" layering (include fence) "* ]]; then failed=$((failed + 1)); else passed=$((passed + 1)); fi

suite "JS API (node --test)" "$LOG_DIR/node.log" \
  node --test --test-reporter=spec tests/web/ tests/wasm/ tests/e2e/ tests/scripts/ tests/docs/
n=$(sed -nE 's/^ℹ pass ([0-9]+)$/\1/p' "$LOG_DIR/node.log" | tail -n1)
f=$(sed -nE 's/^ℹ fail ([0-9]+)$/\1/p' "$LOG_DIR/node.log" | tail -n1)
passed=$((passed + ${n:-0})); failed=$((failed + ${f:-0}))

suite "browser (playwright)" "$LOG_DIR/browser.log" \
  node_modules/.bin/playwright test -c e2e
n=$(sed -nE 's/^ *([0-9]+) passed.*/\1/p' "$LOG_DIR/browser.log" | tail -n1)
f=$(sed -nE 's/^ *([0-9]+) failed.*/\1/p' "$LOG_DIR/browser.log" | tail -n1)
passed=$((passed + ${n:-0})); failed=$((failed + ${f:-0}))

# Packs the project and installs the tarball into consumer folders outside the checkout (once), then
# runs their tests.
suite "consumers (packed tarball)" "$LOG_DIR/consumers.log" \
  bash -c 'ISIMPORT_CONSUMERS="$(node tests/consumers/prepare.mjs)" && export ISIMPORT_CONSUMERS && node --test --test-reporter=spec tests/consumers/'
n=$(sed -nE 's/^ℹ pass ([0-9]+)$/\1/p' "$LOG_DIR/consumers.log" | tail -n1)
f=$(sed -nE 's/^ℹ fail ([0-9]+)$/\1/p' "$LOG_DIR/consumers.log" | tail -n1)
passed=$((passed + ${n:-0})); failed=$((failed + ${f:-0}))
[ -n "$n" ] || failed=$((failed + 1)) # no tally at all: the preparation failed

suite "types (tsc)" "$LOG_DIR/tsc.log" \
  bash -c 'node_modules/.bin/tsc -p tests/web/lib && node_modules/.bin/tsc -p web' 
if [[ " ${failed_suites[*]-} " == *" types (tsc) "* ]]; then failed=$((failed + 1)); else passed=$((passed + 1)); fi

suite "fuzz smoke (libFuzzer)" "$LOG_DIR/fuzz.log" \
  node fuzz/run.mjs --seconds "${ISIMPORT_FUZZ_SECONDS:-3}"
n=$(grep -cE '^fuzz .* no findings$' "$LOG_DIR/fuzz.log" || true)
f=$(grep -cE '^fuzz .* FOUND ' "$LOG_DIR/fuzz.log" || true)
passed=$((passed + ${n:-0})); failed=$((failed + ${f:-0}))

echo
if [ ${#failed_suites[@]} -gt 0 ]; then
  echo "test: FAILED: ${failed_suites[*]} (logs in $LOG_DIR/)"
fi
echo "tests: $passed passed, $failed failed"
[ ${#failed_suites[@]} -eq 0 ]
