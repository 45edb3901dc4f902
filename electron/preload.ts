// The only bridge between the page and the main process. Sandboxed: bundled into one CommonJS file that
// requires nothing but 'electron'. Exposes `window.hcs` (the contract's HcsApi); never ipcRenderer itself, nor
// the exec output MessagePort.
import { contextBridge, ipcRenderer } from 'electron';
import {
  decodeOutputFrame,
  isEventChannel,
  type ErrorInfo,
  type OutputChunk,
} from '../src/contract/index.ts';

const INVOKE_CHANNEL = 'hcs:invoke';
const EVENT_CHANNEL = 'hcs:event';
// Exec output (output-ports.ts): this page's MessagePort stays here; the page sees only decoded chunks.
const OUTPUT_PORT_REQUEST_CHANNEL = 'hcs:output-port-request';
const OUTPUT_PORT_CHANNEL = 'hcs:output-port';

type InvokeResult = { ok: true; result: unknown } | { ok: false; error: ErrorInfo };
type Listener = (payload: unknown) => void;

// The preload keeps no state of its own: events go to the listeners there are when they arrive. The page's
// store reads the current list and status itself when it binds (renderer/store/bind.ts: systems.list,
// service.status), so a listener that subscribes after the load event misses nothing.
const listeners = new Map<string, Set<Listener>>();

function deliver(listener: Listener, payload: unknown): void {
  try {
    listener(payload);
  } catch (e) {
    console.error('hcs: an event listener threw', e);
  }
}

ipcRenderer.on(EVENT_CHANNEL, (_event, channel: unknown, payload: unknown) => {
  if (!isEventChannel(channel)) return;
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
  return () => {
    set.delete(listener);
  };
}

type OutputListener = (chunk: OutputChunk) => void;
/** The DOM MessagePort the page's renderer gets (this project's Node-side types do not include the DOM's). */
interface PagePort {
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}
const outputListeners = new Set<OutputListener>();
let outputPort: PagePort | null = null;

function deliverOutput(data: unknown): void {
  if (!(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) return;
  let chunk: OutputChunk;
  try {
    chunk = decodeOutputFrame(data);
  } catch (e) {
    console.error('hcs: dropped a malformed output frame', e);
    return;
  }
  for (const listener of [...outputListeners]) {
    try {
      listener(chunk);
    } catch (e) {
      console.error('hcs: an output listener threw', e);
    }
  }
}

// The main process answers each page load's request with a fresh port (and closes the previous page's).
ipcRenderer.on(OUTPUT_PORT_CHANNEL, (event) => {
  const [port] = event.ports as unknown as PagePort[];
  if (!port) return;
  outputPort?.close();
  outputPort = port;
  port.onmessage = (message) => deliverOutput(message.data);
});
ipcRenderer.send(OUTPUT_PORT_REQUEST_CHANNEL);

/** Output of the exec sessions this window attached to, decoded (src/contract/exec.ts). */
function onOutput(listener: OutputListener): () => void {
  if (typeof listener !== 'function') throw new TypeError('hcs.onOutput: the listener must be a function');
  outputListeners.add(listener);
  return () => {
    outputListeners.delete(listener);
  };
}

contextBridge.exposeInMainWorld('hcs', Object.freeze({ invoke, on, onOutput }));
