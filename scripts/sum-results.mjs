// Totals vitest and Playwright JSON reports into one plain line: "N passed, N failed".
// A suite whose report is missing (it crashed before reporting) counts as one failure.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

// `--failed-steps "a,b"`: steps without a report of their own (type check, lint, build) that failed count one each.
const args = process.argv.slice(2);
const stepsFlag = args.indexOf("--failed-steps");
const failedSteps = stepsFlag >= 0 ? args.splice(stepsFlag, 2)[1].split(",").filter(Boolean) : [];
const [dir, ...files] = args;
let passed = 0;
let failed = failedSteps.length;
for (const step of failedSteps) console.log(`${step}: failed`);
let skipped = 0;
// The names of what failed, printed last: CI shows only the tail of the log, and a count alone cannot be reproduced.
const failures = [];
const firstLine = (text) =>
  String(text ?? "")
    // terminal colour codes (ESC [ … m) are stripped from error messages
    // eslint-disable-next-line no-control-regex -- the ESC character is what is matched
    .replace(/\u001b\[[0-9;]*m/g, "")
    .trim()
    .split("\n")[0]
    .slice(0, 300);

function playwrightFailures(file, suites, titles = []) {
  for (const suite of suites ?? []) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== "unexpected") continue;
        const error = test.results?.map((result) => result.error?.message).find(Boolean);
        failures.push(`${file}: ${[...path, spec.title].join(" › ")} (${spec.file}:${spec.line}) — ${firstLine(error)}`);
      }
    }
    playwrightFailures(file, suite.suites, path);
  }
}

function vitestFailures(file, testResults) {
  for (const result of testResults ?? []) {
    const tests = result.assertionResults ?? [];
    for (const test of tests) {
      if (test.status === "failed") failures.push(`${file}: ${result.name} › ${test.fullName} — ${firstLine(test.failureMessages?.[0])}`);
      else if (test.status !== "passed" && test.status !== "skipped" && test.status !== "pending" && test.status !== "todo")
        failures.push(`${file}: ${result.name} › ${test.fullName} — never finished (${test.status})`);
    }
    if (result.status === "failed" && !tests.some((test) => test.status === "failed"))
      failures.push(`${file}: ${result.name} — ${firstLine(result.message) || "the file failed outside its tests"}`);
  }
}

for (const file of files) {
  const path = join(dir, file);
  if (!existsSync(path)) {
    console.log(`${file}: no report (suite did not run to the end)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(path, "utf8"));
  if (report.stats) {
    // Playwright
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    if (report.errors?.length) failed += report.errors.length;
    for (const error of report.errors ?? []) failures.push(`${file}: ${firstLine(error.message)}`);
    playwrightFailures(file, report.suites);
    console.log(`${file}: ${report.stats.expected} passed, ${report.stats.unexpected} failed, ${report.stats.skipped} skipped`);
  } else {
    // vitest
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    // A test file that crashed (an unhandled error, a worker that died) leaves tests that never finished: the
    // report still says success, so they are counted here as failures.
    const unfinished =
      report.numTotalTests - report.numPassedTests - report.numFailedTests - report.numPendingTests - (report.numTodoTests ?? 0);
    failed += unfinished;
    vitestFailures(file, report.testResults);
    if (report.success === false && report.numFailedTests === 0 && unfinished === 0) failed += 1;
    const note = unfinished > 0 ? `, ${unfinished} never finished` : "";
    console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed${note}, ${report.numPendingTests} skipped`);
  }
}
for (const failure of failures) console.log(`FAILED ${failure}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
