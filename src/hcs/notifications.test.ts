import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ErrAlreadyClosed,
  ErrHandleClose,
  ErrInvalidNotificationType,
  ErrTimeout,
  ErrUnexpectedContainerExit,
  ErrUnexpectedProcessAbort,
  ErrVmcomputeUnexpectedExit,
  Win32Error,
} from './errors.ts';
import { eventLoopHolders } from './event-loop-hold.ts';
import { NotificationType as T } from './notification-types.ts';
import { NotificationRegistry, type CallbackBinding } from './notifications.ts';
import type { HcsHandle } from './vmcompute/types.ts';

/** A binding that records registrations; `failRegister` / `failUnregister` inject errors. */
function fakeBinding(opts: { failRegister?: Error; failUnregister?: Error } = {}) {
  const live = new Map<HcsHandle, number>();
  let next = 100n;
  const calls: string[] = [];
  const register = async (_h: HcsHandle, context: number) => {
    calls.push(`register:${context}`);
    if (opts.failRegister) return { err: opts.failRegister, registration: null };
    const r = next++;
    live.set(r, context);
    return { err: null, registration: r };
  };
  const unregister = async (r: HcsHandle) => {
    calls.push(`unregister:${live.get(r)}`);
    if (opts.failUnregister) return { err: opts.failUnregister };
    live.delete(r);
    return { err: null };
  };
  const binding: CallbackBinding = {
    registerComputeSystemCallback: register,
    registerProcessCallback: register,
    unregisterComputeSystemCallback: unregister,
    unregisterProcessCallback: unregister,
  };
  return { binding, live, calls };
}

async function systemContext(registry: NotificationRegistry) {
  const { ctx, err } = await registry.register('system', 1n);
  expect(err).toBeNull();
  return ctx!;
}

const PENDING_NEVER = Symbol('pending');
/** Settles `p` if it can settle from already-queued work; PENDING_NEVER if it is still waiting. */
async function peek<T>(p: Promise<T>): Promise<T | Error | typeof PENDING_NEVER> {
  const marker = new Promise<typeof PENDING_NEVER>((r) => setImmediate(() => r(PENDING_NEVER)));
  return Promise.race([p.catch((e: Error) => e), marker]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('dispatch', () => {
  it('routes by context key, masks the flag bits, and ignores unknown keys without throwing', async () => {
    const { binding } = fakeBinding();
    const registry = new NotificationRegistry(binding);
    const ctx = await systemContext(registry);
    const wait = ctx.wait(T.SystemStartCompleted, { timeoutMs: null });
    registry.dispatch(0xf0000000 | T.SystemStartCompleted, BigInt(ctx.key), 0, null);
    const n = await wait;
    expect(n).toEqual({
      type: T.SystemStartCompleted,
      typeName: 'SystemStartCompleted',
      status: 0,
      data: null,
    });
    expect(() => registry.dispatch(T.SystemExited, 999n, 0, null)).not.toThrow();
    expect(() => registry.dispatch(T.SystemExited, null, 0, null)).not.toThrow();
  });

  it('keeps a completion that arrives before anyone waits (never lost)', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    registry.dispatch(T.SystemCreateCompleted, ctx.key, 0, null);
    await expect(ctx.wait(T.SystemCreateCompleted, { timeoutMs: 1000 })).resolves.toMatchObject({
      type: T.SystemCreateCompleted,
    });
    // Consumed: the next wait for the same type waits again.
    expect(await peek(ctx.wait(T.SystemCreateCompleted, { timeoutMs: null }))).toBe(PENDING_NEVER);
  });

  it('discard drops a stale completion so it cannot answer the next call', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    registry.dispatch(T.SystemStartCompleted, ctx.key, 0, null);
    ctx.discard(T.SystemStartCompleted);
    expect(await peek(ctx.wait(T.SystemStartCompleted, { timeoutMs: null }))).toBe(PENDING_NEVER);
  });

  it('gives each completion to one waiter, in order', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    const a = ctx.wait(T.SystemPauseCompleted, { timeoutMs: null });
    const b = ctx.wait(T.SystemPauseCompleted, { timeoutMs: null });
    registry.dispatch(T.SystemPauseCompleted, ctx.key, 0, '1');
    expect(await a).toMatchObject({ data: '1' });
    expect(await peek(b)).toBe(PENDING_NEVER);
    registry.dispatch(T.SystemPauseCompleted, ctx.key, 0, '2');
    expect(await b).toMatchObject({ data: '2' });
  });

  it('calls listeners outside the native callback, with every notification, and survives a throwing one', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    const seen: string[] = [];
    ctx.onNotification(() => {
      throw new Error('listener bug');
    });
    const off = ctx.onNotification((n) => seen.push(n.typeName));
    registry.dispatch(T.SystemCrashReport, ctx.key, 0, '{}');
    expect(seen).toEqual([]); // not called synchronously inside dispatch
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['SystemCrashReport']);
    off();
    registry.dispatch(T.SystemCrashReport, ctx.key, 0, '{}');
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['SystemCrashReport']);
  });
});

