// Exec through the web transport, end to end: a Node WebSocket client against the real web server over an app
// core on the real simulator (koffi → libvmcompute_sim → simulator → src/hcs → app core → ws binary frames).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/app/core.ts';
import { OutputCollector } from '../../src/app/exec/testing/output-collector.ts';
import {
  HIGH_WATERMARK_BYTES,
  LOW_WATERMARK_BYTES,
  MAX_FRAME_DATA_BYTES,
  REPLAY_BUFFER_BYTES,
  type ExecSession,
  type ExecState,
  type RequestOf,
  type WireMessage,
} from '../../src/contract/index.ts';
import { TestClient } from '../../src/server/testing.ts';
import { startWebServer, type WebServer } from '../../src/server/web-server.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { RUNNING_CONTAINER, newCore } from './exec-support.ts';

const TOKEN = 'exec-web-token';
let dir: string;
let sim: StartedSim;
let core: AppCore;
let server: WebServer;
const clients: TestClient[] = [];

/** A page: its socket and the output it drew (acking as it draws when `ackEvery` > 0). */
interface Page {
  ws: TestClient;
  output: OutputCollector;
  binaryMessages: number;
}

async function openPage(ackEvery = LOW_WATERMARK_BYTES): Promise<Page> {
  const ws = await TestClient.connect(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, server.origin);
  clients.push(ws);
  const output = new OutputCollector((sessionId, bytes) => {
    void ws.request('exec.ack', { sessionId, bytes });
  });
  output.ackEvery = ackEvery;
  const page: Page = { ws, output, binaryMessages: 0 };
  ws.onFrame = (chunk) => {
    page.binaryMessages++;
    output.receive(chunk);
  };
  return page;
}

