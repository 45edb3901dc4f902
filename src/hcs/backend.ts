/**
 * The process-wide pairing of the HCS binding and the notification registry its single callback feeds: the
 * vmcompute.dll binding (HCS V1) or the computecore.dll binding (HCS V2), one of them per process, chosen by the
 * entry point before the first call (`useHcsApi`) — never both, since a compute system must not be driven
 * through both APIs (hcsshim saw a V2 start fail on a system created through V1). Created on first use; the
 * koffi binding is imported lazily so that code (and unit tests) that never calls HCS never loads native code.
 */
import { NotificationRegistry } from './notifications.ts';
import type { HcsApi, Vmcompute } from './vmcompute/types.ts';

export interface Backend {
  readonly vm: Vmcompute;
  readonly notifications: NotificationRegistry;
}

let current: Promise<Backend> | null = null;
/** The API the default backend speaks. */
let api: HcsApi = 'v1';
/** The library the default backend loads, when the entry point named one (`useVmcomputeLibrary`, `useHcsApi`). */
let libraryPath: string | undefined;

async function createDefault(): Promise<Backend> {
  let registry: NotificationRegistry | null = null;
  const sink = (type: number, context: number, status: number, data: string | null) =>
    registry?.dispatch(type, context, status, data);
  let vm: Vmcompute;
  if (api === 'v2') {
    const { KoffiComputecore } = await import('./computecore/computecore.ts');
    vm = new KoffiComputecore({ sink, libraryPath });
  } else {
    const { KoffiVmcompute } = await import('./vmcompute/vmcompute.ts');
    vm = new KoffiVmcompute({ sink, libraryPath });
  }
  registry = new NotificationRegistry(vm);
  return { vm, notifications: registry };
}

/**
 * Chooses the HCS API of this process: 'v1' (vmcompute.dll, the default) or 'v2' (computecore.dll), from
 * `library` when the entry point names one (a simulator library), else the platform's. Call it before the
 * first HCS call; choosing another API or library once the binding is in use throws.
 */
export function useHcsApi(choice: HcsApi, library?: string): void {
  if (current && (choice !== api || (library !== undefined && library !== libraryPath))) {
    throw new Error(`the HCS binding is already in use (${api}); cannot switch it to ${choice}`);
  }
  api = choice;
  if (library !== undefined) libraryPath = library;
}

/** The HCS API this process uses (or will use at its first call). */
export function hcsApi(): HcsApi {
  return api;
}

/**
 * Load the vmcompute binding from `path` instead of the platform's default (vmcompute.dll in System32, or the
 * simulator's library built inside this package): the entry point's choice, e.g. the simulator library of a
 * packaged app, or the user's HCS_VMCOMPUTE_LIBRARY. Call it before the first HCS call; naming another
 * library once one is loaded throws (a process holds one binding).
 */
export function useVmcomputeLibrary(path: string): void {
  useHcsApi('v1', path);
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
