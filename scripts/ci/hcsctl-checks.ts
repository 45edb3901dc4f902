/**
 * hcsctl against one running compute system, each command checked for what a user would look for:
 *
 *   node --import tsx scripts/ci/hcsctl-checks.ts --id <system id> [--api v1|v2] [--label <name>] [--shell cmd|sh]
 *
 * list shows it Running; props V1 and V2 (Statistics) answer for it; exec `cmd /c echo` prints the marker and
 * exits 0, and `cmd /c exit 3` makes hcsctl exit 3; pause then resume, where HCS supports pausing the
 * system, with the state checked after each; where HCS refuses to pause it, the refusal must be one of the
 * known "not supported here" answers, and the system must still run and still exec afterwards. With --api,
 * also `hcsctl --api <api> list`, and a bad value of the flag and of HCS_DESKTOP_HCS_API refused as a usage
 * error (so a V2 run cannot silently be a V1 run).
 *
 * Every command, its exit code and its output go to ci-reports/hcsctl-<label>.txt; the results to the run's
 * summary. `--shell sh` runs the exec checks as POSIX commands: how this script is tested against the
 * simulated HCS, whose processes run on the host.
 */
import { UsageError } from '../../src/base/index.ts';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { annotate, repoRoot, reportsDir, runMain, summarize } from './github.ts';

