import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimSystem } from './model.ts';
import type { ProcessHost, ReapResult, Spawned, SpawnRequest } from './process-host.ts';
import type { ProcessSpec } from './process-spec.ts';
import { ProcessManager } from './processes.ts';

const REAP_MS = 20;
const MASTER = 10;
const SLAVE = 11;

/** A host with one console process: it exits when told, and its master holds `unread` bytes. */
class FakeHost implements ProcessHost {
  exited = false;
  unread = 0;
  readonly closed: number[] = [];
  spawn(_req: SpawnRequest): Spawned {
    return { pid: 4242, fds: [20, 21, -1], masterFd: MASTER };
  }
  reap(): ReapResult {
    return this.exited ? { state: 'exited', status: 0 } : { state: 'running' };
  }
  killGroup(): number {
    return 0;
  }
  resize(): number {
    return 0;
  }
  openSlave(): number {
    return SLAVE;
  }
  pendingInput(fd: number): number {
    return fd === MASTER ? this.unread : 0;
  }
  close(fd: number): void {
    this.closed.push(fd);
  }
}

const spec: ProcessSpec = {
  commandLine: 'echo hi',
  environment: {},
  workingDirectory: null,
  stdin: true,
  stdout: true,
  stderr: false,
  console: true,
  rows: 24,
  cols: 80,
  user: null,
};
const system = { id: 'sys', processes: new Map(), runtimeOsType: 'linux' } as unknown as SimSystem;

afterEach(() => vi.useRealTimers());

describe('a console after its process exits', () => {
  it('stays open until the client has read everything the master holds, then hangs up', async () => {
    vi.useFakeTimers();
    const host = new FakeHost();
    const manager = new ProcessManager({
      host,
      now: () => Date.now(),
      onExit: () => {},
      log: () => {},
      reapIntervalMs: REAP_MS,
      sample: () => null,
    });
    manager.start(system, spec);
    host.unread = 4096;
    host.exited = true;
    // Reaped, but a slow client has not read the last output: seconds later the terminal is still open.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(host.closed).not.toContain(SLAVE);
    // The client reads it all: the terminal side closes (EOF for the client), and the service's master.
    host.unread = 0;
    await vi.advanceTimersByTimeAsync(REAP_MS * 3);
    expect(host.closed).toEqual(expect.arrayContaining([SLAVE, MASTER]));
    expect(host.closed.indexOf(SLAVE)).toBeLessThan(host.closed.indexOf(MASTER));
    manager.dispose();
  });

  it('hangs up on a client that never reads, after ten seconds, and says so', async () => {
    vi.useFakeTimers();
    const host = new FakeHost();
    const logged: string[] = [];
    const manager = new ProcessManager({
      host,
      now: () => Date.now(),
      onExit: () => {},
      log: (m) => logged.push(m),
      reapIntervalMs: REAP_MS,
      sample: () => null,
    });
    manager.start(system, spec);
    host.unread = 100;
    host.exited = true;
    await vi.advanceTimersByTimeAsync(9_000);
    expect(host.closed).not.toContain(SLAVE);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(host.closed).toContain(SLAVE);
    expect(logged.join('\n')).toContain('left 100 bytes unread');
    manager.dispose();
  });
});
