import { EventEmitter } from 'node:events';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WAIT } from '../test/setup/wait.ts';

const answers = { value: false, afterFork: true };
const forks: Array<{ modulePath: string; args: string[]; options: unknown; child: FakeChild }> = [];

class FakeChild extends EventEmitter {
  pid = 4242;
  kill = vi.fn(() => {
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  });
}

vi.mock('electron', () => ({
  utilityProcess: {
    fork: (modulePath: string, args: string[], options: unknown) => {
      const child = new FakeChild();
      forks.push({ modulePath, args, options, child });
      // The service answers its control socket a little after it starts.
      if (answers.afterFork) setTimeout(() => (answers.value = true), 20);
      return child;
    },
  },
}));
vi.mock('../src/host/sim-child.ts', () => ({ simulatorAnswers: async () => answers.value }));

const { utilitySimulatorLauncher } = await import('./sim-utility.ts');

function resources(withService = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'hcs-res-'));
  mkdirSync(join(dir, 'sim', 'service'), { recursive: true });
  if (withService) writeFileSync(join(dir, 'sim', 'service', 'main.mjs'), '');
  return dir;
}

beforeEach(() => {
  answers.value = false;
  answers.afterFork = true;
  forks.length = 0;
});

describe('the packaged app starts its bundled simulator as a utility process', () => {
  it('forks resources/sim/service/main.mjs with the socket and the demo fixture, and waits until it answers', async () => {
    const res = resources();
    const child = await utilitySimulatorLauncher(res)({ socket: '/tmp/s.sock' });
    expect(forks).toHaveLength(1);
    expect(forks[0]!.modulePath).toBe(join(res, 'sim', 'service', 'main.mjs'));
    expect(forks[0]!.args).toEqual([
      '--socket',
      '/tmp/s.sock',
      '--fixture',
      join(res, 'sim', 'fixtures', 'demo.json'),
    ]);
    expect(answers.value).toBe(true);
    await child.stop();
    expect(forks[0]!.child.kill).toHaveBeenCalled();
  });

  it('passes a fixture given on the command line', async () => {
    await utilitySimulatorLauncher(resources())({ socket: '/tmp/s.sock', fixture: '/x/test.json' });
    expect(forks[0]!.args).toEqual(['--socket', '/tmp/s.sock', '--fixture', '/x/test.json']);
  });

  it('says so when the bundled service is missing', async () => {
    await expect(utilitySimulatorLauncher(resources(false))({ socket: '/tmp/s.sock' })).rejects.toThrow(
      /bundled HCS simulator is missing/,
    );
  });

  it('fails clearly when the service exits before answering', async () => {
    answers.afterFork = false;
    const launch = utilitySimulatorLauncher(resources(), 5_000)({ socket: '/tmp/s.sock' });
    await vi.waitFor(() => expect(forks).toHaveLength(1), WAIT);
    forks[0]!.child.emit('exit', 3);
    await expect(launch).rejects.toThrow(/exited \(code 3\) before answering/);
  });
});
