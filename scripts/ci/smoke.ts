/**
 * One CI run of `npm run smoke:windows` and its verdict (smoke-verdict.ts):
 *
 *   node --import tsx scripts/ci/smoke.ts --label <name> --expect elevated|unelevated --exec <container id>
 *
 * Writes ci-reports/smoke-<label>.json (the smoke script's report) and .log (what it printed), adds the
 * verdict to the run's summary, and exits 1 when the verdict is a failure.
 */
import { UsageError } from '../../src/base/index.ts';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { annotate, repoRoot, reportsDir, runMain, summarize } from './github.ts';
import { formatVerdict, smokeVerdict, type Expectation, type SmokeReport } from './smoke-verdict.ts';

function runSmoke(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // npm is npm.cmd on Windows, which only a shell starts.
    const child = spawn('npm', ['run', '--silent', 'smoke:windows', '--', ...args], {
      cwd: repoRoot,
      shell: process.platform === 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const take = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString('utf8');
      to.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => take(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => take(c, process.stderr));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      label: { type: 'string' },
      expect: { type: 'string' },
      exec: { type: 'string' },
    },
  });
  const { label, exec } = values;
  const expect = values.expect as Expectation | undefined;
  if (!label || !/^[\w-]+$/.test(label))
    throw new UsageError('--label <letters, digits, - or _> is required');
  if (expect !== 'elevated' && expect !== 'unelevated') throw new UsageError('--expect elevated|unelevated');
  if (!exec) throw new UsageError('--exec <container id> is required');

  const reportFile = join(reportsDir(), `smoke-${label}.json`);
  const run = await runSmoke(['--exec', exec, '--out', reportFile]);
  writeFileSync(join(reportsDir(), `smoke-${label}.log`), run.output);
  if (!existsSync(reportFile)) {
    annotate('error', `smoke:windows (${label}) wrote no report (exit ${run.code})`);
    return 1;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as SmokeReport;
  const verdict = smokeVerdict(report, run.output, expect, { containerId: exec, exitCode: run.code });
  summarize(formatVerdict(label, verdict));
  for (const p of verdict.problems) annotate('error', `smoke:windows (${label}): ${p}`);
  for (const n of verdict.notes) annotate('warning', `smoke:windows (${label}): ${n}`);
  return verdict.outcome === 'failed' ? 1 : 0;
}

runMain('smoke', main);
