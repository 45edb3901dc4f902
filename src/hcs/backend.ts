/**
 * The process-wide pairing of the vmcompute binding and the notification registry its single callback
 * feeds. Created on first use; the koffi binding is imported lazily so that code (and unit tests) that never
 * calls HCS never loads native code.
 */
import { NotificationRegistry } from './notifications.ts';
import type { Vmcompute } from './vmcompute/types.ts';

export interface Backend {
  readonly vm: Vmcompute;
  readonly notifications: NotificationRegistry;
}

let current: Promise<Backend> | null = null;
/** The library the default backend loads, when the entry point named one (`useVmcomputeLibrary`). */
let libraryPath: string | undefined;

async function createDefault(): Promise<Backend> {
  const { KoffiVmcompute } = await import('./vmcompute/vmcompute.ts');
  let registry: NotificationRegistry | null = null;
  const vm = new KoffiVmcompute({
    sink: (type, context, status, data) => registry?.dispatch(type, context, status, data),
    libraryPath,
  });
  registry = new NotificationRegistry(vm);
  return { vm, notifications: registry };
}

/**
 * Load the vmcompute binding from `path` instead of the platform's default (vmcompute.dll in System32, or the
 * simulator's library built inside this package): the entry point's choice, e.g. the simulator library of a
 * packaged app, or the user's HCS_VMCOMPUTE_LIBRARY. Call it before the first HCS call; naming another
 * library once one is loaded throws (a process holds one binding).
 */
export function useVmcomputeLibrary(path: string): void {
  if (current && libraryPath !== path) {
    throw new Error(`the HCS binding is already in use; cannot switch it to ${path}`);
  }
  libraryPath = path;
}

/** The backend every System and Process uses. */
export function backend(): Promise<Backend> {
  current ??= createDefault();
  return current;
}

/**
 * Replaces the backend with `factory`'s (a fake binding in unit tests, or another DLL's binding). The factory
 * receives the dispatch function its callback must call. Pass null to go back to the default.
 */
export function setBackend(
  factory: ((dispatch: NotificationRegistry['dispatch']) => Vmcompute) | null,
): Backend | null {
  if (!factory) {
    current = null;
    return null;
  }
  let registry: NotificationRegistry | null = null;
  const vm = factory((type, context, status, data) => registry?.dispatch(type, context, status, data));
  registry = new NotificationRegistry(vm);
  const b: Backend = { vm, notifications: registry };
  current = Promise.resolve(b);
  return b;
}
