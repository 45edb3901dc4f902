import { afterEach, describe, expect, it } from 'vitest';
import {
  HIGH_WATERMARK_BYTES,
  LOW_WATERMARK_BYTES,
  decodeOutputFrame,
  type ExecSession,
  type RequestOf,
} from '../../contract/index.ts';
import type { SystemListing } from '../hcs-port.ts';
import { CONTAINER, coreWithFake, settle } from '../testing/harness.ts';
import { OutputCollector } from './testing/output-collector.ts';
import type { FakeProcess } from './testing/fake-process.ts';

const LINUX_VM: SystemListing = {
  Id: 'lx',
  SystemType: 'VirtualMachine',
  RuntimeOsType: 'linux',
  State: 'Running',
};

let h: ReturnType<typeof coreWithFake>;
afterEach(async () => {
  await h?.core.stop();
});

async function setup(listings: SystemListing[] = [CONTAINER, LINUX_VM]) {
  h = coreWithFake(listings);
  await h.core.start();
  await settle();
  return h;
}

function client(ackEvery = 0) {
  const output = new OutputCollector(
    (sessionId, bytes) => void connection.handle('exec.ack', { sessionId, bytes }),
  );
  output.ackEvery = ackEvery;
  const connection = h.core.connect(
    (frame) => output.receive(decodeOutputFrame(frame)),
    () => undefined,
  );
  return { connection, output };
}

async function start(
  options: Partial<RequestOf<'exec.start'>> = {},
): Promise<{ session: ExecSession; process: FakeProcess }> {
  const { session } = await h.core.handle('exec.start', {
    id: CONTAINER.Id,
    commandLine: 'cmd.exe',
    tty: false,
    cols: 80,
    rows: 25,
    ...options,
  });
  // The fake process HCS created (meaningless for a failed start).
  const process = (session.state === 'running' ? h.hcs.processes.last() : undefined) as FakeProcess;
  return { session, process };
}

const sessionsOf = (id: string) =>
  h
    .of('exec.changed')
    .filter((p) => p.session.sessionId === id)
    .map((p) => p.session);
const last = (id: string) => sessionsOf(id).at(-1)!;

describe('exec.start', () => {
  it('asks HCS for pipes, or a console with its size and no stderr pipe, with cwd and environment', async () => {
    await setup();
    const { session, process } = await start({ cwd: 'C:\\work', env: { A: '1' } });
    expect(process.config).toEqual({
      CommandLine: 'cmd.exe',
      WorkingDirectory: 'C:\\work',
      Environment: { A: '1' },
      EmulateConsole: false,
      CreateStdInPipe: true,
      CreateStdOutPipe: true,
      CreateStdErrPipe: true,
    });
    expect(session).toMatchObject({ state: 'running', pid: process.pid, cwd: 'C:\\work', size: null });
    expect(sessionsOf(session.sessionId).map((s) => s.state)).toEqual(['starting', 'running']);

    const tty = await start({ tty: true, cols: 120, rows: 40 });
    expect(tty.process.config).toMatchObject({
      EmulateConsole: true,
      CreateStdErrPipe: false,
      ConsoleSize: [40, 120],
    });
    expect(tty.session).toMatchObject({ tty: true, size: { cols: 120, rows: 40 }, cwd: '' });
  });

  it('passes the user to HCS as ProcessParameters.User, and none when not asked', async () => {
    await setup();
    const { process } = await start({ user: 'ContainerAdministrator' });
    expect(process.config?.User).toBe('ContainerAdministrator');
    const plain = await start();
    expect(plain.process.config).not.toHaveProperty('User');
  });

  it('a refused create is a failed session with HCS’s error', async () => {
    await setup();
    h.hcs.failNext('createProcess', 0x8007010b);
    const { session } = await start();
    expect(session).toMatchObject({ state: 'failed', pid: null, error: { hresult: '0x8007010B' } });
    expect(session.exitedAt).not.toBeNull();
  });

  it('refuses new sessions past the limit until ended ones are forgotten', async () => {
    await setup();
    const started: string[] = [];
    for (let i = 0; i < 64; i++) {
      h.hcs.failNext('createProcess', 0x80070005);
      started.push((await start()).session.sessionId);
    }
    await expect(start()).rejects.toMatchObject({
      info: { message: expect.stringContaining('64 process sessions') },
    });
    await h.core.handle('exec.forget', { sessionId: started[0]! });
    expect((await start()).session.state).toBe('running');
  });
});

