// hcsctl's commands that follow HCS over time or look inside a system, as a user runs them (the real binary
// against a fresh simulator, through the API of the project: integration V1, integration-v2 V2): ps and kill,
// wait, events (seeing what another client does; Ctrl+C ends it with 0), stats (CPU that moves while a
// process burns CPU in the system; --no-stream; the table redrawn in place on a terminal), service's property
// types, and the bash completion script run by bash. Every wait is for a line of output, an exit, or a state
// the simulator reports — never for time.
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { containerDoc, isV2, linuxVmDoc, uniqueId } from './hcs-support.ts';
import {
  HCSCTL_BIN,
  runHcsctl,
  startHcsctl,
  startHcsctlOnTerminal,
  type LiveHcsctl,
  type Run,
} from './hcsctl-support.ts';

let sim: StartedSim;
const API = isV2() ? 'v2' : 'v1';
const env = () => ({ HCS_SIM_SOCKET: sim.socketPath, HCS_DESKTOP_HCS_API: API });
const hcsctl = (args: string[], input?: string): Promise<Run> => runHcsctl(args, { env: env(), input });
const live: LiveHcsctl[] = [];
const follow = (args: string[], input?: string): LiveHcsctl => {
  const started = startHcsctl(args, { env: env(), input });
  live.push(started);
  return started;
};

beforeAll(async () => {
  sim = await startSim({ fixture: 'test', completionDelayMs: 5 });
});
afterEach(() => {
  // A test that failed half-way leaves nothing running behind it.
  for (const l of live.splice(0)) l.kill();
});
afterAll(async () => {
  await sim?.stop();
});

async function until<T>(find: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}
async function stateOf(id: string): Promise<string | undefined> {
  return (await sim.control.systems()).find((s) => s.id === id)?.state;
}
/** The pid of the live process in `id` whose command line contains `marker`, once the simulator runs it. */
function processOf(id: string, marker: string): Promise<number> {
  return until(async () => {
    const system = (await sim.control.systems()).find((s) => s.id === id);
    return system?.processes.find((p) => !p.exited && p.commandLine.includes(marker))?.pid;
  });
}
/**
 * Resolves once the simulator shows `live`'s connection with a callback registration (its wait cannot miss the
 * exit from then on); rejects with hcsctl's output if hcsctl ends first.
 */
function registered(live: LiveHcsctl): Promise<void> {
  const ended = live.exit.then((code) => {
    throw new Error(
      `hcsctl ended (${code}) before it registered\nstdout:\n${live.stdout}\nstderr:\n${live.stderr}`,
    );
  });
  ended.catch(() => {});
  return Promise.race([
    until(async () =>
      (await sim.control.clients()).some((c) => c.pid === live.child.pid && c.registrations.length > 0)
        ? true
        : undefined,
    ).then(() => undefined),
    ended,
  ]);
}

/** Creates and starts a system through hcsctl; resolves with its id. */
async function running(prefix: string, doc: Record<string, unknown>): Promise<string> {
  const id = uniqueId(prefix);
  expect(await hcsctl(['create', id, '-'], JSON.stringify(doc))).toMatchObject({ code: 0 });
  expect(await hcsctl(['start', id, '--json'])).toMatchObject({ code: 0, stdout: `{\n  "id": "${id}"\n}\n` });
  return id;
}

