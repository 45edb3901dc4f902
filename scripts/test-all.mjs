#!/usr/bin/env node
// `npm test`: every check the project has, in the order that fails fastest, with one summary line at the
// end ("N passed, N failed, N skipped") counted from the runners' own JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const only = new Set(process.argv.slice(2)); // e.g. `npm test -- unit integration`
const steps = [
  { name: 'native', cmd: ['node', 'scripts/build-native.mjs'] },
  { name: 'typecheck', cmd: ['npx', 'tsc', '-b'] },
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings=0'] },
  // The layer rules (.dependency-cruiser.mjs, ARCHITECTURE.md): one test per rule, failed if anything breaks it.
  {
    name: 'layers',
    cmd: [
      'npm',
      'run',
      '--silent',
      'check:layers',
      '--',
      '--output-type',
      'json',
      '--output-to',
      join(reports, 'layers.json'),
    ],
    report: { kind: 'depcruise', file: join(reports, 'layers.json') },
  },
  // Unused files, exports and dependencies (knip.config.ts): one test.
  { name: 'unused', cmd: ['npm', 'run', '--silent', 'check:unused'], counted: true },
  {
    name: 'unit',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'unit.json')}`,
    ],
    report: { kind: 'vitest', file: join(reports, 'unit.json') },
  },
  {
    name: 'integration',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      '--project',
      'integration-v2',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'integration.json')}`,
    ],
    report: { kind: 'vitest', file: join(reports, 'integration.json') },
  },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build:renderer'], optional: 'vite.config.ts' },
  // Electronegativity over electron/ and the built page: fails on any finding of MEDIUM or above.
  { name: 'electronegativity', cmd: ['node', 'scripts/electronegativity.mjs'] },
  {
    name: 'e2e',
    cmd: ['npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: join(reports, 'e2e.json') },
    report: { kind: 'playwright', file: join(reports, 'e2e.json') },
    optional: 'playwright.config.ts',
  },
];

// Every failed test by name with the first line of its error, repeated at the end of the output: a CI log is
// often read from its tail, and the runners print their failures far above it.
const failures = [];
const firstLine = (text) =>
  String(text ?? '')
    .trim()
    .split('\n')[0]
    .slice(0, 300);

function countVitest(file, step) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  for (const f of r.testResults ?? []) {
    const where = f.name.startsWith(root) ? f.name.slice(root.length + 1) : f.name;
    const failedTests = (f.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests)
      failures.push(`${step} › ${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    // A file that failed outside any test (an import error, an error in a hook) has no failed test to name.
    if (f.status === 'failed' && failedTests.length === 0)
      failures.push(`${step} › ${where}: ${firstLine(f.message)}`);
  }
  return {
    passed: r.numPassedTests ?? 0,
    failed: r.numFailedTests ?? 0,
    skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
  };
}
function countDepcruise(file) {
  const { summary } = JSON.parse(readFileSync(file, 'utf8'));
  const rules = new Set(summary.ruleSetUsed.forbidden.map((r) => r.name));
  const broken = new Set(summary.violations.map((v) => v.rule.name));
  for (const v of summary.violations) console.log(`  ${v.rule.name}: ${v.from} → ${v.to}`);
  console.log(
    `  ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports checked against ${rules.size} rules`,
  );
  return { passed: rules.size - broken.size, failed: broken.size, skipped: 0 };
}
function countPlaywright(file, step) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'unexpected') continue;
        const error = (t.results ?? []).map((r) => r.error?.message).find(Boolean);
        failures.push(
          `${step} › [${t.projectName}] ${[...titles, spec.title].join(' › ')}: ${firstLine(error)}`,
        );
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  const s = report.stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
for (const step of steps) {
  if (only.size && !only.has(step.name)) continue;
  if (step.optional && !existsSync(join(root, step.optional))) continue;
  const t0 = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  let ok = r.status === 0;
  if (step.report && existsSync(step.report.file)) {
    const count = { vitest: countVitest, depcruise: countDepcruise, playwright: countPlaywright }[
      step.report.kind
    ];
    const c = count(step.report.file, step.name);
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
    // depcruise's JSON reporter exits 0 whatever it found: the report decides.
    if (c.failed > 0) ok = false;
    console.log(`=== ${step.name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  }
  if (step.counted) {
    if (ok) totals.passed += 1;
    else totals.failed += 1;
  }
  console.log(
    `=== ${step.name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t0) / 1000).toFixed(1)}s`,
  );
  if (!ok) {
    failedSteps.push(step.name);
    if (step.name === 'native' || step.name === 'build') break; // nothing after these can run
  }
}

if (failures.length) console.log(`\nfailed tests:\n${failures.map((f) => `  ${f}`).join('\n')}`);
if (failedSteps.length) console.log(`\nfailed steps: ${failedSteps.join(', ')}`);
if (failedSteps.length && totals.failed === 0) totals.failed = failedSteps.length; // a failed check counts
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