describe('output and flow control', () => {
  it('frames output to attached clients only, replays the buffer on attach, never decodes', async () => {
    await setup();
    const { session, process } = await start();
    const a = client();
    const b = client();
    process.write('stdout', Buffer.from([0xe2, 0x82]));
    await settle();
    const { replay } = await a.connection.handle('exec.attach', { sessionId: session.sessionId });
    expect(replay).toEqual({ start: 0, end: 2 });
    process.write('stdout', Buffer.from([0xac]));
    process.write('stderr', 'err');
    await settle();
    expect(a.output.bytes(session.sessionId, 'stdout')).toEqual(Buffer.from('€'));
    expect(a.output.text(session.sessionId, 'stderr')).toBe('err');
    expect(a.output.stats(session.sessionId)).toMatchObject({ replayFrames: 1, liveFrames: 2 });
    expect(b.output.size(session.sessionId)).toBe(0);
  });

  it('pauses the pipe while a client is behind the high watermark and resumes when it acks', async () => {
    await setup();
    const { session, process } = await start();
    const c = client();
    await c.connection.handle('exec.attach', { sessionId: session.sessionId });
    const chunk = Buffer.alloc(32 * 1024, 1);
    while (c.output.size(session.sessionId) <= HIGH_WATERMARK_BYTES) {
      process.write('stdout', chunk);
      await settle(2);
    }
    // Held back: what the process writes now stays in the pipe until it is full (the writer blocks).
    const received = c.output.size(session.sessionId);
    let accepted = 0;
    while (process.write('stdout', chunk)) accepted++;
    await settle();
    expect(accepted).toBeLessThan(4);
    expect(c.output.size(session.sessionId)).toBe(received);

    c.output.ack(session.sessionId);
    await settle();
    expect(c.output.size(session.sessionId)).toBeGreaterThan(received);
  });

  it('a client that detaches or disconnects no longer holds the output back; without clients it drains', async () => {
    await setup();
    const { session, process } = await start();
    const slow = client();
    const fast = client(LOW_WATERMARK_BYTES);
    await slow.connection.handle('exec.attach', { sessionId: session.sessionId });
    await fast.connection.handle('exec.attach', { sessionId: session.sessionId });
    const chunk = Buffer.alloc(64 * 1024, 2);
    process.write('stdout', chunk);
    process.write('stdout', chunk);
    await settle();
    while (process.write('stdout', chunk));
    await settle();
    const stalled = fast.output.size(session.sessionId);
    slow.connection.close();
    await settle();
    expect(fast.output.size(session.sessionId)).toBeGreaterThan(stalled);

    await fast.connection.handle('exec.detach', { sessionId: session.sessionId });
    for (let i = 0; i < 64; i++) expect(process.write('stdout', chunk)).toBe(true);
    await settle();
    const later = client();
    const { replay } = await later.connection.handle('exec.attach', { sessionId: session.sessionId });
    expect(replay.end - replay.start).toBe(1024 * 1024);
  });
});

describe('control and exit', () => {
  it('input, resize, signals by name (Windows) or number (Linux), close stdin, kill', async () => {
    await setup();
    const { session, process } = await start({ tty: true });
    await h.core.handle('exec.input', { sessionId: session.sessionId, data: 'dir\r' });
    await settle();
    expect(Buffer.concat(process.input).toString()).toBe('dir\r');
    await h.core.handle('exec.resize', { sessionId: session.sessionId, cols: 90, rows: 30 });
    expect(process.resizes).toEqual([[90, 30]]);
    expect(last(session.sessionId).size).toEqual({ cols: 90, rows: 30 });
    await h.core.handle('exec.signal', { sessionId: session.sessionId, signal: 'CtrlBreak' });
    const linux = await start({ id: LINUX_VM.Id });
    await h.core.handle('exec.signal', { sessionId: linux.session.sessionId, signal: 'CtrlC' });
    await h.core.handle('exec.signal', { sessionId: linux.session.sessionId, signal: 'CtrlShutdown' });
    expect(process.signals).toEqual([{ Signal: 'CtrlBreak' }]);
    expect(linux.process.signals).toEqual([{ Signal: 2 }, { Signal: 15 }]);

    await h.core.handle('exec.closeStdin', { sessionId: session.sessionId });
    expect(process.stdinClosed).toBe(true);
    expect(last(session.sessionId).stdio.stdin).toBe(false);
    await expect(
      h.core.handle('exec.input', { sessionId: session.sessionId, data: 'x' }),
    ).rejects.toMatchObject({
      info: { message: expect.stringContaining('no open input') },
    });
    expect(await h.core.handle('exec.kill', { sessionId: session.sessionId })).toEqual({ delivered: true });
    await settle();
    expect(last(session.sessionId)).toMatchObject({ state: 'exited', exitCode: 137 });
    await expect(
      h.core.handle('exec.resize', { sessionId: session.sessionId, cols: 1, rows: 1 }),
    ).rejects.toMatchObject({
      info: { message: 'The process has ended.' },
    });
  });

  it('refuses input the process is not reading past the pending limit', async () => {
    await setup();
    const { session, process } = await start();
    process.stdin!.pause();
    process.stdin!.removeAllListeners('data');
    const megabyte = 'x'.repeat(1024 * 1024);
    let refused = false;
    for (let i = 0; i < 8 && !refused; i++) {
      try {
        await h.core.handle('exec.input', { sessionId: session.sessionId, data: megabyte });
      } catch (e) {
        refused = true;
        expect(e).toMatchObject({ info: { message: 'The process is not reading its input.' } });
      }
    }
    expect(refused).toBe(true);
  });

  it('reports the exit once the output ended, and releases the handle', async () => {
    await setup();
    const { session, process } = await start();
    const c = client();
    await c.connection.handle('exec.attach', { sessionId: session.sessionId });
    process.write('stdout', 'bye');
    process.exit(3, { endOutput: false });
    await settle();
    expect(last(session.sessionId).state).toBe('running');
    process.endOutput();
    await settle();
    expect(last(session.sessionId)).toMatchObject({ state: 'exited', exitCode: 3, stdio: { stdin: false } });
    expect(process.closed).toBe(true);
    expect(c.output.text(session.sessionId)).toBe('bye');
  });

  it('kills the processes it started when the app stops', async () => {
    await setup();
    const { process } = await start();
    await h.core.stop();
    expect(process.killed).toBe(true);
    expect(process.closed).toBe(true);
  });
});

