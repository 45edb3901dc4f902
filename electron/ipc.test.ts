import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { AppCoreApi, AppEvent } from '../src/app/index.ts';
import { REAL_SYSTEM_IDS, REFUSED_SYSTEM_IDS } from '../src/contract/testing/system-ids.ts';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) =>
      electron.handlers.set(channel, fn),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

const { EVENT_CHANNEL, INVOKE_CHANNEL, forwardEvents, isTrustedSender, registerIpc } =
  await import('./ipc.ts');

const OURS = { id: 1 } as WebContents;
const OTHER = { id: 2 } as WebContents;
const isAppWindow = (c: WebContents) => c.id === OURS.id;

function senderEvent(url: string | null, options: { sender?: WebContents; subFrame?: boolean } = {}) {
  const senderFrame = url === null ? null : { url, parent: options.subFrame ? { url } : null };
  return { sender: options.sender ?? OURS, senderFrame } as unknown as IpcMainInvokeEvent;
}

function fakeCore() {
  const listeners = new Set<(e: AppEvent) => void>();
  const core = {
    handle: vi.fn(async () => [{ id: 'c1' }]),
    subscribe: (l: (e: AppEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    initialEvents: () => [],
  };
  return {
    core: core as unknown as AppCoreApi & { handle: typeof core.handle },
    emit: (e: AppEvent) => listeners.forEach((l) => l(e)),
  };
}

describe('IPC sender check', () => {
  it('accepts only the main frame of our window showing app://hcs-desktop/', () => {
    expect(isTrustedSender(senderEvent('app://hcs-desktop/index.html'), isAppWindow)).toBe(true);
    expect(isTrustedSender(senderEvent('app://hcs-desktop/'), isAppWindow)).toBe(true);
  });

  it('refuses foreign URLs, sub-frames, vanished frames and other windows', () => {
    for (const url of [
      'https://evil.example/',
      'file:///C:/app/index.html',
      'app://hcs-desktop.evil/index.html',
      'app://user@evil/index.html',
      'app://other/index.html',
      'about:blank',
      'not a url',
    ]) {
      expect(isTrustedSender(senderEvent(url), isAppWindow), url).toBe(false);
    }
    expect(
      isTrustedSender(senderEvent('app://hcs-desktop/index.html', { subFrame: true }), isAppWindow),
    ).toBe(false);
    expect(isTrustedSender(senderEvent(null), isAppWindow)).toBe(false);
    expect(isTrustedSender(senderEvent('app://hcs-desktop/index.html', { sender: OTHER }), isAppWindow)).toBe(
      false,
    );
  });
});

describe('hcs:invoke', () => {
  it('refuses a foreign sender before anything reaches the core', async () => {
    const { core } = fakeCore();
    registerIpc(core, isAppWindow);
    const handler = electron.handlers.get(INVOKE_CHANNEL)!;
    const answer = await handler(senderEvent('https://evil.example/'), 'systems.list', {});
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringContaining('refused') } });
    expect(core.handle).not.toHaveBeenCalled();
  });

  it('validates with the contract: invalid payloads and unknown channels never reach the core', async () => {
    const { core } = fakeCore();
    registerIpc(core, isAppWindow);
    const handler = electron.handlers.get(INVOKE_CHANNEL)!;
    const trusted = senderEvent('app://hcs-desktop/index.html');
    expect(await handler(trusted, 'systems.start', { id: 'a/b' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('invalid request for systems.start') },
    });
    expect(await handler(trusted, 'shell.exec', { cmd: 'calc' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('unknown channel') },
    });
    expect(await handler(trusted, 'systems.create', { id: 'x', document: '[]' })).toMatchObject({
      ok: false,
    });
    expect(core.handle).not.toHaveBeenCalled();
    expect(await handler(trusted, 'systems.list', {})).toEqual({ ok: true, result: [{ id: 'c1' }] });
    expect(core.handle).toHaveBeenCalledWith('systems.list', {});
  });

  it('sends a core failure back as its ErrorInfo', async () => {
    const { AppError } = await import('../src/app/error-info.ts');
    const { core } = fakeCore();
    const info = { message: 'Access is denied.', hresult: '0x80070005', name: 'E_ACCESSDENIED', events: [] };
    core.handle.mockRejectedValueOnce(new AppError(info));
    registerIpc(core, isAppWindow);
    const handler = electron.handlers.get(INVOKE_CHANNEL)!;
    expect(await handler(senderEvent('app://hcs-desktop/index.html'), 'service.status', {})).toEqual({
      ok: false,
      error: info,
    });
  });
});

