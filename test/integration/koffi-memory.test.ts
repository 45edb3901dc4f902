// Each HCS binding asks koffi, before it loads its library, to keep its maximum of async memory sets resident
// (src/hcs/ffi/koffi-memory.ts): koffi only accepts that before any library is loaded, so each binding is loaded
// in a fresh Node process of its own, as an entry point loads it.
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../../scripts/build-native.mjs';
import { RESIDENT_ASYNC_POOLS } from '../../src/hcs/ffi/koffi-memory.ts';

let libs: Awaited<ReturnType<typeof buildNative>>;

beforeAll(async () => {
  libs = await buildNative({ quiet: true });
});

/** Loads a binding in a new process and answers koffi's setting afterwards, afterwards. */
function residentPoolsAfter(script: string): { pools: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, HCS_SIM_SOCKET: '/nonexistent/sim.sock' },
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { pools: number };
}

describe('koffi async memory', () => {
  it('the V2 binding keeps koffi’s maximum of memory sets resident', () => {
    const exports = new URL('../../src/hcs/computecore/exports.ts', import.meta.url).href;
    const result = residentPoolsAfter(`
      const koffi = (await import('koffi')).default;
      const { ComputecoreExports } = await import(${JSON.stringify(exports)});
      ComputecoreExports.load(${JSON.stringify(libs.computecore)});
      console.log(JSON.stringify({ pools: koffi.config().resident_async_pools }));
    `);
    expect(result.pools).toBe(RESIDENT_ASYNC_POOLS);
  });

  it('the vmcompute binding too', () => {
    const bindings = new URL('../../src/hcs/vmcompute/bindings.ts', import.meta.url).href;
    const result = residentPoolsAfter(`
      const koffi = (await import('koffi')).default;
      const { loadBindings } = await import(${JSON.stringify(bindings)});
      loadBindings(${JSON.stringify(libs.vmcompute)});
      console.log(JSON.stringify({ pools: koffi.config().resident_async_pools }));
    `);
    expect(result.pools).toBe(RESIDENT_ASYNC_POOLS);
  });
});
