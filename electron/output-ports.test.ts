import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainEvent, WebContents } from 'electron';
import { decodeOutputFrame, type ExecSession } from '../src/contract/index.ts';
import { CONTAINER, coreWithFake, settle } from '../src/app/testing/harness.ts';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  listeners: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, fn),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
    on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) =>
      electron.listeners.set(channel, fn),
    removeAllListeners: (channel: string) => electron.listeners.delete(channel),
  },
}));

const { INVOKE_CHANNEL, registerIpc } = await import('./ipc.ts');
const { OUTPUT_PORT_CHANNEL, OUTPUT_PORT_REQUEST_CHANNEL, OutputPorts } = await import('./output-ports.ts');

/** The main process's end of a MessageChannelMain. */
class FakePort extends EventEmitter {
  posted: ArrayBuffer[] = [];
  closed = false;
  postMessage(message: ArrayBuffer) {
    this.posted.push(message);
  }
  close() {
    this.closed = true;
  }
}

/** A window's WebContents, as far as the ports use it. */
class FakeContents extends EventEmitter {
  received: Array<{ channel: string; transfer: unknown[] }> = [];
  destroyed = false;
  constructor(readonly id: number) {
    super();
  }
  isDestroyed() {
    return this.destroyed;
  }
  postMessage(channel: string, _message: unknown, transfer: unknown[]) {
    this.received.push({ channel, transfer });
  }
  events: Array<{ channel: string; args: unknown[] }> = [];
  send(channel: string, ...args: unknown[]) {
    this.events.push({ channel, args });
  }
}

const APP_URL = 'app://hcs-desktop/index.html';
let h: ReturnType<typeof coreWithFake>;
let unregister: (() => void) | null = null;

afterEach(async () => {
  unregister?.();
  unregister = null;
  await h?.core.stop();
});

async function setup() {
  h = coreWithFake([CONTAINER]);
  await h.core.start();
  await settle();
  const ports: FakePort[] = [];
  const outputPorts = new OutputPorts<{ remote: number }>(h.core, () => {
    const port1 = new FakePort();
    ports.push(port1);
    return { port1, port2: { remote: ports.length } };
  });
  const ours = new FakeContents(1);
  unregister = registerIpc(h.core, (c: WebContents) => c.id === ours.id, outputPorts as never);
  const event = (sender: FakeContents, url = APP_URL) =>
    ({ sender, senderFrame: { url, parent: null } }) as unknown as IpcMainEvent;
  const requestPort = (sender: FakeContents, url = APP_URL) =>
    electron.listeners.get(OUTPUT_PORT_REQUEST_CHANNEL)!(event(sender, url));
  const invoke = (sender: FakeContents, channel: string, payload: unknown) =>
    electron.handlers.get(INVOKE_CHANNEL)!(event(sender), channel, payload) as Promise<{
      ok: boolean;
      result?: unknown;
      error?: { message: string };
    }>;
  return { outputPorts, ports, ours, requestPort, invoke };
}

async function startSession(invoke: Awaited<ReturnType<typeof setup>>['invoke'], sender: FakeContents) {
  const answer = await invoke(sender, 'exec.start', {
    id: CONTAINER.Id,
    commandLine: 'x',
    tty: false,
    cols: 80,
    rows: 25,
  });
  return (answer.result as { session: ExecSession }).session;
}

describe('exec output ports', () => {
  it('a trusted page gets a port; its exec.attach runs on its connection and frames arrive as ArrayBuffers', async () => {
    const { ports, ours, requestPort, invoke } = await setup();
    requestPort(ours);
    expect(ours.received).toEqual([{ channel: OUTPUT_PORT_CHANNEL, transfer: [{ remote: 1 }] }]);
    const session = await startSession(invoke, ours);
    expect((await invoke(ours, 'exec.attach', { sessionId: session.sessionId })).ok).toBe(true);
    h.hcs.processes.last().write('stdout', 'hello');
    await settle();
    expect(ports[0]!.posted).toHaveLength(1);
    expect(ports[0]!.posted[0]).toBeInstanceOf(ArrayBuffer);
    const chunk = decodeOutputFrame(ports[0]!.posted[0]!);
    expect([chunk.sessionId, chunk.stream, new TextDecoder().decode(chunk.data)]).toEqual([
      session.sessionId,
      'stdout',
      'hello',
    ]);
    // Validated like every request: a bad ack never reaches the core.
    expect((await invoke(ours, 'exec.ack', { sessionId: session.sessionId, bytes: -5 })).ok).toBe(false);
    expect((await invoke(ours, 'exec.ack', { sessionId: session.sessionId, bytes: 5 })).ok).toBe(true);
  });

  it('statistics a window watches come to that window alone, on the event channel', async () => {
    const { ours, requestPort, invoke } = await setup();
    requestPort(ours);
    const answer = await invoke(ours, 'statistics.watch', { id: CONTAINER.Id });
    expect(answer).toMatchObject({ ok: true, result: { status: { state: 'sampling' } } });
    for (let i = 0; i < 50 && ours.events.length === 0; i++) await settle();
    const [first] = ours.events;
    expect(first?.channel).toBe('hcs:event');
    expect(first?.args[0]).toBe('statistics.update');
    expect(first?.args[1]).toMatchObject({ id: CONTAINER.Id, sample: { seq: 0 } });
    // Not a broadcast: the core's event stream (every window's) carries no statistics.
    expect(h.events.some((e) => e.channel === 'statistics.update')).toBe(false);
    expect((await invoke(ours, 'statistics.unwatch', { id: CONTAINER.Id })).ok).toBe(true);
  });

  it('refuses a port to a foreign page or window; without a port, attach is refused', async () => {
    const { ours, requestPort, invoke } = await setup();
    const other = new FakeContents(2);
    requestPort(other);
    requestPort(ours, 'https://evil.example/');
    expect(other.received).toEqual([]);
    expect(ours.received).toEqual([]);
    const session = await startSession(invoke, ours);
    const answer = await invoke(ours, 'exec.attach', { sessionId: session.sessionId });
    expect(answer).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('needs a connection') },
    });
  });

  it('a reload replaces the connection (the old one detaches, its port closes); a closed port or destroyed window detaches', async () => {
    const { outputPorts, ports, ours, requestPort, invoke } = await setup();
    requestPort(ours);
    const session = await startSession(invoke, ours);
    await invoke(ours, 'exec.attach', { sessionId: session.sessionId });
    requestPort(ours); // the page reloaded
    expect(ports[0]!.closed).toBe(true);
    const process = h.hcs.processes.last();
    process.write('stdout', 'after reload');
    await settle();
    expect(ports[0]!.posted).toHaveLength(0);
    expect(ports[1]!.posted).toHaveLength(0); // not attached yet on the new page
    await invoke(ours, 'exec.attach', { sessionId: session.sessionId });
    expect(ports[1]!.posted.length).toBeGreaterThan(0); // the replay

    ports[1]!.emit('close');
    expect(outputPorts.connectionOf(ours.id)).toBeUndefined();
    requestPort(ours);
    expect(outputPorts.connectionOf(ours.id)).toBeDefined();
    ours.emit('destroyed');
    expect(outputPorts.connectionOf(ours.id)).toBeUndefined();
    expect(ports[2]!.closed).toBe(true);
  });
});
