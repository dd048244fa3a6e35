#!/usr/bin/env bash
# `npm test`: typecheck, unit tests, production build (validates every bundle),
# then the e2e suites in real Chromium. Ends with "N passed, N failed" over all
# suites and exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.."
mkdir -p test-reports
rm -f test-reports/unit.json test-reports/e2e.json

if [ -f public/models/provision-error.txt ]; then
  cat public/models/provision-error.txt >&2
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
echo "== typecheck"
if npm run -s typecheck; then typecheck=0; else typecheck=1; status=1; fi

echo "== unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/unit.json || status=1

echo "== build (validates every shipped bundle)"
if npm run -s build; then build=0; else build=1; status=1; fi

if [ "$build" = 0 ]; then
  echo "== e2e (playwright, chromium)"
  npx playwright test "$@" || status=1
fi

node scripts/test-summary.mjs "$typecheck" "$build" || status=1
exit $status