describe('hcs:invoke while the core starts', () => {
  /** A start that ends when the test says (the window is open while HCS is first listed). */
  function heldStart() {
    let end!: (error?: Error) => void;
    const started = new Promise<void>((resolve, reject) => (end = (e) => (e ? reject(e) : resolve())));
    return { started, end };
  }

  it('answers a trusted request once the core has started, not before', async () => {
    const { core } = fakeCore();
    const { started, end } = heldStart();
    registerIpc(core, isAppWindow, undefined, started);
    const handler = electron.handlers.get(INVOKE_CHANNEL)!;
    let answer: unknown = null;
    const asked = Promise.resolve(
      handler(senderEvent('app://hcs-desktop/index.html'), 'systems.list', {}),
    ).then((a) => (answer = a));
    // Every pending callback runs; the request still waits for the start.
    await new Promise((resolve) => setImmediate(resolve));
    expect(answer).toBeNull();
    expect(core.handle).not.toHaveBeenCalled();
    end();
    await asked;
    expect(answer).toEqual({ ok: true, result: [{ id: 'c1' }] });
  });

  it('refuses a foreign sender at once, without waiting for the start', async () => {
    const { core } = fakeCore();
    registerIpc(core, isAppWindow, undefined, heldStart().started);
    const handler = electron.handlers.get(INVOKE_CHANNEL)!;
    expect(await handler(senderEvent('https://evil.example/'), 'systems.list', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('refused') },
    });
  });

  it("gives every waiting request the start's failure, and the core none of them", async () => {
    const { core } = fakeCore();
    const { started, end } = heldStart();
    registerIpc(core, isAppWindow, undefined, started);
    const handler = electron.handlers.get(INVOKE_CHANNEL)!;
    const asked = handler(senderEvent('app://hcs-desktop/index.html'), 'systems.list', {});
    end(new Error('the hosts file is not JSON'));
    expect(await asked).toMatchObject({
      ok: false,
      error: { message: 'HCS Desktop could not start: the hosts file is not JSON' },
    });
    expect(core.handle).not.toHaveBeenCalled();
  });

  it('refuses a request whose frame navigated away while it waited', async () => {
    const { core } = fakeCore();
    const { started, end } = heldStart();
    registerIpc(core, isAppWindow, undefined, started);
    const handler = electron.handlers.get(INVOKE_CHANNEL)!;
    const event = senderEvent('app://hcs-desktop/index.html');
    const asked = handler(event, 'systems.list', {});
    (event.senderFrame as unknown as { url: string }).url = 'https://evil.example/';
    end();
    expect(await asked).toMatchObject({ ok: false, error: { message: expect.stringContaining('refused') } });
    expect(core.handle).not.toHaveBeenCalled();
  });
});

describe('event fan-out', () => {
  it('sends every core event to every live window on hcs:event', () => {
    const { core, emit } = fakeCore();
    const make = (destroyed: boolean) => ({ isDestroyed: () => destroyed, webContents: { send: vi.fn() } });
    const windows = [make(false), make(false), make(true)];
    forwardEvents(core, () => windows);
    const event: AppEvent = { channel: 'systems.removed', payload: { id: 'c1' } };
    emit(event);
    expect(windows[0]!.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'systems.removed', { id: 'c1' });
    expect(windows[1]!.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, 'systems.removed', { id: 'c1' });
    expect(windows[2]!.webContents.send).not.toHaveBeenCalled();
  });
});

describe('hcs:invoke with the ids real HCS clients use (issue 8 §0)', () => {
  it('carries every request naming such an id to the core', async () => {
    const { core } = fakeCore();
    registerIpc(core, isAppWindow);
    const handler = electron.handlers.get(INVOKE_CHANNEL)!;
    const trusted = senderEvent('app://hcs-desktop/index.html');
    for (const { id } of REAL_SYSTEM_IDS) {
      expect(await handler(trusted, 'systems.start', { id }), id).toMatchObject({ ok: true });
      expect(core.handle).toHaveBeenLastCalledWith('systems.start', { id });
      await handler(trusted, 'systems.properties', { id, version: 'v2', types: ['Statistics'] });
      expect(core.handle).toHaveBeenLastCalledWith('systems.properties', {
        id,
        version: 'v2',
        types: ['Statistics'],
      });
      await handler(trusted, 'systems.create', { id, document: '{"Owner":"x"}' });
      expect(core.handle).toHaveBeenLastCalledWith('systems.create', { id, document: '{"Owner":"x"}' });
    }
  });

  it('refuses an id that could harm native code, with the reason, before the core', async () => {
    const { core } = fakeCore();
    registerIpc(core, isAppWindow);
    const handler = electron.handlers.get(INVOKE_CHANNEL)!;
    const trusted = senderEvent('app://hcs-desktop/index.html');
    for (const { id, reason } of REFUSED_SYSTEM_IDS) {
      const answer = (await handler(trusted, 'systems.terminate', { id })) as {
        ok: boolean;
        error?: { message: string };
      };
      expect(answer.ok, JSON.stringify(id)).toBe(false);
      expect(answer.error?.message).toMatch(reason);
    }
    expect(core.handle).not.toHaveBeenCalled();
  });
});
