/**
 * The verdict on one run of `npm run smoke:windows` in CI, from the JSON report it wrote and the lines it
 * printed. The smoke script itself only records; CI decides what counts as a failure:
 *
 * - elevated (the runner's administrator): every FAIL fails the job, the report must come from the real
 *   vmcompute.dll (not the simulator), enumerate must list the container and exec in it must pass;
 * - unelevated (the same administrator's filtered token, as from a normal prompt): HCS answering access
 *   denied (0x80070005) is the documented answer to a caller that is not elevated, which the app explains
 *   and offers to restart elevated, so such a FAIL is accepted and shown as such; any other FAIL fails.
 *   When the runner could not drop elevation, the run says so and proves nothing either way.
 */
import type { CheckResult, Status } from '../packaging/smoke-report.ts';

export type Expectation = 'elevated' | 'unelevated';

export interface SmokeReport {
  forced: boolean;
  options?: { exec?: string | null };
  counts: Record<Status, number>;
  results: CheckResult[];
}

export interface Verdict {
  /** ok: nothing failed; failed: the job fails; not-applicable: the run could not be what it was meant to be. */
  outcome: 'ok' | 'failed' | 'not-applicable';
  problems: string[];
  /** FAILs that are the expected answer, each with why. */
  accepted: string[];
  notes: string[];
}

export const ACCESS_DENIED = '0x80070005';

/** The check names printed on FAIL lines (`  FAIL  <check>`) of the smoke script's output. */
export function failLines(output: string): string[] {
  return [...output.matchAll(/^\s*FAIL\s{2,}(.+?)\s*$/gm)].map((m) => m[1]!);
}

function elevationOf(report: SmokeReport): boolean | null {
  const data = report.results.find((r) => r.check === 'elevation')?.data as
    { elevated?: unknown } | undefined;
  return typeof data?.elevated === 'boolean' ? data.elevated : null;
}

export function smokeVerdict(
  report: SmokeReport,
  output: string,
  expect: Expectation,
  options: { containerId?: string; requireReal?: boolean; exitCode?: number | null } = {},
): Verdict {
  const problems: string[] = [];
  const failures = report.results.filter((r) => r.status === 'fail').length;
  // The smoke script exits 0 when nothing failed and 1 when something did; anything else is a crash.
  if (options.exitCode !== undefined) {
    const expected = failures > 0 ? 1 : 0;
    if (options.exitCode !== expected)
      problems.push(
        `smoke:windows exited ${String(options.exitCode)} with ${failures} failed check(s) (expected exit ${expected})`,
      );
  }
  const accepted: string[] = [];
  const notes: string[] = [];
  const requireReal = options.requireReal ?? true;
  if (requireReal && report.forced)
    problems.push('the report comes from the simulated HCS (--force), not from vmcompute.dll');

  const elevated = elevationOf(report);
  if (elevated === null) problems.push('the report does not say whether the run was elevated');
  else if (expect === 'elevated' && !elevated) problems.push('the run meant to be elevated was not elevated');
  else if (expect === 'unelevated' && elevated) {
    notes.push(
      'the runner started the non-elevated run with an elevated token: it shows nothing about non-elevated use',
    );
    return { outcome: 'not-applicable', problems, accepted, notes };
  }

  const byName = new Map(report.results.map((r) => [r.check, r]));
  for (const result of report.results.filter((r) => r.status === 'fail')) {
    const hresult = result.error?.hresult?.toLowerCase();
    if (expect === 'unelevated' && hresult === ACCESS_DENIED) {
      accepted.push(
        `${result.check}: access denied (${ACCESS_DENIED}), HCS's answer to a caller that is not elevated`,
      );
    } else {
      problems.push(`${result.check}: ${result.detail}${hresult ? ` (${hresult})` : ''}`);
    }
  }
  // The printed lines and the saved report must agree: a FAIL printed but not saved is still a failure.
  for (const check of failLines(output)) {
    if (byName.get(check)?.status !== 'fail') problems.push(`${check}: printed as FAIL but not saved as one`);
  }
  if (report.counts.fail !== failures)
    problems.push('the report counts a different number of failures than it lists');

  if (expect === 'elevated' && options.containerId) {
    const id = options.containerId;
    const listed = byName.get('enumerate')?.data;
    if (!Array.isArray(listed) || !listed.some((s) => (s as { Id?: string }).Id === id))
      problems.push(`enumerate did not list the container ${id}`);
    if (byName.get(`exec in ${id}`)?.status !== 'pass') problems.push(`exec in ${id} did not pass`);
  }
  return { outcome: problems.length ? 'failed' : 'ok', problems, accepted, notes };
}

/** The verdict as Markdown, for the run's summary page. */
export function formatVerdict(label: string, verdict: Verdict): string {
  const head = { ok: 'passed', failed: 'FAILED', 'not-applicable': 'not applicable on this runner' }[
    verdict.outcome
  ];
  const lines = [`### smoke:windows (${label}): ${head}`];
  for (const p of verdict.problems) lines.push(`- FAIL ${p}`);
  for (const a of verdict.accepted) lines.push(`- expected: ${a}`);
  for (const n of verdict.notes) lines.push(`- note: ${n}`);
  return lines.join('\n');
}
