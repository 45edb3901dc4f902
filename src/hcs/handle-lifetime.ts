/**
 * The life of one HCS handle (a compute system's or a process's), shared by System and Process: the handle,
 * its lock, its notification registration, and the close that ends them. hcsshim keeps these fields and
 * this close sequence twice, in system.go and process.go; here they live once.
 *
 * Lock rules (hcsshim's handleLock, an RWMutex: operations take the read side, Close the write side):
 * - Every native call on the handle runs inside `call()`. close() waits until every such call has returned,
 *   including a call the watchdog abandoned, which keeps its place until it returns natively: freeing a
 *   handle under a running call crashed hcsshim inside computecore.dll (docs/hcs/computecore.md#never-abandon-a-call).
 * - Once close() has begun, `call()` refuses new calls (resolves null; the owner reports ErrAlreadyClosed).
 * - Notification waits never hold the lock: close() releases every waiter with ErrAlreadyClosed when it
 *   unregisters, instead of waiting for a completion that may never come. The same holds for the completion of
 *   a computecore operation (awaitOperation): the call that issued it ran under the lock; its wait does not.
 * - close() is idempotent: concurrent closes share one attempt, and once closed it resolves at once. A close
 *   whose unregister or close failed (other than with the handle already gone) reopens the lock and leaves
 *   the handle usable, as in hcsshim.
 * - Nothing here runs inside a native callback: unregister and close are async calls, so they never wait on
 *   a callback koffi is relaying.
 */
import type { Backend } from './backend.ts';
import { ErrAlreadyClosed, isErrorInvalidHandle, isServiceDisconnect, toError } from './errors.ts';
import { HandleLock } from './handle-lock.ts';
import type { HcsNotification } from './notification-types.ts';
import type { NotificationContext } from './notifications.ts';
import type { HandleKind, HcsHandle, ResultOutcome, Vmcompute } from './vmcompute/types.ts';

/** What the owner (System or Process) supplies: its error wrapping and what it does around a close. */
export interface HandleOwner {
  /** Wraps a failure of the close in the owner's error (a SystemError or ProcessError for `…::Close`). */
  closeError(err: Error): Error;
  /** After calls in flight have returned, before unregistering: release what the owner holds locally. */
  releaseLocal?(): void;
  /** Once the handle is released: settle the owner's exit wait with ErrAlreadyClosed. */
  closed(): void;
}

export class HandleLifetime {
  readonly #kind: HandleKind;
  readonly #backend: Backend;
  readonly #owner: HandleOwner;
  readonly #lock = new HandleLock();
  #handle: HcsHandle | null;
  #registration: NotificationContext | null = null;
  #closing: Promise<void> | null = null;
  #closed = false;
  #exitWatched = false;
  /** Waits for operation completions, released when the handle is. */
  readonly #operationWaiters = new Set<() => void>();

  constructor(kind: HandleKind, backend: Backend, owner: HandleOwner, handle: HcsHandle | null = null) {
    this.#kind = kind;
    this.#backend = backend;
    this.#owner = owner;
    this.#handle = handle;
  }

  /** Takes over a handle an open or create returned (a create may return one with a failure). */
  adopt(handle: HcsHandle | null): void {
    this.#handle = handle;
  }

  get hasHandle(): boolean {
    return this.#handle !== null;
  }

  /** True from the moment close() begins (until a failed close reopens the handle). */
  get isClosing(): boolean {
    return this.#lock.isClosing;
  }

  /** The notification registration of the handle, once registered and until closed. */
  get notifications(): NotificationContext | null {
    return this.#registration;
  }

  /** Runs one native call on the handle under the lock; null when the handle is closed or closing. */
  call<T>(fn: (vm: Vmcompute, handle: HcsHandle) => Promise<T>): Promise<T | null> {
    return this.#lock.use(
      () => (this.#handle === null ? Promise.resolve(null) : fn(this.#backend.vm, this.#handle)),
      () => null,
    );
  }

