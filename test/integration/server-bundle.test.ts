/**
 * Web mode's server as `npm run serve` runs it: src/server/main.ts built by vite.server.config.ts into one
 * CommonJS file with zod and ws inside it (only koffi loads from node_modules), started as a process against the
 * simulator. The other server tests run the sources through tsx; this one makes sure the bundle itself starts,
 * serves and answers, ws's JavaScript fallbacks for its optional native helpers included.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredPackages } from '../../scripts/packaging/preflight.ts';
import { TestClient } from '../../src/server/testing.ts';
import { bundleEntry, startServerCli, type ServerCli } from '../helpers/server-cli.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';

const root = join(import.meta.dirname, '..', '..');
const TOKEN = 'bundle-token';

let dir = '';
let outDir = '';
let bundle = '';
let sim: StartedSim;
let server: ServerCli | null = null;
let client: TestClient | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-server-bundle-'));
  // Inside the checkout, as dist/server is (the server finds its package.json and koffi above it), but not in
  // dist/: node_modules/.cache is where build tools keep what they make for themselves.
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  outDir = mkdtempSync(join(root, 'node_modules', '.cache', 'hcs-server-bundle-'));
  await build({
    configFile: join(root, 'vite.server.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  bundle = join(outDir, 'main.cjs');
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>HCS Desktop</title>');
  sim = await startSim({ fixture: 'test' });
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await sim?.stop();
  rmSync(dir, { recursive: true, force: true });
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the bundled web server', () => {
  it('requires only koffi from node_modules', () => {
    expect(requiredPackages(readFileSync(bundle, 'utf8'))).toEqual(['koffi']);
  });

  it('starts, serves the page to the token and answers a burst of requests', async () => {
    server = await startServerCli(
      ['--port', '0', '--token', TOKEN, '--sim-socket', sim.socketPath, '--static', join(dir, 'renderer')],
      process.env,
      bundleEntry(bundle),
    );
    const { origin, port } = server;
    expect((await fetch(`${origin}/`)).status).toBe(401);
    expect((await fetch(`${origin}/?token=${TOKEN}`)).status).toBe(200);

    client = await TestClient.connect(`ws://127.0.0.1:${port}/ws?token=${TOKEN}`, origin);
    const snapshot = await client.event('systems.snapshot');
    expect(snapshot.t === 'evt' && JSON.stringify(snapshot.payload)).toContain('test-container-running');

    // A burst, as a bulk action sends it (answered a few milliseconds a turn, request-turns.ts): all answered.
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        client!.request('systems.properties', { id: 'test-container-running', version: 'v1', types: [] }),
      ),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(new Set(answers.map((a) => a.id)).size).toBe(40);
    // A bad one still gets a clear answer through the bundled zod.
    expect(await client.request('systems.start', { id: 'no such/id' })).toMatchObject({ ok: false });
  });
});
