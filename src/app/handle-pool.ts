import type { HcsNotification } from '../hcs/index.ts';
import type { HcsPort, HcsPortSystem, HcsFailure } from './hcs-port.ts';
import { AppError, appErrorInfo, toErrorInfo } from './error-info.ts';
import { closeQuietly } from '../base/index.ts';
import { settleWithin } from './settle-within.ts';

/** What the pool tells its owner (the registry) about the handles it holds. */
export interface HandlePoolHooks {
  /** Whether a handle for `id` is still wanted when its open completes (else it is closed at once). */
  wanted(id: string): boolean;
  /** A notification HCS delivered on the current handle of `id`. */
  notification(id: string, notification: HcsNotification): void;
  /**
   * wait() resolved on `handle`, a handle this pool attached for `id`: the system exited. Called even if the
   * handle is no longer current (the owner checks `isCurrent` when it matters).
   */
  exited(id: string, handle: HcsPortSystem): void;
  /** A call or a wait says the service is gone: the link marks it down and reconnects. */
  serviceGone(failure: HcsFailure): void;
}

interface Held {
  handle: HcsPortSystem;
  /** Unsubscribes the notification listener. */
  detach: () => void;
}

const SHUTDOWN_CLOSE_MS = 3000;

/**
 * The open HCS handles of the compute systems the app shows: at most one per id, opened once (concurrent
 * opens coalesce), registered for notifications and waited on. Handles belong to one connection to the
 * service (a generation): a disconnect makes them all dead, and they are closed quietly once the service
 * answers again. Knows nothing of the list or of summaries; `SystemRegistry` does.
 *
 * Notifications and wait failures are passed on only for the current handle of an id: a late one from a
 * handle that was replaced, released or invalidated is dropped.
 */
export class HandlePool {
  private readonly held = new Map<string, Held>();
  private readonly opening = new Map<string, Promise<HcsPortSystem>>();
  /** Handles of a lost connection, closed quietly once the service answers again. */
  private readonly dead: HcsPortSystem[] = [];
  /** Bumped at each disconnect: a handle opened under an older generation belongs to a dead connection. */
  private generationCounter = 0;
  private stopped = false;

  constructor(
    private readonly hcs: HcsPort,
    private readonly hooks: HandlePoolHooks,
  ) {}

  get generation(): number {
    return this.generationCounter;
  }

  /** Whether a handle obtained under `generation` (e.g. by our own create) may still be attached. */
  accepts(generation: number): boolean {
    return !this.stopped && generation === this.generationCounter;
  }

  /** The current handle of `id`, or null (not opened yet, released, or its connection was lost). */
  handle(id: string): HcsPortSystem | null {
    return this.held.get(id)?.handle ?? null;
  }

  isCurrent(id: string, handle: HcsPortSystem): boolean {
    return this.held.get(id)?.handle === handle;
  }

  /** One open per id at a time; the handle is attached (or closed if nobody wants it now). */
  open(id: string): Promise<HcsPortSystem> {
    const inflight = this.opening.get(id);
    if (inflight) return inflight;
    const generation = this.generationCounter;
    const opening: Promise<HcsPortSystem> = this.hcs
      .open(id)
      .then(
        (handle) => {
          if (!this.accepts(generation) || !this.hooks.wanted(id)) {
            void closeQuietly(handle);
            throw new AppError(
              appErrorInfo(`The connection to HCS changed while ${id} was being opened; try again.`),
            );
          }
          const current = this.handle(id);
          if (current) {
            void closeQuietly(handle);
            return current;
          }
          this.attach(id, handle);
          return handle;
        },
        (error: unknown) => {
          const failure = this.hcs.describeError(error);
          if (failure.serviceGone && generation === this.generationCounter) this.hooks.serviceGone(failure);
          throw new AppError(toErrorInfo(failure));
        },
      )
      .finally(() => {
        if (this.opening.get(id) === opening) this.opening.delete(id);
      });
    this.opening.set(id, opening);
    return opening;
  }

  /** Hold `handle` as the handle of `id` (our own create's), closing the one it replaces. */
  attach(id: string, handle: HcsPortSystem): void {
    const previous = this.held.get(id);
    if (previous) {
      previous.detach();
      if (previous.handle !== handle) void closeQuietly(previous.handle);
    }
    const detach = handle.onNotification((n) => {
      if (this.isCurrent(id, handle)) this.hooks.notification(id, n);
    });
    this.held.set(id, { handle, detach });
    handle.wait().then(
      () => this.hooks.exited(id, handle),
      (error: unknown) => {
        if (!this.isCurrent(id, handle)) return;
        const failure = this.hcs.describeError(error);
        if (failure.serviceGone) this.hooks.serviceGone(failure);
      },
    );
  }

  /** Stop holding the handle of `id` and close it quietly (the system left the list, or the user closed it). */
  release(id: string): void {
    const held = this.held.get(id);
    if (!held) return;
    this.held.delete(id);
    held.detach();
    void closeQuietly(held.handle);
  }

  /** The connection is gone: every handle is dead (closed once the service answers again: `closeDead`). */
  invalidate(): void {
    this.generationCounter++;
    for (const held of this.held.values()) {
      held.detach();
      this.dead.push(held.handle);
    }
    this.held.clear();
  }

  /** The service answers again: close the handles of the lost connection. */
  closeDead(): void {
    for (const handle of this.dead.splice(0)) void closeQuietly(handle);
  }

  /** Close every handle (bounded: a hung HCS must not hang the app's exit). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.generationCounter++;
    const handles = this.dead.splice(0);
    for (const held of this.held.values()) {
      held.detach();
      handles.push(held.handle);
    }
    this.held.clear();
    await settleWithin(handles.map(closeQuietly), SHUTDOWN_CLOSE_MS);
  }
}