describe('orphaned sessions', () => {
  it('the system stopping under a running session orphans it; the exit code, when known, is kept', async () => {
    await setup();
    const { session, process } = await start();
    const done = await start();
    done.process.exit(0);
    await settle();
    h.hcs.exit(CONTAINER.Id, 'ForcedExit');
    await settle();
    expect(last(session.sessionId)).toMatchObject({
      state: 'orphaned',
      error: {
        message: `The compute system ${CONTAINER.Id} stopped (ForcedExit) while the process was running.`,
      },
    });
    expect(last(done.session.sessionId).state).toBe('exited');
    await expect(h.core.handle('exec.kill', { sessionId: session.sessionId })).rejects.toMatchObject({
      info: { message: expect.stringContaining('orphaned') },
    });
    process.exit(255);
    await settle();
    expect(last(session.sessionId)).toMatchObject({ state: 'orphaned', exitCode: 255 });
  });

  it('the service going away orphans every running session', async () => {
    await setup();
    const a = await start();
    const b = await start({ id: LINUX_VM.Id });
    h.hcs.disconnect();
    await settle();
    expect(last(a.session.sessionId).state).toBe('orphaned');
    expect(last(b.session.sessionId).state).toBe('orphaned');
  });

  it('a process whose handle is lost is orphaned with the reason', async () => {
    await setup();
    const { session, process } = await start();
    process.lose(new Error('the handle is gone'));
    await settle();
    expect(last(session.sessionId)).toMatchObject({
      state: 'orphaned',
      error: { message: 'HCS Desktop lost track of the process: the handle is gone' },
    });
  });
});

describe('processes by pid and connections', () => {
  it('systems.processes returns both lists (and the error of a failed one); attach and kill by pid', async () => {
    await setup();
    const { process } = await start();
    h.hcs.failNext('propertiesV2', 0x80070032);
    const lists = await h.core.handle('systems.processes', { id: CONTAINER.Id });
    expect(lists.v1).toEqual([]);
    expect(lists.v2).toBeNull();
    expect(lists.errors.v2).toMatchObject({ hresult: '0x80070032' });

    const { session } = await h.core.handle('processes.attach', { id: CONTAINER.Id, pid: process.pid });
    expect(session).toMatchObject({
      attachedOnly: true,
      commandLine: `pid ${process.pid}`,
      state: 'running',
    });
    expect(await h.core.handle('processes.kill', { id: CONTAINER.Id, pid: process.pid })).toEqual({
      delivered: true,
    });
    const opened = h.hcs.processes.opened;
    expect(opened).toHaveLength(2);
    expect(opened[1]!.killed).toBe(true);
    expect(opened[1]!.closed).toBe(true);
    await expect(h.core.handle('processes.attach', { id: CONTAINER.Id, pid: 4242 })).rejects.toMatchObject({
      info: { hresult: '0x80070490' },
    });
  });

  it('attach, detach and ack need a connection; a forgotten session tells its clients nothing more', async () => {
    await setup();
    await expect(h.core.handle('exec.ack', { sessionId: 'x', bytes: 1 })).rejects.toMatchObject({
      info: { message: expect.stringContaining('needs a connection') },
    });
    const { session, process } = await start();
    const c = client();
    await c.connection.handle('exec.attach', { sessionId: session.sessionId });
    process.exit(0);
    await settle();
    await h.core.handle('exec.forget', { sessionId: session.sessionId });
    expect(h.of('exec.removed')).toEqual([{ sessionId: session.sessionId }]);
    await expect(c.connection.handle('exec.attach', { sessionId: session.sessionId })).rejects.toMatchObject({
      info: { message: expect.stringContaining('no process session') },
    });
    await expect(c.connection.handle('exec.detach', { sessionId: session.sessionId })).resolves.toEqual({});
  });
});