async function call<T = unknown>(page: Page, channel: string, payload: unknown): Promise<T> {
  const answer = await page.ws.request(channel, payload);
  if (!answer.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

async function start(page: Page, options: Partial<RequestOf<'exec.start'>>): Promise<ExecSession> {
  const { session } = await call<{ session: ExecSession }>(page, 'exec.start', {
    id: RUNNING_CONTAINER,
    commandLine: 'true',
    tty: false,
    cols: 80,
    rows: 25,
    ...options,
  });
  expect(session.state).toBe('running');
  return session;
}

function sessionEvent(page: Page, sessionId: string, state: ExecState): Promise<WireMessage> {
  return page.ws.next(
    (m) =>
      m.t === 'evt' &&
      m.channel === 'exec.changed' &&
      (m.payload as { session: ExecSession }).session.sessionId === sessionId &&
      (m.payload as { session: ExecSession }).session.state === state,
  );
}

/** Resolves once the process is blocked writing to a full pipe (Linux /proc; the simulator's pids are host pids). */
async function blockedOnFullPipe(pid: number): Promise<void> {
  for (;;) {
    const wchan = readFileSync(`/proc/${pid}/wchan`, 'utf8');
    if (/pipe_write/.test(wchan)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Peak RSS and ArrayBuffer memory of this process (the server's), sampled by the caller as output flows. */
class MemoryPeak {
  readonly base = process.memoryUsage();
  rss = this.base.rss;
  arrayBuffers = this.base.arrayBuffers;
  sample(): void {
    const now = process.memoryUsage();
    this.rss = Math.max(this.rss, now.rss);
    this.arrayBuffers = Math.max(this.arrayBuffers, now.arrayBuffers);
  }
  growth(): { rss: number; arrayBuffers: number } {
    return { rss: this.rss - this.base.rss, arrayBuffers: this.arrayBuffers - this.base.arrayBuffers };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-exec-web-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  sim = await startSim({ fixture: 'test' });
});
afterAll(async () => {
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await sim.control.reset();
  ({ core } = newCore());
  await core.start();
  server = await startWebServer({
    core,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticDir: join(dir, 'renderer'),
  });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server.close();
  await core.stop();
});

describe('exec over the WebSocket', () => {
  it('echo round trip: binary frames to the attached socket only, stdout and stderr apart, exit after the output', async () => {
    const page = await openPage();
    const bystander = await openPage();
    const session = await start(page, { commandLine: 'read line; echo "got $line"; echo oops >&2; exit 4' });
    const { replay } = await call<{ replay: { start: number; end: number } }>(page, 'exec.attach', {
      sessionId: session.sessionId,
    });
    expect(replay).toEqual({ start: 0, end: 0 });
    const exited = sessionEvent(page, session.sessionId, 'exited');
    await call(page, 'exec.input', { sessionId: session.sessionId, data: 'ping\n' });
    const event =
      (await exited).t === 'evt' ? ((await exited) as { payload: { session: ExecSession } }) : null;
    expect(event?.payload.session.exitCode).toBe(4);
    // The exit event came after the last frame on the same socket: all output is already drawn.
    expect(page.output.text(session.sessionId, 'stdout')).toBe('got ping\n');
    expect(page.output.text(session.sessionId, 'stderr')).toBe('oops\n');
    expect(bystander.binaryMessages).toBe(0);
  });

  it('refuses invalid exec requests at the contract, and unknown sessions at the core', async () => {
    const page = await openPage();
    const bad = await page.ws.request('exec.start', {
      id: RUNNING_CONTAINER,
      commandLine: 'env',
      env: { 'BAD-NAME': 'x' },
      tty: false,
      cols: 80,
      rows: 25,
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('invalid request for exec.start') },
    });
    const size = await page.ws.request('exec.resize', { sessionId: 'abc', cols: 0, rows: 10 });
    expect(size.ok).toBe(false);
    const unknown = await page.ws.request('exec.attach', { sessionId: 'no-such-session' });
    expect(unknown).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('no process session') },
    });
  });

  it('100 MB through one session with the client acking as it draws: all bytes, bounded server memory', async () => {
    const total = 100_000_000;
    const page = await openPage();
    page.output.keepData = false;
    const session = await start(page, { commandLine: `read go; head -c ${total} /dev/zero` });
    await call(page, 'exec.attach', { sessionId: session.sessionId });
    const memory = new MemoryPeak();
    let sampledAt = 0;
    const done = page.output.until(session.sessionId, () => {
      const size = page.output.size(session.sessionId);
      if (size - sampledAt >= 1024 * 1024) {
        sampledAt = size;
        memory.sample();
      }
      return size >= total;
    });
    const exited = sessionEvent(page, session.sessionId, 'exited');
    await call(page, 'exec.input', { sessionId: session.sessionId, data: 'go\n' });
    await done;
    await exited;
    expect(page.output.size(session.sessionId)).toBe(total);
    expect(page.output.stats(session.sessionId).gaps).toBe(0);
    const growth = memory.growth();
    expect(growth.rss).toBeLessThan(200 * 1024 * 1024);
    expect(growth.arrayBuffers).toBeLessThan(200 * 1024 * 1024);
  }, 120_000);

  it('a client that does not ack pauses the pipe (the producer blocks); when it goes, the output drains to the buffer', async () => {
    const total = 20_000_000;
    const lazy = await openPage(0);
    const session = await start(lazy, { commandLine: `read go; exec head -c ${total} /dev/zero` });
    await call(lazy, 'exec.attach', { sessionId: session.sessionId });
    await call(lazy, 'exec.input', { sessionId: session.sessionId, data: 'go\n' });
    await lazy.output.untilSize(session.sessionId, HIGH_WATERMARK_BYTES);
    await blockedOnFullPipe(session.pid!);
    const received = lazy.output.size(session.sessionId);
    expect(received).toBeLessThanOrEqual(HIGH_WATERMARK_BYTES + MAX_FRAME_DATA_BYTES);
    expect(
      (await call<ExecSession[]>(lazy, 'exec.list', {})).find((s) => s.sessionId === session.sessionId)
        ?.state,
    ).toBe('running');

    // The lazy page goes away: nothing holds the pipe back any more, the rest goes to the bounded buffer.
    const watcher = await openPage();
    const exited = sessionEvent(watcher, session.sessionId, 'exited');
    await lazy.ws.close();
    expect((await exited).t).toBe('evt');
    const { replay } = await call<{ replay: { start: number; end: number } }>(watcher, 'exec.attach', {
      sessionId: session.sessionId,
    });
    expect(replay).toEqual({ start: total - REPLAY_BUFFER_BYTES, end: total });
    await watcher.output.untilSize(session.sessionId, total);
    expect(watcher.output.bytes(session.sessionId).length).toBe(REPLAY_BUFFER_BYTES);
    expect(watcher.output.stats(session.sessionId).gaps).toBe(1);
  }, 60_000);

  it('a reload: the socket closes, a new one lists the sessions and attaches, the replay has the earlier output', async () => {
    const before = await openPage();
    const session = await start(before, { commandLine: 'cat', tty: true });
    await call(before, 'exec.attach', { sessionId: session.sessionId });
    await call(before, 'exec.input', { sessionId: session.sessionId, data: 'first line\r' });
    await before.output.untilText(session.sessionId, 'first line');
    await before.ws.close();

    const after = await openPage();
    const sessions = await call<ExecSession[]>(after, 'exec.list', {});
    expect(sessions.map((s) => s.sessionId)).toContain(session.sessionId);
    await call(after, 'exec.attach', { sessionId: session.sessionId });
    expect(after.output.text(session.sessionId)).toContain('first line');
    expect(after.output.stats(session.sessionId).replayFrames).toBeGreaterThan(0);
    await call(after, 'exec.input', { sessionId: session.sessionId, data: 'second line\r' });
    await after.output.untilText(session.sessionId, 'second line');
    await call(after, 'exec.kill', { sessionId: session.sessionId });
  });
});
