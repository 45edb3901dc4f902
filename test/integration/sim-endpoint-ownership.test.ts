// A simulator socket that another local user planted is never used (sim/PROTOCOL.md "Endpoint"): not by the C
// library (libvmcompute_sim: lstat of the socket and its directory, then SO_PEERCRED), not by the Node control
// client the app uses to find a running simulator, and not claimed by the service either. The impostor is a real
// listener running as `nobody` that answers like a simulator; each test shows the refusal names the path and the
// owner and that nothing was sent to the impostor.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { SimControl } from '../../sim/control/client.ts';
import { EndpointRefusedError } from '../../sim/control/endpoint.ts';
import { prepareBackend } from '../../src/host/backend-select.ts';
import { simulatorAnswers } from '../../src/host/sim-child.ts';
import {
  foreignUserSkipReason,
  NOBODY,
  startForeignListener,
  type ForeignListener,
} from '../helpers/foreign-listener.ts';
import { FakeService } from './native/fake-service.ts';
import { callAsync, lastConnectError, loadVmcomputeSim, type VmcomputeSim } from './native/ffi.ts';
import { nul, str } from './native/frames.ts';
import { hex } from './native/util.ts';

const SERVER_UNAVAILABLE = 0x800706ba | 0;
const OP_ENUMERATE = 1;
const repoRoot = resolve(import.meta.dirname, '..', '..');

let hcs: VmcomputeSim;
let base: string;
const listeners: ForeignListener[] = [];

beforeAll(async () => {
  const libs = await buildNative({ quiet: true });
  hcs = loadVmcomputeSim(libs.vmcompute);
  // Others may pass through (0711) to the directories below, as they can through a home directory.
  base = mkdtempSync(join(tmpdir(), 'hcs-endpoint-'));
  chmodSync(base, 0o711);
});

