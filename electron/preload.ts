// The only bridge between the page and the main process. Sandboxed: bundled into one CommonJS file that
// requires nothing but 'electron'. Exposes `window.hcs` (the contract's HcsApi); never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron';
import { isEventChannel, type ErrorInfo, type SystemSummary } from '../src/contract/index.ts';

const INVOKE_CHANNEL = 'hcs:invoke';
const EVENT_CHANNEL = 'hcs:event';

type InvokeResult = { ok: true; result: unknown } | { ok: false; error: ErrorInfo };
type Listener = (payload: unknown) => void;

const listeners = new Map<string, Set<Listener>>();

// The main process pushes the list and the status once the page has loaded; a listener that subscribes
// later (React effects run after the load event) still gets the current ones. The list is kept current
// from the change events.
let systems: Map<string, SystemSummary> | null = null;
let lastStatus: unknown = null;

function remember(channel: string, payload: unknown): void {
  if (channel === 'service.changed') lastStatus = payload;
  else if (channel === 'systems.snapshot') {
    systems = new Map((payload as { systems: SystemSummary[] }).systems.map((s) => [s.id, s]));
  } else if (channel === 'systems.changed') {
    const { system } = payload as { system: SystemSummary };
    systems?.set(system.id, system);
  } else if (channel === 'systems.removed') {
    systems?.delete((payload as { id: string }).id);
  }
}

function deliver(listener: Listener, payload: unknown): void {
  try {
    listener(payload);
  } catch (e) {
    console.error('hcs: an event listener threw', e);
  }
}

ipcRenderer.on(EVENT_CHANNEL, (_event, channel: unknown, payload: unknown) => {
  if (!isEventChannel(channel)) return;
  remember(channel, payload);
  for (const listener of [...(listeners.get(channel) ?? [])]) deliver(listener, payload);
});

/**
 * Resolves with the response; rejects with `{ name: 'HcsError', message, info }`. A plain object, not an
 * Error: contextBridge copies only an Error's message, and the ErrorInfo must reach the page.
 */
async function invoke(channel: string, payload: unknown): Promise<unknown> {
  const answer = (await ipcRenderer.invoke(INVOKE_CHANNEL, channel, payload)) as InvokeResult;
  if (answer.ok) return answer.result;
  throw { name: 'HcsError', message: answer.error.message, info: answer.error };
}

function on(channel: string, listener: Listener): () => void {
  if (!isEventChannel(channel))
    throw new Error(`hcs.on: unknown event channel ${String(channel).slice(0, 80)}`);
  if (typeof listener !== 'function') throw new TypeError('hcs.on: the listener must be a function');
  let set = listeners.get(channel);
  if (!set) listeners.set(channel, (set = new Set()));
  set.add(listener);
  if (channel === 'systems.snapshot' && systems) {
    const payload = { systems: [...systems.values()] };
    queueMicrotask(() => set.has(listener) && deliver(listener, payload));
  } else if (channel === 'service.changed' && lastStatus) {
    const payload = lastStatus;
    queueMicrotask(() => set.has(listener) && deliver(listener, payload));
  }
  return () => {
    set.delete(listener);
  };
}

contextBridge.exposeInMainWorld('hcs', Object.freeze({ invoke, on }));
