/**
 * Notification dispatch, hcsshim's callback.go + waithelper.go in TypeScript (docs/hcs/vmcompute.md#callback-design,
 * docs/hcs/vmcompute.md#waiting-for-a-notification).
 *
 * One native callback serves the whole process; the `context` it is registered with is an integer key into
 * a Map of per-handle contexts (hcsshim's callbackMap). A context records what arrives and wakes waiters; it
 * never awaits or calls HCS inside the callback. Differences from hcsshim, each to avoid a lost or stuck
 * wait: completions that arrive before anyone waits are queued (hcsshim: 1-buffered channels whose blocking
 * send would stall HCS's thread on a second one); SystemExited/ProcessExited and ServiceDisconnect are
 * remembered and seen by every waiter (hcsshim: one receiver takes the value and the others block).
 */
import {
  ErrHandleClose,
  ErrInvalidNotificationType,
  ErrTimeout,
  ErrUnexpectedContainerExit,
  ErrUnexpectedProcessAbort,
  win32FromHresult,
} from './errors.ts';
import { holdEventLoop } from './event-loop-hold.ts';
import {
  NOTIFICATION_FLAGS_MASK,
  NotificationType,
  PROCESS_CHANNELS,
  SYSTEM_CHANNELS,
  notificationTypeName,
  type HcsNotification,
} from './notification-types.ts';
import type { CallOutcome, HandleKind, HcsHandle, Vmcompute } from './vmcompute/types.ts';

export type CallbackBinding = Pick<
  Vmcompute,
  | 'registerComputeSystemCallback'
  | 'unregisterComputeSystemCallback'
  | 'registerProcessCallback'
  | 'unregisterProcessCallback'
>;

export interface WaitOptions {
  /** Give up with ErrTimeout after this many milliseconds (null: wait forever, as hcsshim's exit waits). */
  timeoutMs?: number | null;
  /** Keep the event loop alive while waiting (true for operations; false for background exit watchers). */
  keepAlive?: boolean;
}

interface Waiter {
  type: number;
  resolve(n: HcsNotification): void;
  reject(e: Error): void;
}

/** Completions kept per type when nobody waits yet; more of one type than this means nobody will. */
const MAX_QUEUED_PER_TYPE = 16;

/** The per-handle state: hcsshim's notificationWatcherContext. */
export class NotificationContext {
  /** The native registration (HCS_CALLBACK), once registered. */
  registration: HcsHandle | null = null;
  private readonly channels: ReadonlySet<number>;
  private readonly exitType: number;
  private readonly queued = new Map<number, HcsNotification[]>();
  private readonly waiters = new Set<Waiter>();
  private readonly listeners = new Set<(n: HcsNotification) => void>();
  private exit: HcsNotification | null = null;
  private disconnected = false;
  private closedWith: Error | null = null;

  constructor(
    readonly key: number,
    readonly kind: HandleKind,
  ) {
    this.channels = kind === 'system' ? SYSTEM_CHANNELS : PROCESS_CHANNELS;
    this.exitType = kind === 'system' ? NotificationType.SystemExited : NotificationType.ProcessExited;
  }

  get closed(): boolean {
    return this.closedWith !== null;
  }

  /** Records one notification and wakes whoever waits for it. Runs inside the native callback: no awaits. */
  deliver(n: HcsNotification): void {
    if (this.closedWith) return;
    if (this.listeners.size > 0) {
      // Listeners are user code: run them outside the native callback.
      const listeners = [...this.listeners];
      setImmediate(() => {
        for (const listener of listeners) {
          try {
            listener(n);
          } catch {
            // A listener's failure is its own; it must not disturb dispatch.
          }
        }
      });
    }
    if (n.type === NotificationType.ServiceDisconnect) {
      this.disconnected = true;
      this.rejectAll(() => ErrUnexpectedProcessAbort);
      return;
    }
    if (n.type === this.exitType) {
      this.exit = n;
      for (const w of [...this.waiters]) {
        this.waiters.delete(w);
        if (w.type === this.exitType) settle(w, n);
        else w.reject(ErrUnexpectedContainerExit);
      }
      return;
    }
    if (!this.channels.has(n.type)) return; // hcsshim only logs notifications it has no channel for
    for (const w of this.waiters) {
      if (w.type === n.type) {
        this.waiters.delete(w);
        settle(w, n);
        return;
      }
    }
    const queue = this.queued.get(n.type) ?? [];
    queue.push(n);
    if (queue.length > MAX_QUEUED_PER_TYPE) queue.shift();
    this.queued.set(n.type, queue);
  }

  /** Drops completions of `type` nobody took, so a stale one cannot answer the next call of that kind. */
  discard(type: number): void {
    this.queued.delete(type);
  }

  /** True once the exit notification of this handle has arrived. */
  get exited(): boolean {
    return this.exit !== null;
  }

  /**
   * hcsshim's waitForNotification: resolves with the expected notification, or rejects with its status as a
   * Win32Error, ErrUnexpectedContainerExit (the system exited while waiting for something else),
   * ErrUnexpectedProcessAbort (service disconnect), the close reason (ErrHandleClose by default) or ErrTimeout.
   */
  wait(type: number, options: WaitOptions = {}): Promise<HcsNotification> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    if (!this.channels.has(type) || type === NotificationType.ServiceDisconnect) {
      return Promise.reject(ErrInvalidNotificationType);
    }
    const queue = this.queued.get(type);
    const early = queue?.shift();
    if (queue && queue.length === 0) this.queued.delete(type);
    if (early) return outcome(early);
    if (this.exit)
      return type === this.exitType ? outcome(this.exit) : Promise.reject(ErrUnexpectedContainerExit);
    if (this.disconnected) return Promise.reject(ErrUnexpectedProcessAbort);