  /** hcsshim's registerCallback for this handle, under the lock; null on success. */
  async register(): Promise<Error | null> {
    const handle = this.#handle;
    if (handle === null) return ErrAlreadyClosed;
    const reg = await this.#lock.use(
      () => this.#backend.notifications.register(this.#kind, handle),
      () => ({ ctx: null, err: ErrAlreadyClosed }),
    );
    if (reg.err) return reg.err;
    if (!reg.ctx) return ErrAlreadyClosed;
    this.#registration = reg.ctx;
    return null;
  }

  /** hcsshim's waitForNotification for an operation's completion; null on success. Holds the event loop. */
  async waitFor(type: number, timeoutMs: number): Promise<Error | null> {
    const ctx = this.#registration;
    if (!ctx) return ErrAlreadyClosed;
    try {
      await ctx.wait(type, { timeoutMs, keepAlive: true });
      return null;
    } catch (e) {
      return toError(e);
    }
  }

  /**
   * Waits for a computecore operation's completion (ResultOutcome.completion) without holding the lock. Resolves
   * with ErrAlreadyClosed instead if the handle is released first, as a notification wait is. The operation
   * itself goes on (its binding closes it when it completes or times out).
   */
  awaitOperation(completion: Promise<ResultOutcome>): Promise<ResultOutcome> {
    if (this.#closed) return Promise.resolve({ err: ErrAlreadyClosed, result: null });
    return new Promise<ResultOutcome>((resolve) => {
      const released = () => resolve({ err: ErrAlreadyClosed, result: null });
      this.#operationWaiters.add(released);
      void completion.then((done) => {
        this.#operationWaiters.delete(released);
        resolve(done);
      });
    });
  }

  /** Drops a completion of `type` nobody took, so it cannot answer the next call of that kind. */
  discard(type: number): void {
    this.#registration?.discard(type);
  }

  /**
   * hcsshim's waitBackground: exactly once per handle, waits (no timeout, without holding the event loop)
   * for the exit notification `type`. A close releases it with ErrAlreadyClosed.
   */
  watchExit(type: number, exited: (n: HcsNotification) => void, failed: (err: unknown) => void): void {
    const ctx = this.#registration;
    if (this.#exitWatched || !ctx) return;
    this.#exitWatched = true;
    ctx.wait(type, { timeoutMs: null, keepAlive: false }).then(exited, failed);
  }

  /** Every notification the handle receives. Returns the unsubscribe function. */
  onNotification(listener: (n: HcsNotification) => void): () => void {
    return this.#registration?.onNotification(listener) ?? (() => {});
  }

  /**
   * Releases the handle: waits for calls in flight, unregisters the callback (releasing its waiters with
   * ErrAlreadyClosed), closes the handle. Idempotent; see the lock rules above.
   */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closing ??= this.#close().finally(() => {
      this.#closing = null;
    });
    return this.#closing;
  }

  async #close(): Promise<void> {
    await this.#lock.drain();
    this.#owner.releaseLocal?.();
    if (this.#registration) {
      const err = await this.#backend.notifications.unregister(
        this.#registration,
        ErrAlreadyClosed,
        isGoneWithConnection,
      );
      if (err) {
        this.#lock.reopen();
        throw this.#owner.closeError(err);
      }
      this.#registration = null;
    }
    // Waiters for operation completions go with the registration's waiters.
    for (const release of [...this.#operationWaiters]) release();
    this.#operationWaiters.clear();
    if (this.#handle !== null) {
      const vm = this.#backend.vm;
      const res =
        this.#kind === 'system'
          ? await vm.closeComputeSystem(this.#handle)
          : await vm.closeProcess(this.#handle);
      if (res.err && !isGoneWithConnection(res.err)) {
        this.#lock.reopen();
        throw this.#owner.closeError(res.err);
      }
      this.#handle = null;
    }
    this.#closed = true;
    this.#owner.closed();
  }
}

/**
 * True when a close or unregister failed because the handle or registration died with the service
 * connection (ERROR_INVALID_HANDLE, or the service is unreachable): there is nothing left to release, so
 * the close counts as done rather than leaving a handle that can never be closed.
 */
function isGoneWithConnection(err: Error): boolean {
  return isErrorInvalidHandle(err) || isServiceDisconnect(err);
}
