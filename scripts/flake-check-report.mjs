#!/usr/bin/env node
// Reads flake-check's vitest JSON reports (run-<i>-<project>.json) and prints every test that failed in any
// run, with the runs it failed in and the first line of its error; a run that failed outside any test (an
// unhandled error, a crash, no report at all) is named with the first error line of its log.
//
//   node scripts/flake-check-report.mjs test-results/flake-check 10
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const PROJECTS = ['unit', 'integration'];
const [dir, countText] = process.argv.slice(2);
const runs = Number(countText);
const root = process.cwd();

/** "file › test name" → the runs it failed in and its first error line. */
const failures = new Map();

/** Terminal colour codes (ESC [ … m), which vitest writes into its logs and messages. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const plain = (text) => String(text ?? '').replace(ANSI, '');

function firstLine(text) {
  return (
    plain(text)
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}

function note(key, run, message) {
  const entry = failures.get(key) ?? { runs: [], first: message };
  entry.runs.push(run);
  failures.set(key, entry);
}

/** The first line of the log that names an error, for a run that failed outside any test. */
function logError(log) {
  if (!existsSync(log)) return 'no log';
  const lines = plain(readFileSync(log, 'utf8')).split('\n');
  return lines.find((l) => /\b(\w*Error|error)\b/.test(l) && !/❯/.test(l))?.trim() ?? 'see the log';
}

for (let run = 1; run <= runs; run++) {
  for (const project of PROJECTS) {
    const base = join(dir, `run-${run}-${project}`);
    if (!existsSync(`${base}.json`)) {
      note(`${project}: no report (vitest did not finish)`, run, logError(`${base}.log`));
      continue;
    }
    const report = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
    let named = 0;
    for (const suite of report.testResults ?? []) {
      const path = relative(root, suite.name);
      const failed = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const t of failed)
        note(`${path} › ${t.fullName ?? t.title}`, run, firstLine(t.failureMessages?.join('\n')));
      named += failed.length;
      // A file that failed outside any test (an error in a hook or at import) has no failed test to name.
      if (suite.status === 'failed' && failed.length === 0) {
        note(`${path} (the file itself)`, run, firstLine(suite.message));
        named++;
      }
    }
    if (report.success === false && named === 0) {
      note(`${project}: failed outside any test`, run, logError(`${base}.log`));
    }
  }
}

if (failures.size === 0) console.log('flake-check: no test failed in any run');
for (const [name, { runs: failedIn, first }] of failures) {
  console.log(`flake-check: FAILED in run ${failedIn.join(', ')}: ${name}`);
  if (first) console.log(`    ${first.slice(0, 300)}`);
}
