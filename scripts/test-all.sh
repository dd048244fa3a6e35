#!/usr/bin/env bash
# `npm test`: finds (or installs) Chromium, then typecheck, lint, unit tests,
# the deployed build (validates every bundle), the test build, and the e2e
# suites in real Chromium. Ends with "N passed, N failed" over all suites and
# exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
mkdir -p test-reports
rm -f test-reports/unit.json test-reports/e2e.json test-reports/browsers.json

if [ -f public/models/provision-error.txt ]; then
  cat public/models/provision-error.txt >&2
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== browser"
if ! browser=$(npx --no-install tsx scripts/browser.ts); then
  echo "0 passed, 1 failed"
  exit 1
fi
CHROMIUM_PATH=$(printf '%s\n' "$browser" | sed -n 1p)
CHROMIUM_LIB_DIR=$(printf '%s\n' "$browser" | sed -n 2p)
export CHROMIUM_PATH CHROMIUM_LIB_DIR
echo "Chromium: $CHROMIUM_PATH${CHROMIUM_LIB_DIR:+ (libraries in $CHROMIUM_LIB_DIR)}"

status=0
checks=()
run_check() { # name, command...: a check that counts as one test
  local name=$1
  shift
  echo "== $name"
  if "$@"; then checks+=(0); else checks+=(1); status=1; fi
}

run_check typecheck npm run -s typecheck
run_check lint npm run -s lint

echo "== unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/unit.json || status=1

run_check "build (validates every shipped bundle)" npm run -s build
build=${checks[-1]}
run_check "test build (dist-test, with test seams)" npm run -s build:test
build_test=${checks[-1]}

if [ "$build" = 0 ] && [ "$build_test" = 0 ]; then
  echo "== e2e (playwright, chromium)"
  npx playwright test "$@" || status=1
  # Firefox ESR and WebKitGTK on the deployed build (installs them as root on Debian when absent).
  echo "== browsers (firefox, webkit)"
  npx --no-install tsx scripts/test-browsers.ts --install --dist=dist || status=1
fi

node scripts/test-summary.mjs "${checks[@]}" || status=1
exit $status