describe("waitForNotification outcomes (hcsshim's table)", () => {
  it('the expected notification with a failure status gives its normalised error', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    const w = ctx.wait(T.SystemStartCompleted, { timeoutMs: null });
    registry.dispatch(T.SystemStartCompleted, ctx.key, 0x80070005 | 0, null);
    const e = await w.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Win32Error);
    expect((e as Win32Error).code).toBe(5);
  });

  it('SystemExited while waiting for something else → ErrUnexpectedContainerExit; later waits see it too', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    const start = ctx.wait(T.SystemStartCompleted, { timeoutMs: null });
    const exit = ctx.wait(T.SystemExited, { timeoutMs: null });
    registry.dispatch(T.SystemExited, ctx.key, 0, '{"ExitType":"ForcedExit"}');
    await expect(start).rejects.toBe(ErrUnexpectedContainerExit);
    await expect(exit).resolves.toMatchObject({ data: '{"ExitType":"ForcedExit"}' });
    await expect(ctx.wait(T.SystemPauseCompleted)).rejects.toBe(ErrUnexpectedContainerExit);
    await expect(ctx.wait(T.SystemExited)).resolves.toMatchObject({ type: T.SystemExited });
    expect(ctx.exited).toBe(true);
  });

  it('SystemExited with a crash status is that status when SystemExited is expected', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    registry.dispatch(T.SystemExited, ctx.key, 0xc0370106 | 0, '{"ExitType":"UnexpectedExit"}');
    const e = await ctx.wait(T.SystemExited).catch((x: unknown) => x);
    expect((e as Win32Error).is(ErrVmcomputeUnexpectedExit)).toBe(true);
  });

  it('ServiceDisconnect → ErrUnexpectedProcessAbort for every waiter, now and later', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    const a = ctx.wait(T.SystemExited, { timeoutMs: null });
    const b = ctx.wait(T.SystemResumeCompleted, { timeoutMs: 1000 });
    registry.dispatch(T.ServiceDisconnect, ctx.key, 0, null);
    await expect(a).rejects.toBe(ErrUnexpectedProcessAbort);
    await expect(b).rejects.toBe(ErrUnexpectedProcessAbort);
    await expect(ctx.wait(T.SystemExited)).rejects.toBe(ErrUnexpectedProcessAbort);
  });

  it('a process context has no SystemExited: it waits for ProcessExited', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const { ctx } = await registry.register('process', 5n);
    await expect(ctx!.wait(T.SystemStartCompleted)).rejects.toBe(ErrInvalidNotificationType);
    const w = ctx!.wait(T.ProcessExited, { timeoutMs: null });
    registry.dispatch(T.SystemExited, ctx!.key, 0, null); // not a process channel: ignored
    expect(await peek(w)).toBe(PENDING_NEVER);
    registry.dispatch(T.ProcessExited, ctx!.key, 0, '{"ExitCode":3}');
    await expect(w).resolves.toMatchObject({ data: '{"ExitCode":3}' });
  });

  it('types without a channel and ServiceDisconnect itself cannot be waited for', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    await expect(ctx.wait(T.SystemModifyCompleted)).rejects.toBe(ErrInvalidNotificationType);
    await expect(ctx.wait(T.ServiceDisconnect)).rejects.toBe(ErrInvalidNotificationType);
  });

  it('timeout → ErrTimeout', async () => {
    vi.useFakeTimers();
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    const w = ctx.wait(T.SystemSaveCompleted, { timeoutMs: 5000 }).catch((e: unknown) => e);
    vi.advanceTimersByTime(5000);
    expect(await w).toBe(ErrTimeout);
    expect(ctx.pendingWaits).toBe(0);
  });

  it('closed → ErrHandleClose by default, or the reason given; unknown key → ErrHandleClose', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    const w = ctx.wait(T.SystemExited, { timeoutMs: null });
    expect(await registry.unregister(ctx)).toBeNull();
    await expect(w).rejects.toBe(ErrHandleClose);
    await expect(registry.wait(ctx.key, T.SystemExited)).rejects.toBe(ErrHandleClose);

    const ctx2 = await systemContext(registry);
    const w2 = ctx2.wait(T.SystemStartCompleted, { timeoutMs: null });
    await registry.unregister(ctx2, ErrAlreadyClosed);
    await expect(w2).rejects.toBe(ErrAlreadyClosed);
    await expect(ctx2.wait(T.SystemExited)).rejects.toBe(ErrAlreadyClosed);
  });
});

