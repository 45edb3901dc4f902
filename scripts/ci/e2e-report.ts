/**
 * Makes sure a Playwright project really ran, from the JSON report (`--reporter=json`): a project whose
 * every test skipped exits 0, which on a runner meant to have Electron (or Windows) would be a silent pass.
 *
 *   node --import tsx scripts/ci/e2e-report.ts --report <e2e.json> --project <name>
 *
 * Fails when the project ran no test, skipped any, or failed any; prints the skip reasons.
 */
import { UsageError } from '../../src/base/index.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { annotate, runMain, summarize } from './github.ts';

interface ReportTest {
  projectName: string;
  status: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  annotations?: { type: string; description?: string }[];
}
interface ReportSpec {
  title: string;
  tests: ReportTest[];
}
interface ReportSuite {
  specs?: ReportSpec[];
  suites?: ReportSuite[];
}
export interface PlaywrightJsonReport {
  suites: ReportSuite[];
}

export interface ProjectCounts {
  total: number;
  passed: number;
  failed: number;
  flaky: number;
  skipped: number;
  skipReasons: string[];
}

export function projectCounts(report: PlaywrightJsonReport, project: string): ProjectCounts {
  const counts: ProjectCounts = { total: 0, passed: 0, failed: 0, flaky: 0, skipped: 0, skipReasons: [] };
  const visit = (suite: ReportSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests.filter((t) => t.projectName === project)) {
        counts.total++;
        if (test.status === 'expected') counts.passed++;
        else if (test.status === 'flaky') counts.flaky++;
        else if (test.status === 'skipped') {
          counts.skipped++;
          const reason = test.annotations?.find((a) => a.type === 'skip')?.description;
          if (reason && !counts.skipReasons.includes(reason)) counts.skipReasons.push(reason);
        } else counts.failed++;
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites) visit(suite);
  return counts;
}

/** Why the project does not count as having run, or null when it ran in full and passed. */
export function notRun(counts: ProjectCounts, project: string): string | null {
  if (counts.total === 0) return `the ${project} project has no test in the report`;
  if (counts.skipped > 0)
    return `the ${project} project skipped ${counts.skipped} of ${counts.total} test(s): ${counts.skipReasons.join('; ') || 'no reason given'}`;
  if (counts.failed > 0) return `the ${project} project failed ${counts.failed} of ${counts.total} test(s)`;
  return null;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { report: { type: 'string' }, project: { type: 'string' } },
  });
  if (!values.report || !values.project)
    throw new UsageError('usage: e2e-report.ts --report <e2e.json> --project <name>');
  const counts = projectCounts(
    JSON.parse(readFileSync(values.report, 'utf8')) as PlaywrightJsonReport,
    values.project,
  );
  const problem = notRun(counts, values.project);
  summarize(
    `### Playwright project ${values.project}: ${counts.passed} passed, ${counts.failed} failed, ${counts.flaky} flaky, ${counts.skipped} skipped` +
      (problem ? `\n- FAIL ${problem}` : ''),
  );
  if (problem) annotate('error', problem);
  return problem ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runMain('e2e-report', main);
