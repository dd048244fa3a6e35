// Adds up the suites' JSON reports into the one line CI reads: "N passed, N failed[, N skipped]".
import { existsSync, readFileSync } from 'node:fs';

// One 0/1 per single check (typecheck, lint, builds), in order; the builds gate the e2e run.
const checks = process.argv.slice(2).map(Number);
const buildFailed = checks.slice(-2).some(Boolean);
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (p) => (existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null);

// Each single check counts as one test.
for (const f of checks) f ? failed++ : passed++;

const unit = read('test-reports/unit.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
  if (unit.numFailedTestSuites && !unit.numFailedTests) failed += unit.numFailedTestSuites;
} else {
  console.error('unit test report missing: vitest did not run to completion');
  failed++;
}

const e2e = read('test-reports/e2e.json');
if (e2e) {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  if (e2e.errors?.length) {
    failed += e2e.errors.length;
    for (const err of e2e.errors) console.error(`e2e error: ${err.message ?? JSON.stringify(err)}`);
  }
} else if (!buildFailed) {
  console.error('e2e report missing: playwright did not run to completion');
  failed++;
}

// Firefox and WebKit (scripts/test-browsers.ts): run after the e2e, on the deployed build.
const browsers = read('test-reports/browsers.json');
if (browsers) {
  passed += browsers.passed;
  failed += browsers.failed;
  skipped += browsers.skipped;
} else if (!buildFailed) {
  console.error('browsers report missing: scripts/test-browsers.ts did not run to completion');
  failed++;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
