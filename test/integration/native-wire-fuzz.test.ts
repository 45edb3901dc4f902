// A fuzz of libvmcompute_sim's side of the wire protocol: a hostile service answers the library's calls with the
// seeded cases of test/helpers/wire-fuzz.ts (HCS_WIRE_FUZZ_SEED=N replays another seed) — wrong fields and tags,
// broken framing, answers cut short or to no call, floods of notifications, and descriptors no field takes,
// repeated or out-of-range slots, more than the library keeps — and hangs up. Every call must return (no crash,
// no hang), every descriptor must be closed again (this process's /proc/self/fd, counted after each case), and
// the library must then work with a good service.
import { mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { encodeFrame, FrameKind } from '../../sim/service/frame.ts';
import { HELLO_OP, libraryCases, type LibraryCase } from '../helpers/wire-fuzz.ts';
import { FakeService } from './native/fake-service.ts';
import {
  callAsync,
  loadSimHost,
  loadVmcomputeSim,
  out,
  type ProcessInformationValue,
  type SimHost,
  type VmcomputeSim,
} from './native/ffi.ts';
import { FrameReader, nul, str } from './native/frames.ts';
import { descriptorEntries, descriptorsBeyond } from './native/util.ts';

const SEED = Number(process.env.HCS_WIRE_FUZZ_SEED ?? 1);

let hcs: VmcomputeSim;
let host: SimHost;
let dir: string;
let hostile: net.Server;
let current: LibraryCase | null = null;

function socketFd(socket: net.Socket): number {
  return (socket as unknown as { _handle: { fd: number } })._handle.fd;
}

/** Answers hello properly, then answers the next call with the current case and hangs up. */
function serveHostile(socket: net.Socket): void {
  socket.on('error', () => undefined);
  const reader = new FrameReader();
  socket.on('data', (chunk: Buffer) => {
    for (const frame of reader.push(chunk)) {
      if (frame.code === HELLO_OP) {
        socket.write(encodeFrame({ kind: FrameKind.Response, id: frame.id, code: 0, fields: [1] }));
        continue;
      }
      const c = current!;
      const bytes = c.answer(frame.id);
      if (c.descriptors > 0 && socket.writableLength === 0) {
        const fds = Array.from({ length: c.descriptors }, () => openSync('/dev/null', 'r'));
        const sent = host.simhost_sendmsg(socketFd(socket), bytes, bytes.length, fds, fds.length);
        for (const fd of fds) closeSync(fd);
        if (sent < 0) throw new Error(`sendmsg failed: errno ${-sent}`);
        if (sent < bytes.length) socket.write(bytes.subarray(sent));
      } else {
        socket.write(bytes);
      }
      socket.end();
    }
  });
}

/** Makes the case's call and releases whatever the library handed out. Resolves with the HRESULT. */
async function call(c: LibraryCase): Promise<number> {
  if (c.call === 'enumerate') {
    const systems = out();
    const result = out();
    const hr = await callAsync(hcs.HcsEnumerateComputeSystems, '', systems, result);
    for (const p of [systems[0], result[0]]) if (p !== null) hcs.CoTaskMemFree(p);
    return hr;
  }
  const info: Partial<ProcessInformationValue> = {};
  const processOut = out();
  const result = out();
  const hr = await callAsync(hcs.HcsCreateProcess, 5n, '{}', info, processOut, result);
  if (result[0] !== null) hcs.CoTaskMemFree(result[0]);
  for (const handle of [info.StdInput, info.StdOutput, info.StdError])
    if (handle !== null && handle !== undefined) expect(host.simhost_close(Number(handle))).toBe(0);
  return hr;
}

beforeAll(async () => {
  const libs = await buildNative({ quiet: true });
  hcs = loadVmcomputeSim(libs.vmcompute);
  host = loadSimHost(libs.simhost);
  dir = mkdtempSync(join(tmpdir(), 'hcs-native-fuzz-'));
  hostile = net.createServer(serveHostile);
  await new Promise<void>((resolve) => hostile.listen(join(dir, 'hostile.sock'), resolve));
});

afterAll(async () => {
  await new Promise((r) => hostile?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('libvmcompute_sim under a hostile service', () => {
  it(
    'returns from every call, closes every descriptor, and works with a good service afterwards',
    { timeout: 300_000 },
    async () => {
      process.env.HCS_SIM_SOCKET = join(dir, 'hostile.sock');
      const cases = libraryCases(SEED);
      expect(cases.length).toBeGreaterThan(200);
      const before = descriptorEntries();
      const outcomes = new Map<string, number>();
      let received = 0;
      for (const [index, c] of cases.entries()) {
        current = c;
        const hr = await call(c);
        const key = `0x${(hr >>> 0).toString(16)}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        received += c.descriptors;
        const left = await descriptorsBeyond(before);
        expect(left, `case ${index} (seed ${SEED}): ${c.label}: descriptors left open`).toEqual([]);
      }
      // The valid answers were taken as valid; everything else failed cleanly.
      expect(outcomes.get('0x0')).toBeGreaterThan(0);

      // A good service afterwards: the library connects anew and its calls work.
      const good = await FakeService.start(null, join(dir, 'good.sock'));
      try {
        good.onRequest = ({ connection, frame }) => connection.respond(frame, 0, [str('[]'), nul]);
        process.env.HCS_SIM_SOCKET = good.path;
        const systems = out();
        expect(await callAsync(hcs.HcsEnumerateComputeSystems, '', systems, null)).toBe(0);
        hcs.CoTaskMemFree(systems[0]);
        expect(hcs.SimConnectionState()).toBe(1);
      } finally {
        await good.close();
      }
      expect(await descriptorsBeyond(before)).toEqual([]);
      const after = descriptorEntries();
      console.log(
        `libvmcompute_sim fuzz (seed ${SEED}): ${cases.length} hostile answers, ${received} descriptors sent; ` +
          `HRESULTs ${[...outcomes].map(([k, v]) => `${k}×${v}`).join(', ')}; ` +
          `descriptors of this process before ${before.length}, after ${after.length}`,
      );
    },
  );
});