describe('hcsctl ps and kill', () => {
  it('lists the processes of a system, terminates one, signals one, and says so when the pid is gone', async () => {
    const id = await running('ps', linuxVmDoc());
    // Two processes another client started (exec), each sleeping in place of its shell (the image is sleep).
    const first = follow(['exec', id, '--', 'exec sleep 301 # hcsctl-ps-first']);
    const second = follow(['exec', id, '--', 'exec sleep 302 # hcsctl-ps-second']);
    const pid1 = await processOf(id, 'hcsctl-ps-first');
    const pid2 = await processOf(id, 'hcsctl-ps-second');

    const table = await hcsctl(['ps', id]);
    expect(table.code).toBe(0);
    expect(table.stderr).toBe('');
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^PID\s+IMAGE\s+CPU TIME\s+MEMORY\s+CREATED$/);
    expect(lines.slice(1).map((l) => Number(l.split(/\s+/)[0]))).toEqual([pid1, pid2].sort((a, b) => a - b));

    const json = await hcsctl(['ps', id, '--json']);
    expect(json.code).toBe(0);
    const listing = JSON.parse(json.stdout) as {
      id: string;
      source: string;
      processes: Array<{ pid: number }>;
    };
    // The V2 ProcessList answers through either API (the fallback to V1 is unit-tested: src/cli/processes.test.ts).
    expect(listing).toMatchObject({ id, source: 'v2' });
    expect(listing.processes.map((p) => p.pid).sort()).toEqual([pid1, pid2].sort());
    expect(listing.processes[0]).toEqual({
      pid: expect.any(Number),
      image: 'sleep',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      userTime100ns: expect.any(Number),
      kernelTime100ns: expect.any(Number),
      memoryCommitBytes: expect.any(Number),
      workingSetPrivateBytes: expect.any(Number),
      workingSetSharedBytes: expect.any(Number),
    });

    // SIGTERM to the first: its exec ends as a process ended by SIGTERM does (128 + 15).
    const signalled = await hcsctl(['kill', id, String(pid1), '--signal', 'SIGTERM', '--json']);
    expect(signalled).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(signalled.stdout)).toEqual({ id, pid: pid1, signal: 'SIGTERM', delivered: true });
    expect(await first.exit).toBe(143);

    // No signal: HcsTerminateProcess.
    expect(await hcsctl(['kill', id, String(pid2)])).toMatchObject({ code: 0, stdout: `${pid2}\n` });
    expect(await second.exit).not.toBe(0);
    expect((await hcsctl(['ps', id])).stdout).toBe('No processes.\n');

    // A pid HCS does not know: HCS's message and code on stderr, exit 1.
    const gone = await hcsctl(['kill', id, String(pid2)]);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toBe('');
    expect(gone.stderr).toMatch(/^hcsctl: hcs::System::OpenProcess .+: Element not found\.\n/);
    expect(gone.stderr).toContain('HRESULT 0x80070490 (ERROR_NOT_FOUND)');

    expect((await hcsctl(['terminate', id, '--wait'])).code).toBe(0);
  });

  it('refuses a POSIX signal for a Windows system (usage, exit 2) and a pid that is not a number', async () => {
    const posix = await hcsctl(['kill', 'test-container-running', '1', '--signal', 'SIGTERM']);
    expect(posix.code).toBe(2);
    expect(posix.stderr).toBe(
      'hcsctl: kill: test-container-running is a Windows system, which takes console events only: --signal CtrlC|CtrlBreak|CtrlClose|CtrlLogOff|CtrlShutdown\n',
    );
    const pid = await hcsctl(['kill', 'test-container-running', 'one']);
    expect(pid.code).toBe(2);
    expect(pid.stderr).toMatch(/^hcsctl: kill: /);
  });
});