afterEach(async () => {
  for (const l of listeners.splice(0)) await l.stop();
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

/** A directory like /tmp (root's, world-writable, sticky) where `nobody` can make its socket. */
function sharedDirectory(name: string): string {
  const dir = join(base, name);
  mkdirSync(dir);
  chmodSync(dir, 0o1777);
  return dir;
}

async function impostor(path: string): Promise<ForeignListener> {
  const listener = await startForeignListener(path);
  listeners.push(listener);
  return listener;
}

/** What the C library answers for one call, and the reason it kept. */
async function libraryCall(socket: string): Promise<{ hr: string; why: string }> {
  process.env.HCS_SIM_SOCKET = socket;
  const hr = await callAsync(hcs.HcsEnumerateComputeSystems, '', null, null);
  return { hr: hex(hr), why: lastConnectError(hcs) };
}

/** Runs the service program on `socket` and resolves with its exit code and stderr (or its ready line). */
async function runService(socket: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sim/service/main.ts', '--socket', socket, '--fixture', 'none', '--exit-with-stdin'],
    { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    if (stdout.includes('hcs-sim ready')) child.stdin.end(); // it started: let it stop again
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr, stdout };
}

describe.skipIf(foreignUserSkipReason !== null)(
  `a socket of another user (${foreignUserSkipReason ?? 'listener runs as nobody'})`,
  () => {
    it('the C library refuses a socket file owned by another user without connecting', async () => {
      const socket = join(sharedDirectory('owner-c'), 'sim.sock');
      const listener = await impostor(socket);
      const { hr, why } = await libraryCall(socket);
      expect(hr).toBe(hex(SERVER_UNAVAILABLE));
      expect(why).toBe(
        `refusing the simulator socket ${socket}: it is owned by uid ${NOBODY} (nobody), not by uid 0 (root)`,
      );
      expect(await listener.report()).toEqual({ connections: 0, bytes: 0 });
    });

    it('the C library refuses a listener of another user behind a socket file of ours (SO_PEERCRED)', async () => {
      const socket = join(sharedDirectory('peer-c'), 'sim.sock');
      const listener = await impostor(socket);
      chownSync(socket, 0, 0); // the file now looks like ours; the process behind it is still nobody's
      const { hr, why } = await libraryCall(socket);
      expect(hr).toBe(hex(SERVER_UNAVAILABLE));
      expect(why).toBe(
        `refusing the simulator socket ${socket}: the process listening there runs as uid ${NOBODY} (nobody), ` +
          'not as uid 0 (root)',
      );
      // It connected (that is how the peer is known) and hung up without sending a byte: not even hello.
      expect(await listener.nextClose()).toBe(0);
    });

    it('the C library refuses a socket in a directory of another user', async () => {
      const dir = join(base, 'theirs-c');
      mkdirSync(dir, { mode: 0o755 });
      chownSync(dir, NOBODY, NOBODY);
      const socket = join(dir, 'sim.sock');
      const listener = await impostor(socket);
      chownSync(socket, 0, 0);
      const { hr, why } = await libraryCall(socket);
      expect(hr).toBe(hex(SERVER_UNAVAILABLE));
      expect(why).toBe(
        `refusing the simulator socket ${socket}: its directory ${dir} is owned by uid ${NOBODY} (nobody), ` +
          'not by uid 0 (root)',
      );
      expect(await listener.report()).toEqual({ connections: 0, bytes: 0 });
    });

    it('after a refusal the C library connects to a socket of ours and forgets the refusal', async () => {
      const socket = join(sharedDirectory('recover-c'), 'sim.sock');
      await impostor(socket);
      expect((await libraryCall(socket)).why).toMatch(/owned by uid 65534 \(nobody\)/);
      const own = await FakeService.start(null, join(base, 'own.sock'));
      try {
        own.onRequest = ({ connection, frame }) => {
          expect(frame.code).toBe(OP_ENUMERATE);
          connection.respond(frame, 0, [str('[]'), nul]);
        };
        process.env.HCS_SIM_SOCKET = own.path;
        const systems: [bigint | null] = [null];
        expect(await callAsync(hcs.HcsEnumerateComputeSystems, '', systems, null)).toBe(0);
        expect(systems[0]).not.toBeNull();
        hcs.CoTaskMemFree(systems[0]);
        expect(lastConnectError(hcs)).toBe('');
      } finally {
        await own.close();
      }
    });

    it('the control client and the app refuse a control socket owned by another user', async () => {
      const socket = join(sharedDirectory('owner-node'), 'sim.sock');
      const listener = await impostor(`${socket}.ctl`);
      const expected = `refusing the simulator socket ${socket}.ctl: it is owned by uid ${NOBODY} (nobody), not by uid 0 (root)`;
      await expect(new SimControl(socket).health()).rejects.toThrow(expected);
      await expect(simulatorAnswers(socket)).rejects.toBeInstanceOf(EndpointRefusedError);
      // The app neither uses it nor starts a simulator of its own in its place.
      const log: string[] = [];
      await expect(
        prepareBackend({ backend: 'simulator', simSocket: socket }, (l) => log.push(l)),
      ).rejects.toThrow(expected);
      expect(log).toEqual([]);
      expect(await listener.report()).toEqual({ connections: 0, bytes: 0 });
    });

    it('the control client refuses a listener of another user behind a socket file of ours (SO_PEERCRED)', async () => {
      const socket = join(sharedDirectory('peer-node'), 'sim.sock');
      const listener = await impostor(`${socket}.ctl`);
      chownSync(`${socket}.ctl`, 0, 0);
      await expect(new SimControl(socket).health()).rejects.toThrow(
        `refusing the simulator socket ${socket}.ctl: the process listening there runs as uid ${NOBODY} (nobody), ` +
          'not as uid 0 (root)',
      );
      expect(await listener.nextClose()).toBe(0); // no request was written
    });

    it('the service will not claim a path where a socket of another user sits', async () => {
      const socket = join(sharedDirectory('owner-service'), 'sim.sock');
      await impostor(socket);
      const result = await runService(socket);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `cannot start: refusing the simulator socket ${socket}: it is owned by uid ${NOBODY} (nobody), not by uid 0 (root)`,
      );
      expect(statSync(socket).uid).toBe(NOBODY); // left alone
    });
  },
);

describe('the C library without $HCS_SIM_SOCKET', () => {
  it('connects to sim.sock in $XDG_RUNTIME_DIR/hcs-desktop when that directory is private, else in the cache', async () => {
    const saved = { ...process.env };
    const runtime = mkdtempSync(join(tmpdir(), 'hcs-runtime-'));
    try {
      delete process.env.HCS_SIM_SOCKET;
      process.env.XDG_RUNTIME_DIR = runtime;
      mkdirSync(join(runtime, 'hcs-desktop'), { mode: 0o700 });
      const own = await FakeService.start(null, join(runtime, 'hcs-desktop', 'sim.sock'));
      try {
        own.onRequest = ({ connection, frame }) => connection.respond(frame, 0, [str('[]'), nul]);
        expect(await callAsync(hcs.HcsEnumerateComputeSystems, '', null, null)).toBe(0);
        expect(own.connections.length).toBe(1);
      } finally {
        await own.close();
      }
      // $XDG_RUNTIME_DIR open to others is not used: the cache directory is, and nothing listens there.
      chmodSync(runtime, 0o755);
      process.env.HOME = join(runtime, 'home');
      delete process.env.XDG_CACHE_HOME;
      const cached = await FakeService.start(null, join(runtime, 'hcs-desktop', 'sim.sock'));
      try {
        expect(hex(await callAsync(hcs.HcsEnumerateComputeSystems, '', null, null))).toBe(
          hex(SERVER_UNAVAILABLE),
        );
        expect(cached.connections.length).toBe(0);
      } finally {
        await cached.close();
      }
    } finally {
      for (const key of ['HCS_SIM_SOCKET', 'XDG_RUNTIME_DIR', 'HOME', 'XDG_CACHE_HOME'] as const) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      rmSync(runtime, { recursive: true, force: true });
    }
  });
});
