// The CI scripts that drive HCS on a real Windows runner, run here against the simulated HCS: hcsctl-checks.ts
// passes a healthy running system and fails a pause refused with an answer that is not "not supported";
// launch-packaged.ts sees an app start its own simulator, open and register every system, and stop with it
// (the web-mode server stands in for the packaged Electron app, which cannot run here).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type StartedSim } from '../helpers/sim.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const reports = mkdtempSync(join(tmpdir(), 'hcs-ci-reports-'));

function run(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, HCS_CI_REPORTS: reports, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((r) => child.on('close', (code) => r({ code, output })));
}

afterAll(() => rmSync(reports, { recursive: true, force: true }));

// Each check is a separate hcsctl process (tsx start-up included): generous bounds for a loaded machine.
describe('hcsctl-checks.ts against the simulator', { timeout: 180_000 }, () => {
  let sim: StartedSim;
  beforeAll(async () => {
    sim = await startSim({ fixture: 'test' });
  });
  afterEach(async () => {
    await sim.control.clearFaults();
  });
  afterAll(async () => {
    await sim?.stop();
  });

  it('passes list, props V1 and V2, exec with its output and exit code, pause and resume', async () => {
    const r = await run(
      'scripts/ci/hcsctl-checks.ts',
      ['--id', 'test-container-running', '--shell', 'sh', '--label', 'sim'],
      {
        HCS_SIM_SOCKET: sim.socketPath,
      },
    );
    expect(r.code, r.output).toBe(0);
    for (const check of ['list', 'props V1', 'props V2', 'exec echo', 'exec exit code', 'pause and resume'])
      expect(r.output).toMatch(new RegExp(`^PASS +${check}: `, 'm'));
    expect(r.output).toContain('paused (list: Paused), resumed (list: Running)');
    const transcript = readFileSync(join(reports, 'hcsctl-sim.txt'), 'utf8');
    expect(transcript).toContain('$ hcsctl exec test-container-running -- exit 3\n[exit 3]');
  });

  it('fails a pause refused with any answer but "not supported here"', async () => {
    await sim.control.setFaults({ system: 'test-container-running', accessDenied: ['PauseComputeSystem'] });
    const r = await run(
      'scripts/ci/hcsctl-checks.ts',
      ['--id', 'test-container-running', '--shell', 'sh', '--label', 'denied'],
      {
        HCS_SIM_SOCKET: sim.socketPath,
      },
    );
    expect(r.code, r.output).toBe(1);
    expect(r.output).toMatch(
      /^FAIL +pause and resume: pause failed \(exit 1\) with an unexpected answer:[\s\S]*HRESULT 0x80070005/m,
    );
    expect(r.output).toMatch(/^PASS +exec echo: /m);
  });

  it('fails every check of a system that is not there', async () => {
    const r = await run(
      'scripts/ci/hcsctl-checks.ts',
      ['--id', 'no-such-system', '--shell', 'sh', '--label', 'missing'],
      {
        HCS_SIM_SOCKET: sim.socketPath,
      },
    );
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/^FAIL +list: hcsctl list does not list no-such-system/m);
    expect(r.output).not.toMatch(/^PASS /m);
  });
});

describe('launch-packaged.ts', { timeout: 180_000 }, () => {
  it('sees an app start its simulator, register every fixture system, and stop with it on SIGTERM', async () => {
    const server = [
      '--require',
      './src/server/threadpool.cjs',
      '--import',
      'tsx',
      'src/server/main.ts',
      ...[
        '--backend',
        'simulator',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--token',
        'ci-scripts-test-token-0123',
      ],
    ];
    const r = await run('scripts/ci/launch-packaged.ts', ['--exe', process.execPath, '--', ...server]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain('opened and registered 5 systems through the simulator it started');
    expect(r.output).toContain('stopped on SIGTERM, its simulator with it');
  });

  it('fails an app that exits before it comes up', async () => {
    const r = await run('scripts/ci/launch-packaged.ts', [
      '--exe',
      process.execPath,
      '--',
      '-e',
      'process.exit(3)',
    ]);
    expect(r.code).toBe(1);
    expect(r.output).toContain('exited before it came up');
  });
});