describe('hcsctl wait', () => {
  it('waits for a system another client terminates and prints its exit type and status', async () => {
    const id = await running('wait', containerDoc('wait'));
    const waiting = follow(['wait', id, '--json']);
    // The wait has its handle and its registration: the exit cannot slip past it.
    await registered(waiting);
    expect((await hcsctl(['terminate', id])).code).toBe(0);
    expect(await waiting.exit).toBe(0);
    expect(JSON.parse(waiting.stdout)).toEqual({
      id,
      exitType: 'ForcedExit',
      status: '0x00000000',
      statusName: null,
    });
  });

  // Two tests, not one: each runs hcsctl several times, and under flake-check's load (a Node start through tsx per
  // run) the steps of both together once took longer than the test timeout.
  it('--timeout gives up with 124 and leaves the system running; an unreadable --timeout is usage (2)', async () => {
    const id = await running('wait-t', containerDoc('wait-t'));
    const timedOut = await hcsctl(['wait', id, '--timeout', '0.2']);
    expect(timedOut).toEqual({
      code: 124,
      stdout: '',
      stderr: `hcsctl: wait: ${id} did not exit within 0.2 s\n`,
    });
    expect(await stateOf(id)).toBe('Running');
    const bad = await hcsctl(['wait', id, '--timeout', 'soon']);
    expect(bad.code).toBe(2);
    await sim.control.crash(id);
  });

  it('prints an exit as text; shutdown --wait --json reports it too', async ({ onTestFailed }) => {
    // What the followed wait had said if the test fails (a timeout says nothing of where it stopped).
    const followed: { wait?: LiveHcsctl } = {};
    onTestFailed(() => {
      const { wait } = followed;
      console.error(`the followed hcsctl wait said:\nstdout: ${wait?.stdout}\nstderr: ${wait?.stderr}`);
    });
    const id = await running('wait-x', containerDoc('wait-x'));
    const waiting = follow(['wait', id, '--timeout', '600']);
    followed.wait = waiting;
    await registered(waiting);
    const shutdown = await hcsctl(['shutdown', id, '--wait', '--json']);
    expect(shutdown.code).toBe(0);
    expect(JSON.parse(shutdown.stdout)).toEqual({
      id,
      exit: { exitType: 'GracefulExit', status: '0x00000000', statusName: null },
    });
    expect(await waiting.exit).toBe(0);
    expect(waiting.stdout).toBe(`${id}: GracefulExit, status 0x00000000\n`);
  });
});

interface EventJson {
  time: string;
  system: string | null;
  type: string;
  event: string;
  status: string;
  detail: string;
  by: string;
  state: string | null;
}