    return new Promise<HcsNotification>((resolve, reject) => {
      const release = options.keepAlive ? holdEventLoop() : () => {};
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        release();
        if (timer) clearTimeout(timer);
      };
      const waiter: Waiter = {
        type,
        resolve: (n) => {
          done();
          resolve(n);
        },
        reject: (e) => {
          done();
          reject(e);
        },
      };
      if (options.timeoutMs != null) {
        timer = setTimeout(() => {
          this.waiters.delete(waiter);
          waiter.reject(ErrTimeout);
        }, options.timeoutMs);
        timer.unref(); // the keep-alive hold (if any) decides whether the loop stays up
      }
      this.waiters.add(waiter);
    });
  }

  /** Every notification this handle receives, including those no one waits for. Returns the unsubscribe. */
  onNotification(listener: (n: HcsNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** hcsshim's closeChannels: every waiter, now and later, gets `reason`. */
  close(reason: Error = ErrHandleClose): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    this.queued.clear();
    this.listeners.clear();
    this.rejectAll(() => reason);
  }

  /** How many waits are pending (for tests and diagnostics). */
  get pendingWaits(): number {
    return this.waiters.size;
  }

  private rejectAll(reason: () => Error): void {
    const all = [...this.waiters];
    this.waiters.clear();
    for (const w of all) w.reject(reason());
  }
}

function settle(w: Waiter, n: HcsNotification): void {
  const err = win32FromHresult(n.status);
  if (err) w.reject(err);
  else w.resolve(n);
}

function outcome(n: HcsNotification): Promise<HcsNotification> {
  const err = win32FromHresult(n.status);
  return err ? Promise.reject(err) : Promise.resolve(n);
}

/** The process-wide callback map and the single entry point the native callback calls. */
export class NotificationRegistry {
  private readonly contexts = new Map<number, NotificationContext>();
  private nextKey = 1;

  constructor(private readonly binding: CallbackBinding) {}

  /**
   * The target of the one native callback. Masks the flag bits off the type, looks the context key up and
   * records; an unknown key (a handle already unregistered) is ignored, as hcsshim does. Never throws: an
   * exception here would surface as an uncaught exception in the process.
   */
  dispatch(type: number, context: number | bigint | null, status: number, data: string | null): void {
    try {
      const key = context === null ? 0 : Number(context);
      const ctx = this.contexts.get(key);
      if (!ctx) return;
      const code = (type & ~NOTIFICATION_FLAGS_MASK) >>> 0;
      ctx.deliver({
        type: code,
        typeName: notificationTypeName(code),
        status: status | 0,
        data: data ?? null,
      });
    } catch {
      // Nothing useful can be done inside the native callback; dropping is the only safe choice.
    }
  }

  /**
   * hcsshim's registerCallback: the context enters the map first (a notification may arrive while the
   * native registration is under way), then the callback is registered natively. On failure the entry is
   * removed and the error returned.
   */
  async register(
    kind: HandleKind,
    handle: HcsHandle,
  ): Promise<{ ctx: NotificationContext | null; err: Error | null }> {
    const key = this.nextKey++;
    const ctx = new NotificationContext(key, kind);
    this.contexts.set(key, ctx);
    const res =
      kind === 'system'
        ? await this.binding.registerComputeSystemCallback(handle, key)
        : await this.binding.registerProcessCallback(handle, key);
    if (res.err || res.registration === null) {
      this.contexts.delete(key);
      ctx.close();
      return { ctx: null, err: res.err ?? new Error('HCS returned no callback registration') };
    }
    ctx.registration = res.registration;
    return { ctx, err: null };
  }

  /**
   * hcsshim's unregisterCallback: the native unregister completes first (it waits for callbacks in flight,
   * so it runs as an async call), then the context's waiters are released with `reason` and the entry is
   * dropped. If the native unregister fails the entry stays and the error is returned, unless
   * `dropOnFailure` says the registration is gone anyway (e.g. the service connection was lost).
   */
  async unregister(
    ctx: NotificationContext,
    reason: Error = ErrHandleClose,
    dropOnFailure: (err: Error) => boolean = () => false,
  ): Promise<Error | null> {
    if (!this.contexts.has(ctx.key)) return null;
    const registration = ctx.registration;
    if (registration !== null) {
      const res: CallOutcome =
        ctx.kind === 'system'
          ? await this.binding.unregisterComputeSystemCallback(registration)
          : await this.binding.unregisterProcessCallback(registration);
      if (res.err && !dropOnFailure(res.err)) return res.err;
      ctx.registration = null;
    }
    ctx.close(reason);
    this.contexts.delete(ctx.key);
    return null;
  }

  /** The context for a key, if it is still registered. */
  get(key: number): NotificationContext | undefined {
    return this.contexts.get(key);
  }

  /** waitForNotification by key, as hcsshim's: an unknown key means the handle was closed. */
  wait(key: number, type: number, options?: WaitOptions): Promise<HcsNotification> {
    const ctx = this.contexts.get(key);
    if (!ctx) return Promise.reject(ErrHandleClose);
    return ctx.wait(type, options);
  }

  /** How many handles are registered (for leak checks). */
  get size(): number {
    return this.contexts.size;
  }
}
