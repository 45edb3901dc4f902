// Hostile input over a real WebSocket to the real web server (src/server/main.ts as a process) on a started
// simulator: over 10 000 malformed messages for every request channel (test/helpers/hostile.ts). Each one gets
// an error answer, or — for the oversize and non-UTF-8 frames the server's rules close on — a closed socket;
// the server stays up and still answers; and the simulator's call log shows that not one of them reached HCS.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireMessage } from '../../src/contract/index.ts';
import { TestClient } from '../../src/server/testing.ts';
import { MAX_MESSAGE_BYTES } from '../../src/server/wire.ts';
import { hostileFrames, type HostileFrame } from '../helpers/hostile.ts';
import { startServerCli, type ServerCli } from '../helpers/server-cli.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

const TOKEN = 'hostile-input-token';
/** What the server reads before ws closes the socket with 1009 (web-server.ts: 4× the message limit). */
const MAX_PAYLOAD_BYTES = MAX_MESSAGE_BYTES * 4;
const REJECTED = 'The request was rejected before it reached HCS.';
/** Requests in flight at once, by count and by bytes (a few carry a megabyte). */
const WINDOW = 64;
const WINDOW_BYTES = 4 * 1024 * 1024;

let dir: string;
let sim: StartedSim;
let server: ServerCli;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-hostile-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  sim = await startSim({ fixture: 'test' });
  // A long poll interval: the registry's own enumerations must not add calls while we count.
  server = await startServerCli([
    '--port',
    '0',
    '--token',
    TOKEN,
    '--sim-socket',
    sim.socketPath,
    '--static',
    join(dir, 'renderer'),
    '--poll-ms',
    '600000',
  ]);
});
afterAll(async () => {
  await server?.stop();
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, server.origin);
  client.ws.on('error', () => undefined); // a write racing the server's close; the close event tells the rest
  await client.event('systems.snapshot');
  await client.event('service.changed');
  return client;
}

const isResponse = (m: WireMessage) => m.t === 'res';

describe('web server under hostile input', () => {
  it(
    'answers or closes on every malformed message, stays up, and sends nothing to HCS',
    { timeout: 300_000 },
    async () => {
      let client = await connect();
      // Baseline: requests the core answers from memory, then the calls HCS has seen so far.
      for (const channel of ['service.status', 'systems.list', 'operations.list', 'exec.list']) {
        expect(await client.request(channel, {}), channel).toMatchObject({ ok: true });
      }
      const before = await sim.control.calls();

      const frames = hostileFrames({
        maxMessageBytes: MAX_MESSAGE_BYTES,
        maxPayloadBytes: MAX_PAYLOAD_BYTES,
      });
      expect(frames.length).toBeGreaterThanOrEqual(10_000);
      let answered = 0;
      let closed = 0;
      const checkAnswer = (res: Extract<WireMessage, { t: 'res' }>, frame: HostileFrame) => {
        expect(res.ok, frame.label).toBe(false);
        if (!res.ok) {
          expect(typeof res.error.message, frame.label).toBe('string');
          expect(res.error.explanation, frame.label).toBe(REJECTED);
        }
        answered++;
      };
      // Requests in well-formed envelopes are answered with their own id: they go out in windows (at most
      // WINDOW messages or WINDOW_BYTES in flight) and each answer is matched by id. Everything else — broken
      // envelopes answered with id 0, frames the server closes on — goes one at a time.
      const pipelined = frames.filter((f) => f.id !== undefined);
      for (let i = 0; i < pipelined.length;) {
        const batch: HostileFrame[] = [];
        let bytes = 0;
        while (i < pipelined.length && batch.length < WINDOW && bytes < WINDOW_BYTES) {
          batch.push(pipelined[i]!);
          bytes += pipelined[i]!.data.length;
          i++;
        }
        const answers = batch.map((frame) => client.next((m) => m.t === 'res' && m.id === frame.id));
        for (const frame of batch) client.sendRaw(frame.data, frame.binary);
        const results = await Promise.all(answers);
        results.forEach((res, k) => checkAnswer(res as Extract<WireMessage, { t: 'res' }>, batch[k]!));
      }
      for (const frame of frames) {
        if (frame.id !== undefined) continue;
        if (frame.outcome === 'error') {
          const answer = client.next(isResponse);
          client.sendRaw(frame.data, frame.binary);
          checkAnswer((await answer) as Extract<WireMessage, { t: 'res' }>, frame);
        } else {
          const code = new Promise<number>((resolve) => client.ws.once('close', (c: number) => resolve(c)));
          client.sendRaw(frame.data, frame.binary);
          // 1006: the server dropped the connection while this client was still writing the oversize frame.
          const expected = frame.closeCode === 1009 ? [1009, 1006] : [frame.closeCode];
          expect(expected, frame.label).toContain(await code);
          closed++;
          client = await connect();
        }
      }
      expect(answered + closed).toBe(frames.length);
      expect(closed).toBe(3);

      // Still up, still answering, and HCS saw nothing of it.
      expect(server.child.exitCode).toBeNull();
      expect(await client.request('service.status', {})).toMatchObject({
        ok: true,
        result: { connected: true },
      });
      const after = await sim.control.calls();
      expect(after.slice(before.length).map((c) => `${c.op} ${JSON.stringify(c.args)}`)).toEqual([]);
      expect(after.length).toBe(before.length);

      // The log does count this server's calls: one valid request that needs HCS shows up in it.
      const props = await client.request('systems.properties', {
        id: 'test-container-running',
        version: 'v2',
        types: ['Memory'],
      });
      expect(props.ok).toBe(true);
      expect((await sim.control.calls()).length).toBeGreaterThan(after.length);

      expect(server.stderr()).not.toMatch(/unhandled|TypeError|RangeError|Maximum call stack/);
      expect(server.stderr()).not.toContain(TOKEN);
      await client.close();
    },
  );
});
