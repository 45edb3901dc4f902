import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExecSession } from '../../contract/index.ts';
import { ExecSessionRunner } from './session.ts';
import { FakeProcess } from './testing/fake-process.ts';

const CONFIG = {
  CommandLine: 'x',
  EmulateConsole: false,
  CreateStdInPipe: true,
  CreateStdOutPipe: true,
  CreateStdErrPipe: true,
};

function runner(exitGraceMs = 1000) {
  const changes: ExecSession[] = [];
  const session = new ExecSessionRunner(
    {
      sessionId: 's-1',
      systemId: 'c1',
      commandLine: 'x',
      cwd: '',
      tty: false,
      size: null,
      attachedOnly: false,
    },
    {
      changed: (s) => changes.push(s),
      describe: (e) => ({ message: String(e), events: [] }),
      now: () => 1000,
    },
    { replayBytes: 1024, highWatermark: 100, lowWatermark: 10, exitGraceMs, maxPendingInputBytes: 1024 },
  );
  return { session, changes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ExecSessionRunner', () => {
  it('reports the exit after the grace period when a background child keeps the output open', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { session, changes } = runner(1000);
    const process = new FakeProcess(7, 'c1', CONFIG);
    session.started(process);
    process.exit(0, { endOutput: false });
    await Promise.resolve();
    await Promise.resolve();
    expect(changes.at(-1)?.state).toBe('running');
    vi.advanceTimersByTime(1000);
    expect(changes.at(-1)).toMatchObject({ state: 'exited', exitCode: 0, exitedAt: 1000 });
    // Still reading: output that comes later is kept; the handle is released once it ends.
    expect(process.closed).toBe(false);
    process.write('stdout', 'late');
    process.endOutput();
    await new Promise((resolve) => setImmediate(resolve));
    expect(process.closed).toBe(true);
  });

  it('a stream that already ended before the hand-over counts as ended (an empty stderr of a quick process)', async () => {
    const { session, changes } = runner();
    const process = new FakeProcess(8, 'c1', CONFIG);
    (process.stderr as PassThrough).end();
    (process.stderr as PassThrough).resume();
    await new Promise((resolve) => setImmediate(resolve));
    expect(process.stderr!.readableEnded).toBe(true);
    session.started(process);
    process.exit(5);
    await new Promise((resolve) => setImmediate(resolve));
    expect(changes.at(-1)).toMatchObject({ state: 'exited', exitCode: 5 });
  });

  it('forgetting a running session kills it only when asked', async () => {
    const { session } = runner();
    const kept = new FakeProcess(9, 'c1', CONFIG);
    session.started(kept);
    await session.dispose({ kill: false });
    expect(kept.killed).toBe(false);
    expect(kept.closed).toBe(true);
    const other = runner().session;
    const killed = new FakeProcess(10, 'c1', CONFIG);
    other.started(killed);
    await other.dispose({ kill: true });
    expect(killed.killed).toBe(true);
  });
});
