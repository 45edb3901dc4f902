/**
 * Which library backs the binding. On Windows it is vmcompute.dll from System32, loaded by absolute path so
 * no other directory can plant a DLL of that name. Elsewhere it is the simulator's library with the same C
 * ABI: $HCS_VMCOMPUTE_LIBRARY, or the one `npm run build:native` builds inside this package.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { system32Path } from '../ffi/system-dlls.ts';

/** This package's root, found from this module's own location (src/hcs/vmcompute/), never from cwd. */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

export function vmcomputeLibraryPath(): string {
  if (process.platform === 'win32') return system32Path('vmcompute.dll');
  const override = process.env.HCS_VMCOMPUTE_LIBRARY;
  if (override) return resolve(override);
  return join(packageRoot(), 'build', 'native', 'libvmcompute_sim.so');
}

/** True when the binding talks to the simulator rather than Windows' vmcompute.dll. */
export function isSimulatorBackend(): boolean {
  return process.platform !== 'win32';
}

/** A clear error when the library is not there, before koffi's less helpful dlopen message. */
export function checkLibraryPresent(path: string): void {
  if (existsSync(path)) return;
  if (process.platform === 'win32') {
    throw new Error(
      `vmcompute.dll was not found at ${path}. The Host Compute Service needs Windows 10/Server 2016 or later ` +
        'with the Containers or Hyper-V feature enabled.',
    );
  }
  throw new Error(
    `The simulated HCS library was not found at ${path}. Build it with \`npm run build:native\`` +
      (process.env.HCS_VMCOMPUTE_LIBRARY ? ' or fix HCS_VMCOMPUTE_LIBRARY.' : '.'),
  );
}