describe('registration lifecycle', () => {
  it('the context is in the map before the native register returns (early notifications are kept)', async () => {
    const holder: { registry?: NotificationRegistry } = {};
    const binding: CallbackBinding = {
      ...fakeBinding().binding,
      registerComputeSystemCallback: async (_h, context) => {
        // HCS may deliver a held completion while registering.
        holder.registry!.dispatch(T.SystemCreateCompleted, context, 0, null);
        return { err: null, registration: 7n };
      },
    };
    const registry = new NotificationRegistry(binding);
    holder.registry = registry;
    const ctx = await systemContext(registry);
    await expect(ctx.wait(T.SystemCreateCompleted, { timeoutMs: 1000 })).resolves.toMatchObject({
      status: 0,
    });
  });

  it('a failed registration leaves nothing behind', async () => {
    const failure = new Win32Error(0x6);
    const registry = new NotificationRegistry(fakeBinding({ failRegister: failure }).binding);
    const { ctx, err } = await registry.register('system', 1n);
    expect(ctx).toBeNull();
    expect(err).toBe(failure);
    expect(registry.size).toBe(0);
  });

  it('unregisters natively before releasing waiters and dropping the entry', async () => {
    const { binding, live, calls } = fakeBinding();
    const registry = new NotificationRegistry(binding);
    const ctx = await systemContext(registry);
    let releasedBeforeNative = false;
    const w = ctx.wait(T.SystemExited, { timeoutMs: null }).catch(() => {
      releasedBeforeNative = live.size > 0;
    });
    await registry.unregister(ctx);
    await w;
    expect(releasedBeforeNative).toBe(false);
    expect(calls).toEqual([`register:${ctx.key}`, `unregister:${ctx.key}`]);
    expect(registry.size).toBe(0);
    // A notification racing the unregister finds no entry and is dropped.
    expect(() => registry.dispatch(T.SystemExited, ctx.key, 0, null)).not.toThrow();
    // Unregistering again is a no-op.
    expect(await registry.unregister(ctx)).toBeNull();
  });

  it('keeps the entry when the native unregister fails, unless told the registration is gone', async () => {
    const failure = new Win32Error(0x6);
    const registry = new NotificationRegistry(fakeBinding({ failUnregister: failure }).binding);
    const ctx = await systemContext(registry);
    expect(await registry.unregister(ctx)).toBe(failure);
    expect(registry.size).toBe(1);
    expect(await registry.unregister(ctx, ErrHandleClose, (e) => e === failure)).toBeNull();
    expect(registry.size).toBe(0);
  });
});

describe('event loop', () => {
  it('operation waits hold the event loop, background waits do not, and both let go when settled', async () => {
    const registry = new NotificationRegistry(fakeBinding().binding);
    const ctx = await systemContext(registry);
    const before = eventLoopHolders();
    const background = ctx.wait(T.SystemExited, { timeoutMs: null, keepAlive: false });
    expect(eventLoopHolders()).toBe(before);
    const op = ctx.wait(T.SystemStartCompleted, { timeoutMs: 10_000, keepAlive: true });
    expect(eventLoopHolders()).toBe(before + 1);
    registry.dispatch(T.SystemStartCompleted, ctx.key, 0, null);
    await op;
    expect(eventLoopHolders()).toBe(before);
    registry.dispatch(T.SystemExited, ctx.key, 0, null);
    await background;
  });
});
