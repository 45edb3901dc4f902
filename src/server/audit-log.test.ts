import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTAINER, VM, coreWithFake, settle } from '../app/testing/harness.ts';
import { AuditLog, type AuditRecord } from './audit-log.ts';
import { TestClient } from './testing.ts';
import { startWebServer, type WebServer } from './web-server.ts';

const TOKEN = 'audit-token-0123456789';
let dir: string;
let logPath: string;
let server: WebServer;
let audit: AuditLog;
let h: ReturnType<typeof coreWithFake>;
let client: TestClient;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-audit-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  logPath = join(dir, 'audit.log');
  h = coreWithFake([CONTAINER, VM]);
  await h.core.start();
  audit = await AuditLog.open(logPath);
  audit.follow(h.core);
  server = await startWebServer({
    core: h.core,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticDir: join(dir, 'renderer'),
    audit,
  });
  client = await TestClient.connect(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, server.origin);
});
afterEach(async () => {
  await client.close();
  await server.close();
  await h.core.stop();
  await audit.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every line written so far (the stream is flushed by closing it). */
async function lines(): Promise<AuditRecord[]> {
  await audit.close();
  return readFileSync(logPath, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditRecord);
}

/** Wait for the operation's outcome, as a page would (operations.changed, done or failed). */
async function finished(opId: string): Promise<void> {
  for (;;) {
    const m = await client.event('operations.changed');
    const op = (m as { payload: { operation: { opId: string; status: string } } }).payload.operation;
    if (op.opId === opId && op.status !== 'pending') return;
  }
}

describe('the audit log', () => {
  it('records each state-changing request with time, client address, action, system and result', async () => {
    const started = await client.request('systems.start', { id: 'vm1' });
    const opId = (started as { result: { opId: string } }).result.opId;
    await finished(opId);
    await client.request('systems.list', {});
    await client.request('systems.pause', { id: '../etc' });
    await client.request('exec.input', { sessionId: 'no-such-session', data: 'my password' });
    await client.request('hosts.add', { url: 'https://10.0.0.9:7380/?token=very-secret' });
    await settle();
    const records = await lines();
    const text = readFileSync(logPath, 'utf8');
    expect(records.map((r) => [r.action, r.result])).toEqual([
      ['systems.start', 'accepted'],
      ['systems.start', 'done'],
      ['systems.pause', 'refused'],
      ['exec.input', 'failed'],
      ['hosts.add', 'failed'],
    ]);
    const [accepted, done, refused, input, host] = records;
    expect(accepted).toMatchObject({ system: 'vm1', opId });
    expect(done).toMatchObject({ system: 'vm1', opId });
    expect(accepted!.client).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(Date.parse(accepted!.time)).not.toBeNaN();
    expect(refused!.error).toMatch(/invalid request/);
    expect(input).toMatchObject({ session: 'no-such-session', detail: '11 characters of input' });
    expect(host).toMatchObject({ host: 'https://10.0.0.9:7380' });
    // Never a token, never typed input.
    expect(text).not.toContain('very-secret');
    expect(text).not.toContain('my password');
    if (process.platform !== 'win32') expect(statSync(logPath).mode & 0o777).toBe(0o600);
  });

  it("records a failed operation with HCS's message", async () => {
    h.hcs.failNext('pause', 0x80370105);
    const answer = await client.request('systems.pause', { id: 'c1' });
    await finished((answer as { result: { opId: string } }).result.opId);
    const [, outcome] = await lines();
    expect(outcome).toMatchObject({ action: 'systems.pause', system: 'c1', result: 'failed' });
    expect(outcome!.error).toBeTruthy();
  });
});
