import { ipcMain, type IpcMainInvokeEvent, type MessagePortMain, type WebContents } from 'electron';
import { ContractError, contractErrorInfo, parseRequest, type ErrorInfo } from '../src/contract/index.ts';
import { errorInfoOf, type AppCoreApi, type AppEvent } from '../src/app/index.ts';
import { isAppUrl } from './app-url.ts';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.ts';
import { OUTPUT_PORT_REQUEST_CHANNEL, type OutputPorts } from './output-ports.ts';

export { EVENT_CHANNEL, INVOKE_CHANNEL };

/** Errors cross IPC as data: an Error's own properties (the ErrorInfo) would not survive. */
export type InvokeResult = { ok: true; result: unknown } | { ok: false; error: ErrorInfo };

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
type Handler = Pick<AppCoreApi, 'handle'>;

/**
 * The request comes from the main frame of one of our windows, showing our app:// page. A sub-frame, another
 * page, or a frame that navigated away (senderFrame null) is refused.
 */
export function isTrustedSender(
  event: SenderEvent,
  isAppWindow: (contents: WebContents) => boolean,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  if (!isAppWindow(event.sender)) return false;
  return isAppUrl(frame.url);
}

/** Validate with the contract, then run on the core. Never throws. */
export async function invoke(core: Handler, channel: unknown, payload: unknown): Promise<InvokeResult> {
  let request;
  try {
    request = parseRequest(channel, payload);
  } catch (e) {
    const error = e instanceof ContractError ? contractErrorInfo(e) : errorInfoOf(e);
    return { ok: false, error };
  }
  try {
    return { ok: true, result: await core.handle(request.channel, request.payload) };
  } catch (e) {
    return { ok: false, error: errorInfoOf(e) };
  }
}

const REFUSED: InvokeResult = {
  ok: false,
  error: { message: 'request refused: it did not come from an HCS Desktop window', events: [] },
};

/** Waits for the core's start; what a request gets instead of an answer if the start failed. */
async function afterStart(coreStarted: PromiseLike<void>): Promise<InvokeResult | null> {
  try {
    await coreStarted;
    return null;
  } catch (e) {
    const info = errorInfoOf(e);
    return { ok: false, error: { ...info, message: `HCS Desktop could not start: ${info.message}` } };
  }
}

/**
 * `ports` (exec output): a trusted page's port request opens its connection, and its requests run on it (so
 * exec.attach/detach/ack apply to that window); without one they go to the core, which refuses those three.
 * `coreStarted` (the core's first listing of HCS, which the window does not wait for): a request waits for it,
 * so the core answers only once it knows the systems; if the start fails, each request gets that failure.
 */
export function registerIpc(
  core: AppCoreApi,
  isAppWindow: (contents: WebContents) => boolean,
  ports?: OutputPorts<MessagePortMain>,
  coreStarted?: PromiseLike<void>,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, payload: unknown) => {
    if (!isTrustedSender(event, isAppWindow)) {
      console.warn(
        `hcs-desktop: refused an IPC request from ${event.senderFrame?.url ?? 'a vanished frame'}`,
      );
      return REFUSED;
    }
    if (coreStarted) {
      const failed = await afterStart(coreStarted);
      if (failed) return failed;
      // The frame may have navigated elsewhere, or its window closed, while the request waited.
      if (!isTrustedSender(event, isAppWindow)) return REFUSED;
    }
    return invoke(ports?.connectionOf(event.sender.id) ?? core, channel, payload);
  });
  if (ports) {
    ipcMain.on(OUTPUT_PORT_REQUEST_CHANNEL, (event) => {
      if (!isTrustedSender(event, isAppWindow)) {
        console.warn(
          `hcs-desktop: refused an output port to ${event.senderFrame?.url ?? 'a vanished frame'}`,
        );
        return;
      }
      ports.connect(event.sender);
    });
  }
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    if (ports) {
      ipcMain.removeAllListeners(OUTPUT_PORT_REQUEST_CHANNEL);
      ports.closeAll();
    }
  };
}

export interface EventTarget {
  isDestroyed(): boolean;
  webContents: { send(channel: string, ...args: unknown[]): void };
}

export function sendEvent(target: EventTarget, event: AppEvent): void {
  if (!target.isDestroyed()) target.webContents.send(EVENT_CHANNEL, event.channel, event.payload);
}

/** Every core event goes to every window. */
export function forwardEvents(core: AppCoreApi, windows: () => Iterable<EventTarget>): () => void {
  return core.subscribe((event) => {
    for (const target of windows()) sendEvent(target, event);
  });
}