export interface CommandRun {
  args: string[];
  env: Record<string, string>;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CheckOutcome {
  check: string;
  status: 'pass' | 'fail' | 'expected-refusal';
  detail: string;
}

/**
 * What HCS may answer when it does not pause a process-isolated container. Whether it does is not documented
 * (Microsoft lists pause and resume as virtual machine operations; Docker refuses them for Windows Server
 * containers before asking HCS), so either outcome passes — but only with one of these answers.
 */
export const PAUSE_REFUSALS: Record<string, string> = {
  '0x80070032': 'ERROR_NOT_SUPPORTED',
  '0x80004001': 'E_NOTIMPL',
  '0xc0370105': 'ERROR_VMCOMPUTE_INVALID_STATE',
  '0x80370105': 'HCS_E_INVALID_STATE',
};

/** The HRESULT hcsctl printed on stderr (`hcsctl: HRESULT 0x…`), lower case. */
export function hresultOf(stderr: string): string | null {
  const m = /HRESULT (0x[0-9a-fA-F]{8})/.exec(stderr);
  return m ? m[1]!.toLowerCase() : null;
}

/** The state `hcsctl list` shows for `id` (its fourth column), or null when it is not listed. */
export function listedState(listOutput: string, id: string): string | null {
  for (const line of listOutput.split(/\r?\n/)) {
    const cells = line.trim().split(/\s{2,}/);
    if (cells[0]?.toLowerCase() === id.toLowerCase()) return cells[3] ?? '';
  }
  return null;
}

export interface Options {
  id: string;
  api: 'v1' | 'v2' | null;
  shell: 'cmd' | 'sh';
  /** How to run hcsctl: the executable and the arguments before hcsctl's own. */
  hcsctl: { command: string; prefix: string[] };
  env: NodeJS.ProcessEnv;
}

/** The global option that selects the HCS API, placed before the command word as `hcsctl --api v2 list`. */
export function apiArgs(api: string): string[] {
  return ['--api', api];
}

export function runChecks(options: Options): { outcomes: CheckOutcome[]; runs: CommandRun[] } {
  const outcomes: CheckOutcome[] = [];
  const runs: CommandRun[] = [];
  const { id } = options;
  const hcsctl = (args: string[], env: Record<string, string> = {}): CommandRun => {
    const r = spawnSync(options.hcsctl.command, [...options.hcsctl.prefix, ...args], {
      cwd: repoRoot,
      env: { ...options.env, ...env },
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const run = {
      args,
      env,
      code: r.status,
      stdout: r.stdout ?? '',
      stderr: `${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`,
    };
    runs.push(run);
    return run;
  };
  const check = (name: string, body: () => string | { status: CheckOutcome['status']; detail: string }) => {
    try {
      const result = body();
      outcomes.push(
        typeof result === 'string'
          ? { check: name, status: 'pass', detail: result }
          : { check: name, ...result },
      );
    } catch (error) {
      outcomes.push({ check: name, status: 'fail', detail: (error as Error).message });
    }
  };
  const must = (run: CommandRun, code: number) => {
    if (run.code !== code)
      throw new Error(
        `hcsctl ${run.args.join(' ')} exited ${run.code}, expected ${code}: ${run.stderr.trim() || run.stdout.trim()}`,
      );
    return run;
  };
  const json = (run: CommandRun): Record<string, unknown> => {
    try {
      return JSON.parse(run.stdout) as Record<string, unknown>;
    } catch {
      throw new Error(`hcsctl ${run.args.join(' ')} did not print JSON: ${run.stdout.slice(0, 200)}`);
    }
  };
  const stateNow = (): string | null => listedState(must(hcsctl(['list']), 0).stdout, id);
  const echo = (marker: string) =>
    options.shell === 'cmd' ? ['cmd', '/c', 'echo', marker] : [`echo ${marker}`];
  const exit3 = options.shell === 'cmd' ? ['cmd', '/c', 'exit', '3'] : ['exit 3'];
  const execEcho = (marker: string) => {
    const run = must(hcsctl(['exec', id, '--', ...echo(marker)]), 0);
    if (!run.stdout.includes(marker))
      throw new Error(`exec printed ${JSON.stringify(run.stdout.slice(0, 200))}, without ${marker}`);
    return `printed ${marker}, exit 0`;
  };

  check('list', () => {
    const state = stateNow();
    if (state === null) throw new Error(`hcsctl list does not list ${id}`);
    if (state !== 'Running') throw new Error(`hcsctl list shows ${id} as ${state}, not Running`);
    return `${id} Running`;
  });
  check('props V1', () => {
    const props = json(must(hcsctl(['props', id, '--v1', 'Statistics', '--json']), 0));
    if (String(props.Id).toLowerCase() !== id.toLowerCase())
      throw new Error(`V1 properties name ${String(props.Id)}, not ${id}`);
    if (typeof props.Statistics !== 'object' || props.Statistics === null)
      throw new Error('V1 properties have no Statistics');
    return `Id ${String(props.Id)}, State ${String(props.State ?? '?')}, Statistics present`;
  });
  check('props V2', () => {
    const props = json(must(hcsctl(['props', id, '--v2', 'Statistics', '--json']), 0));
    if (typeof props.Statistics !== 'object' || props.Statistics === null)
      throw new Error('V2 properties have no Statistics');
    return `State ${String(props.State ?? '?')}, Statistics present`;
  });
  check('exec echo', () => execEcho('hcs-desktop-ci-1'));
  check('exec exit code', () => {
    must(hcsctl(['exec', id, '--', ...exit3]), 3);
    return 'hcsctl exited 3, the exit code of the process';
  });
  check('pause and resume', () => {
    const paused = hcsctl(['pause', id]);
    if (paused.code === 0) {
      const state = stateNow();
      if (state !== 'Paused') throw new Error(`pause succeeded but list shows ${String(state)}, not Paused`);
      must(hcsctl(['resume', id]), 0);
      const after = stateNow();
      if (after !== 'Running')
        throw new Error(`resume succeeded but list shows ${String(after)}, not Running`);
      return `paused (list: Paused), resumed (list: Running); ${execEcho('hcs-desktop-ci-2')} after resume`;
    }
    const hresult = hresultOf(paused.stderr);
    const known = hresult ? PAUSE_REFUSALS[hresult] : undefined;
    if (paused.code !== 1 || !known)
      throw new Error(
        `pause failed (exit ${paused.code}) with an unexpected answer: ${paused.stderr.trim()}`,
      );
    const state = stateNow();
    if (state !== 'Running')
      throw new Error(`after the refused pause list shows ${String(state)}, not Running`);
    return {
      status: 'expected-refusal',
      detail: `HCS does not pause this system: ${hresult} ${known}; still Running, ${execEcho('hcs-desktop-ci-3')}`,
    };
  });
  if (options.api) {
    const api = options.api;
    check(`--api ${api}`, () => {
      const state = listedState(must(hcsctl([...apiArgs(api), 'list']), 0).stdout, id);
      if (state === null) throw new Error(`hcsctl ${apiArgs(api).join(' ')} list does not list ${id}`);
      return `lists ${id} (${state})`;
    });
    check('a bad API is refused', () => {
      must(hcsctl([...apiArgs('v3'), 'list']), 2);
      must(hcsctl(['list'], { HCS_DESKTOP_HCS_API: 'v3' }), 2);
      return '--api v3 and HCS_DESKTOP_HCS_API=v3 are usage errors (exit 2)';
    });
  }
  return { outcomes, runs };
}

export function formatTranscript(runs: CommandRun[]): string {
  return runs
    .map((r) => {
      const env = Object.entries(r.env)
        .map(([k, v]) => `${k}=${v} `)
        .join('');
      return `$ ${env}hcsctl ${r.args.join(' ')}\n[exit ${r.code}]\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}\n`;
    })
    .join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      id: { type: 'string' },
      api: { type: 'string' },
      label: { type: 'string' },
      shell: { type: 'string' },
    },
  });
  if (!values.id) throw new UsageError('--id <compute system id> is required');
  if (values.api !== undefined && values.api !== 'v1' && values.api !== 'v2')
    throw new UsageError('--api v1|v2');
  const shell = values.shell ?? (process.platform === 'win32' ? 'cmd' : 'sh');
  if (shell !== 'cmd' && shell !== 'sh') throw new UsageError('--shell cmd|sh');
  const label = values.label ?? values.api ?? 'default';
  if (!/^[\w-]+$/.test(label)) throw new UsageError('--label: letters, digits, - or _');

  const { outcomes, runs } = runChecks({
    id: values.id,
    api: (values.api as 'v1' | 'v2' | undefined) ?? null,
    shell,
    hcsctl: { command: process.execPath, prefix: [join(repoRoot, 'bin', 'hcsctl.mjs')] },
    env: process.env,
  });
  writeFileSync(join(reportsDir(), `hcsctl-${label}.txt`), formatTranscript(runs));
  const lines = [`### hcsctl (${label})`, '', '| check | result | detail |', '|---|---|---|'];
  for (const o of outcomes) {
    const shown = o.status === 'expected-refusal' ? 'expected HCS refusal' : o.status.toUpperCase();
    lines.push(`| ${o.check} | ${shown} | ${o.detail.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')} |`);
    console.log(`${shown.padEnd(20)} ${o.check}: ${o.detail}`);
    if (o.status === 'fail') annotate('error', `hcsctl ${o.check}: ${o.detail}`);
    if (o.status === 'expected-refusal') annotate('notice', `hcsctl ${o.check}: ${o.detail}`);
  }
  summarize(lines.join('\n'));
  return outcomes.some((o) => o.status === 'fail') ? 1 : 0;
}

// Imported by its test; run as a script in CI.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) runMain('hcsctl-checks', main);