describe('hcsctl events', () => {
  it('shows what another client does, as JSON lines and filtered text, and ends with 0 on Ctrl+C', async () => {
    const id = uniqueId('events');
    const all = follow(['events', '--json']);
    const exits = follow(['events', '--system', id, '--type', 'exit']);
    for (const l of [all, exits])
      await l.until('it follows', () => (l.stderr.includes('Ctrl+C ends') ? true : undefined));
    const seen = (match: Partial<EventJson>) =>
      all.until(`an event ${JSON.stringify(match)}`, () =>
        all
          .jsonLines<EventJson>()
          .find((e) => Object.entries(match).every(([k, v]) => e[k as keyof EventJson] === v)),
      );

    // Another client (hcsctl in other processes) creates, starts, pauses, resumes and terminates a system.
    expect((await hcsctl(['create', id, '-'], JSON.stringify(containerDoc('events')))).code).toBe(0);
    const listed = await seen({ system: id, type: 'listed' });
    expect(listed).toMatchObject({ event: 'Listed', status: 'info', by: 'other', state: 'Created' });
    expect(listed.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await hcsctl(['start', id])).code).toBe(0);
    await seen({ system: id, type: 'state', event: 'Created → Running', state: 'Running' });
    expect((await hcsctl(['pause', id])).code).toBe(0);
    await seen({ system: id, type: 'state', event: 'Running → Paused', state: 'Paused' });
    expect((await hcsctl(['resume', id])).code).toBe(0);
    await seen({ system: id, type: 'state', event: 'Paused → Running' });
    expect((await hcsctl(['terminate', id])).code).toBe(0);
    await seen({ system: id, type: 'notification', event: 'SystemExited', status: 'ok' });
    await seen({ system: id, type: 'exit', event: 'Stopped', detail: 'exit type ForcedExit' });
    // hcsctl events holds no stopped system alive: HCS removes it once the other client's handle is closed.
    await until(async () => ((await stateOf(id)) === undefined ? true : undefined));

    const line = await exits.until('the exit line', () => exits.lines()[0]);
    expect(line).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z  ${id}  exit  Stopped  info  exit type ForcedExit$`),
    );

    // Ctrl+C: a clean end, exit 0, every line whole.
    expect(await all.interrupt()).toBe(0);
    expect(await exits.interrupt()).toBe(0);
    expect(all.stdout.endsWith('\n')).toBe(true);
    for (const e of all.jsonLines<EventJson>()) expect(Object.keys(e)).toEqual(Object.keys(listed));
    expect(exits.lines()).toEqual([line]);
  });

  it('refuses an unknown --type (usage, exit 2)', async () => {
    const r = await hcsctl(['events', '--type', 'frobs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hcsctl: events: /);
  });
});

interface StatsJson {
  time: string | null;
  id: string;
  state: string;
  cpuPercent: number | null;
  processors: number | null;
  cpuTime100ns: number | null;
}

describe('hcsctl stats', () => {
  it('shows CPU that rises while a process burns CPU in the system and falls when it is killed', async () => {
    const id = await running('stats', linuxVmDoc());
    const stats = follow(['stats', id, '--json']);
    const samples = () => stats.jsonLines<StatsJson>().filter((s) => s.cpuPercent !== null);
    // The system's own load with nothing running in it (the simulator's is steady).
    const idle = await stats.until('two samples with a rate', () => {
      const s = samples();
      return s.length >= 2 ? Math.max(...s.map((x) => x.cpuPercent!)) : undefined;
    });
    const { processors } = samples()[0]!;
    expect(processors).toBe(2);
    // A share of the system's processors: 5 % of one of them over a second is far above the steady load's jitter.
    const margin = 5 / processors!;

    const burner = follow(['exec', id, '--', 'while :; do :; done # hcsctl-burn']);
    const pid = await processOf(id, 'hcsctl-burn');
    const seenBefore = samples().length;
    const busy = await stats.until('CPU above the steady load', () =>
      samples()
        .slice(seenBefore)
        .find((s) => s.cpuPercent! > idle + margin),
    );
    expect(busy).toMatchObject({ id, state: 'Running', time: expect.any(String) });

    expect((await hcsctl(['kill', id, String(pid)])).code).toBe(0);
    await burner.exit;
    const seenBusy = samples().length;
    await stats.until('CPU back at the steady load', () =>
      samples()
        .slice(seenBusy)
        .find((s) => s.cpuPercent! < idle + margin / 2),
    );

    expect(await stats.interrupt()).toBe(0);
    expect((await hcsctl(['terminate', id, '--wait'])).code).toBe(0);
  });

  it('--no-stream prints one sample of every running system, or of the ones named, and exits', async () => {
    const table = await hcsctl(['stats', '--no-stream']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATE\s+CPU %\s+MEMORY\s+READ\/S\s+WRITE\/S\s+NET RX\/S\s+NET TX\/S$/);
    const row = lines.find((l) => l.startsWith('test-vm-running '))!;
    expect(row).toMatch(
      /^test-vm-running\s+Running\s+\d+\.\d\d%\s+\S+ \/ 1\.00GiB\s+\S+\/s\s+\S+\/s\s+--\s+--$/,
    );
    // Only running systems.
    expect(lines.some((l) => l.startsWith('test-vm-paused '))).toBe(false);

    const json = await hcsctl(['stats', 'test-vm-running', 'test-vm-paused', '--no-stream', '--json']);
    expect(json.code).toBe(0);
    const rows = json.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as StatsJson);
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      ['test-vm-paused', 'Paused'],
      ['test-vm-running', 'Running'],
    ]);
    expect(rows[1]!.cpuPercent).toEqual(expect.any(Number));
    expect(rows[0]!.cpuPercent).toBeNull();
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)(
    'on a terminal redraws the table in place every second, and Ctrl+C ends it with 0 (needs util-linux script)',
    async () => {
      const tty = startHcsctlOnTerminal(['stats', 'test-vm-running'], { env: env() });
      live.push(tty);
      // A second table drawn over the first (cursor up over its lines), now with figures.
      const redraw = '\x1b[2A\r\x1b[J';
      await tty.until('a redraw with figures', () => {
        const at = tty.stdout.indexOf(redraw);
        const after = at < 0 ? '' : tty.stdout.slice(at);
        return /\ntest-vm-running +Running +\d+\.\d\d%/.test(after) ? true : undefined;
      });
      tty.child.stdin!.write('\x03');
      expect(await tty.exit).toBe(0);
      expect(tty.stdout.startsWith('\x1b[?25l')).toBe(true);
      // The cursor is shown again at the end.
      expect(tty.stdout.trimEnd().endsWith('\x1b[?25h')).toBe(true);
    },
  );
});

describe('hcsctl service', () => {
  it('the other service property types through V2; through V1 it says they need V2', async () => {
    const v2 = await hcsctl(['--api', 'v2', 'service', '--json']);
    expect(v2.code).toBe(0);
    const report = JSON.parse(v2.stdout) as {
      api: string;
      schemaVersions: string[];
      propertyTypes: Record<string, unknown>;
      propertyErrors: Record<string, unknown>;
    };
    expect(report.api).toBe('v2');
    expect(report.schemaVersions).toEqual(['1.0', '2.1']);
    expect(Object.keys(report.propertyTypes).length + Object.keys(report.propertyErrors).length).toBe(8);
    expect(report.propertyTypes.ProcessorTopology).toMatchObject({
      LogicalProcessorCount: expect.any(Number),
    });
    const text = await hcsctl(['--api', 'v2', 'service']);
    expect(text.stdout).toMatch(/^ProcessorTopology: +\d+ logical processors?/m);

    const v1 = await hcsctl(['--api', 'v1', 'service', '--json']);
    expect(JSON.parse(v1.stdout)).toMatchObject({ api: 'v1', propertyTypes: {}, propertyErrors: {} });
    expect((await hcsctl(['--api', 'v1', 'service'])).stdout).toMatch(
      /^other property types: +asked through the HCS V2 API only/m,
    );
  });
});

describe('hcsctl completion', () => {
  /** What bash's completion offers for `words` (the last one is being typed), with the script hcsctl prints. */
  function complete(words: string[]): string[] {
    const script = [
      `source <(${JSON.stringify(process.execPath)} ${JSON.stringify(HCSCTL_BIN)} completion bash)`,
      `COMP_WORDS=(${[HCSCTL_BIN, ...words].map((w) => `'${w}'`).join(' ')})`,
      `COMP_CWORD=${words.length}`,
      '_hcsctl',
      `printf '%s\\n' "\${COMPREPLY[@]}"`,
    ].join('\n');
    const r = spawnSync('bash', ['-c', script], {
      encoding: 'utf8',
      env: { ...process.env, ...env() },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout.split('\n').filter(Boolean);
  }

  it('bash completes commands, options, option values and the system ids HCS lists', () => {
    expect(complete(['st'])).toEqual(['start', 'stats']);
    expect(complete(['--api', 'v'])).toEqual(['v1', 'v2']);
    expect(complete(['--api', 'v2', 'wa'])).toEqual(['wait']);
    expect(complete(['stats', '--'])).toEqual(['--no-stream', '--json']);
    expect(complete(['kill', 'x', '1', '--signal', 'SIGT'])).toEqual(['SIGTERM']);
    expect(complete(['events', '--type', 'e'])).toEqual(['exit']);
    expect(complete(['completion', ''])).toEqual(['bash', 'zsh', 'powershell']);
    // Ids, from `hcsctl list --quiet` against the simulator: an operand, an option's value, every stats operand.
    expect(complete(['start', 'test-vm-'])).toEqual(['test-vm-running', 'test-vm-paused', 'test-vm-stopped']);
    expect(complete(['events', '--system', 'test-container-r'])).toEqual(['test-container-running']);
    expect(complete(['stats', 'test-vm-running', 'test-vm-p'])).toEqual(['test-vm-paused']);
    // exec: after `--`, the shell's commands.
    expect(complete(['exec', 'test-vm-running', '--', 'printen'])).toContain('printenv');
  });

  it('prints zsh and PowerShell scripts, and refuses another shell (usage, exit 2)', async () => {
    const zsh = await hcsctl(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stdout).toMatch(/^#compdef hcsctl\n/);
    // zsh parses it.
    const check = spawnSync('zsh', ['-n'], { input: zsh.stdout, encoding: 'utf8' });
    if (check.error === undefined) expect(check).toMatchObject({ status: 0, stderr: '' });
    const ps = await hcsctl(['completion', 'powershell']);
    expect(ps.stdout).toContain('Register-ArgumentCompleter -Native -CommandName hcsctl');
    const fish = await hcsctl(['completion', 'fish']);
    expect(fish.code).toBe(2);
  });
});
