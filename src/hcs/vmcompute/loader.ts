/**
 * Which library backs the binding. On Windows it is vmcompute.dll from System32, loaded by absolute path so
 * no other directory can plant a DLL of that name. Elsewhere it is the simulator's library with the same C
 * ABI: the path the entry point names (`useVmcomputeLibrary`), or the one `npm run build:native` builds
 * inside this package. Nothing here reads the environment for it: an entry point that honours a user's
 * override (HCS_VMCOMPUTE_LIBRARY) reads it itself and passes the path.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { system32Path } from '../ffi/system-dlls.ts';

/** This package's root, found from this module's own location (src/hcs/vmcompute/), never from cwd. */
export function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

/** The library to load: `explicit` when the entry point named one, else the platform's default. */
export function vmcomputeLibraryPath(explicit?: string): string {
  if (explicit) return resolve(explicit);
  if (process.platform === 'win32') return system32Path('vmcompute.dll');
  return join(packageRoot(), 'build', 'native', 'libvmcompute_sim.so');
}

/** True when the binding talks to the simulator rather than Windows' vmcompute.dll. */
export function isSimulatorBackend(): boolean {
  return process.platform !== 'win32';
}

/**
 * A clear error when the library is not there, before koffi's less helpful dlopen message. `explicit`: the
 * entry point named this path (the user's HCS_VMCOMPUTE_LIBRARY, or the package's own build).
 */
export function checkLibraryPresent(path: string, explicit = false): void {
  if (existsSync(path)) return;
  if (process.platform === 'win32') {
    throw new Error(
      `vmcompute.dll was not found at ${path}. The Host Compute Service needs Windows 10/Server 2016 or later ` +
        'with the Containers or Hyper-V feature enabled.',
    );
  }
  throw new Error(
    `The simulated HCS library was not found at ${path}. Build it with \`npm run build:native\`` +
      (explicit ? ' or name another library (HCS_VMCOMPUTE_LIBRARY).' : '.'),
  );
}
