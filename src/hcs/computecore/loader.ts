/**
 * Which library backs the computecore binding. On Windows it is computecore.dll from System32, loaded by
 * absolute path (no other directory can plant a DLL of that name). Elsewhere it is the simulator's library with
 * the same C ABI: the path the entry point names (`useHcsApi`), or the one `npm run build:native` builds inside
 * this package. Nothing here reads the environment.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { system32Path } from '../ffi/system-dlls.ts';
import { packageRoot } from '../vmcompute/loader.ts';

/** The library to load: `explicit` when the entry point named one, else the platform's default. */
export function computecoreLibraryPath(explicit?: string): string {
  if (explicit) return resolve(explicit);
  if (process.platform === 'win32') return system32Path('computecore.dll');
  return join(packageRoot(), 'build', 'native', 'libcomputecore_sim.so');
}

/** A clear error when the library is not there, before koffi's less helpful dlopen message. */
export function checkComputecorePresent(path: string, explicit = false): void {
  if (existsSync(path)) return;
  if (process.platform === 'win32') {
    throw new Error(
      `computecore.dll was not found at ${path}. The HCS V2 API needs Windows 10 1809 / Server 2019 or later ` +
        'with the Containers or Hyper-V feature enabled; use the V1 API (vmcompute.dll) on older hosts.',
    );
  }
  throw new Error(
    `The simulated computecore library was not found at ${path}. Build it with \`npm run build:native\`` +
      (explicit ? ' or name another library (HCS_COMPUTECORE_LIBRARY).' : '.'),
  );
}
