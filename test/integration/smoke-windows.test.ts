// The Windows smoke script (scripts/smoke-windows.ts), forced to run here against a fresh simulator: every check
// of a clean run passes, a failing or hanging HCS call is recorded against its check while the rest still run,
// and off Windows without --force it only says it skipped.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Status } from '../../scripts/packaging/smoke-report.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE_SYSTEMS = [
  'test-container-running',
  'test-container-created',
  'test-vm-running',
  'test-vm-paused',
  'test-vm-stopped',
];

interface Report {
  forced: boolean;
  counts: Record<Status, number>;
  results: CheckResult[];
}

let sim: StartedSim;
const scratch = mkdtempSync(join(tmpdir(), 'hcs-smoke-test-'));
let runs = 0;

beforeAll(async () => {
  sim = await startSim({ fixture: 'test' });
});
afterEach(async () => {
  await sim.control.clearFaults();
});
afterAll(async () => {
  await sim?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function smoke(
  ...args: string[]
): Promise<{ code: number | null; output: string; out: string; report: Report | null }> {
  const out = join(scratch, `smoke-${++runs}.json`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/smoke-windows.ts', '--out', out, ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, HCS_SIM_SOCKET: sim.socketPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const report = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Report) : null;
  return { code, output, out, report };
}

function result(report: Report | null, check: string): CheckResult {
  const found = report?.results.find((r) => r.check === check);
  if (!found)
    throw new Error(`no "${check}" in the report: ${JSON.stringify(report?.results.map((r) => r.check))}`);
  return found;
}

describe('npm run smoke:windows -- --force (against the simulator)', () => {
  it('passes every check of a healthy service, including a process whose stdout it reads', async () => {
    const run = await smoke('--force', '--exec', 'test-container-running');
    expect(run.code, run.output).toBe(0);
    const report = run.report!;
    expect(report.forced).toBe(true);
    expect(report.counts.fail).toBe(0);
    expect(result(report, 'loader').detail).toContain('libvmcompute_sim.so');
    expect(result(report, 'service properties').detail).toBe('schema versions 1.0, 2.1');
    expect(result(report, 'stdio: uv_open_osfhandle').status).toBe('pass');
    expect(result(report, 'enumerate').detail).toMatch(/^5 compute system\(s\)/);
    for (const id of FIXTURE_SYSTEMS) {
      for (const check of ['open', 'properties v1', 'properties v2', 'close']) {
        expect(result(report, `${check} ${id}`).status, `${check} ${id}`).toBe('pass');
      }
    }
    expect(result(report, 'properties v2 test-vm-running').detail).toMatch(
      /^Statistics\+Memory: State Running/,
    );
    expect(result(report, 'properties v2 test-container-running').detail).toMatch(
      /^Statistics: State Running/,
    );
    const exec = result(report, 'exec in test-container-running');
    expect(exec.status, exec.detail).toBe('pass');
    expect(exec.data).toMatchObject({ exitCode: 0, stdout: 'hcs-desktop-smoke\n' });
    // The same checks through the V2 API, after the list of computecore exports this build has.
    expect(result(report, 'computecore exports')).toMatchObject({
      status: 'pass',
      detail: expect.stringMatching(/^\d+ of \d+ exports; every export present$/),
    });
    expect(result(report, 'v2 loader').detail).toContain('libcomputecore_sim.so');
    expect(result(report, 'v2 service properties').detail).toBe('schema versions 1.0, 2.1');
    expect(result(report, 'v2 enumerate').detail).toMatch(/^5 compute system\(s\)/);
    for (const id of FIXTURE_SYSTEMS) {
      for (const check of ['open', 'properties v1', 'properties v2', 'close']) {
        expect(result(report, `v2 ${check} ${id}`).status, `v2 ${check} ${id}`).toBe('pass');
      }
    }
    expect(result(report, 'v2 exec in test-container-running').data).toMatchObject({
      exitCode: 0,
      stdout: 'hcs-desktop-smoke\n',
    });
    expect(run.output).toContain(`results saved to ${run.out}`);
    expect(run.output).toMatch(/check\s+result\s+detail/);
  });

  it('records access denied against the system it concerns and runs everything else', async () => {
    // Opening reads the system's properties (hcsshim caches its type and OS), so the open is what is denied.
    await sim.control.setFaults({ system: 'test-vm-running', accessDenied: ['GetComputeSystemProperties'] });
    const run = await smoke('--force');
    expect(run.code, run.output).toBe(1);
    const report = run.report!;
    const denied = result(report, 'open test-vm-running');
    expect(denied.status).toBe('fail');
    expect(denied.error?.hresult).toBe('0x80070005');
    expect(denied.detail).toContain('run from an elevated prompt');
    expect(result(report, 'properties v1 test-vm-running')).toMatchObject({
      status: 'skip',
      detail: 'not opened',
    });
    // Denied through each API: once through V1, once through V2.
    expect(result(report, 'v2 open test-vm-running').error?.hresult).toBe('0x80070005');
    expect(report.counts.fail).toBe(2);
    expect(result(report, 'enumerate').status).toBe('pass');
    for (const id of FIXTURE_SYSTEMS.filter((s) => s !== 'test-vm-running')) {
      expect(result(report, `properties v2 ${id}`).status, id).toBe('pass');
    }
    expect(result(report, 'exec').status).toBe('skip');
  });

  it('records a call that never answers as a timeout and still finishes', async () => {
    await sim.control.setFaults({ system: 'test-vm-paused', hang: ['GetComputeSystemProperties'] });
    const run = await smoke('--force', '--timeout', '1');
    expect(run.code, run.output).toBe(1);
    const report = run.report!;
    // The script must still exit although the hung call never returns (see scripts/packaging/hard-exit.ts).
    const hung = result(report, 'open test-vm-paused');
    expect(hung).toMatchObject({ status: 'fail', timedOut: true });
    expect(hung.detail).toContain('no answer within 1 s');
    expect(result(report, 'properties v1 test-vm-stopped').status).toBe('pass');
    expect(result(report, 'open test-vm-stopped').status).toBe('pass');
    expect(result(report, 'v2 open test-vm-paused')).toMatchObject({ status: 'fail', timedOut: true });
    expect(result(report, 'v2 open test-vm-stopped').status).toBe('pass');
  });

  it('fails the exec check, not the run, for a system that does not exist', async () => {
    const run = await smoke('--force', '--exec', 'no-such-system');
    expect(run.code).toBe(1);
    const exec = result(run.report, 'exec in no-such-system');
    expect(exec.status).toBe('fail');
    expect(exec.error?.hresult).toBe('0xC037010E');
    // Through V2 too, in computecore's form of the code.
    expect(result(run.report, 'v2 exec in no-such-system').error?.hresult).toBe('0x8037010E');
    expect(run.report!.counts.fail).toBe(2);
  });
});

describe('npm run smoke:windows -- --api', () => {
  it('checks one API only when asked, and refuses an unknown one', async () => {
    const v1 = await smoke('--force', '--api', 'v1');
    expect(v1.code, v1.output).toBe(0);
    expect(v1.report!.results.some((r) => r.check.startsWith('v2 '))).toBe(false);
    expect(result(v1.report, 'computecore exports').status).toBe('pass');
    const bad = await smoke('--force', '--api', 'v3');
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('--api must be v1, v2 or both');
  });
});

describe('npm run smoke:windows off Windows', () => {
  it('skips with a notice and exit code 0 unless forced', async () => {
    const run = await smoke();
    expect(run.code).toBe(0);
    expect(run.output).toContain('SKIPPED');
    expect(run.report).toBeNull();
  });
});
