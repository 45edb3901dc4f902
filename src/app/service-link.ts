import type { ServiceStatus } from '../contract/index.ts';
import type { HcsPort, HcsFailure } from './hcs-port.ts';
import { Backoff } from '../base/index.ts';
import type { EventHub } from './events.ts';
import { SERVICE_GONE, hresultExplanation } from './hresult-explanations.ts';
import type { SystemRegistry } from './registry.ts';

export const DEFAULT_POLL_INTERVAL_MS = 2000;

export interface ServiceLinkOptions {
  pollIntervalMs?: number;
  /** First retry delay after the service went away, doubled up to `retryMaxMs`. */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Whether the app runs elevated and can relaunch elevated (elevation.ts); part of every status. */
  privilege?: Pick<ServiceStatus, 'elevated' | 'canRelaunchElevated'>;
}

/**
 * What the status bar says about a failure: one sentence per outage however it was noticed (a notification,
 * a failed wait, a failed enumeration), else the plain-language explanation if there is one.
 */
function statusMessage(failure: HcsFailure): string {
  if (failure.serviceGone) return SERVICE_GONE;
  const explanation = failure.hresult === undefined ? undefined : hresultExplanation(failure.hresult);
  return explanation ?? failure.message;
}

/**
 * The core's connection to HCS: enumerates on the user's interval (HCS has no "system created" notification)
 * and feeds the registry. When HCS goes away (a ServiceDisconnect notification, or a call failing with the
 * RPC-unavailable / service-disconnect HRESULTs) it says so, keeps the last known list and retries with
 * backoff; when HCS answers again every system is re-opened and a fresh snapshot goes out.
 */
export class ServiceLink {
  private connected = false;
  private message: string | null = 'Connecting to the Host Compute Service…';
  private pollIntervalMs: number;
  private readonly backoff: Backoff;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private polling: Promise<void> | null = null;
  private stopped = false;
  private readonly privilege: Pick<ServiceStatus, 'elevated' | 'canRelaunchElevated'>;

  constructor(
    private readonly hcs: HcsPort,
    private readonly registry: SystemRegistry,
    private readonly events: EventHub,
    options: ServiceLinkOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.backoff = new Backoff({
      initialMs: options.retryInitialMs ?? 250,
      maxMs: options.retryMaxMs ?? 5000,
      factor: 2,
      jitter: 0,
    });
    this.privilege = options.privilege ?? {};
  }

  status(): ServiceStatus {
    return {
      connected: this.connected,
      backend: this.hcs.kind,
      hcsApi: this.hcs.hcsApi,
      ...(this.hcs.hcsApiReason ? { hcsApiReason: this.hcs.hcsApiReason } : {}),
      message: this.message,
      pollIntervalMs: this.pollIntervalMs,
      ...this.privilege,
    };
  }

  /** The first enumeration (awaited, so the first snapshot is complete), then the polling loop. */
  start(): Promise<void> {
    return this.poll();
  }

  /** Enumerate now (coalesced with a poll already running). */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.polling) return this.polling;
    this.clearTimer();
    const polling = this.enumerateOnce().finally(() => {
      this.polling = null;
      this.schedule(this.connected ? this.pollIntervalMs : this.backoff.next());
    });
    this.polling = polling;
    return polling;
  }

  setPollInterval(ms: number): ServiceStatus {
    this.pollIntervalMs = ms;
    if (this.connected && !this.polling) this.schedule(ms);
    this.events.emit('service.changed', { status: this.status() });
    return this.status();
  }

  /** HCS is gone: every handle is dead; say so once and retry soon. */
  serviceGone(failure: HcsFailure): void {
    if (this.stopped) return;
    const wasUp = this.connected;
    this.registry.invalidate();
    this.markDown(statusMessage(failure));
    if (wasUp && !this.polling) {
      this.backoff.reset();
      this.schedule(this.backoff.next());
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.polling?.catch(() => undefined);
  }

  private async enumerateOnce(): Promise<void> {
    const generation = this.registry.generation;
    const since = this.registry.clock;
    let listings;
    try {
      listings = await this.hcs.enumerate();
    } catch (e) {
      const failure = this.hcs.describeError(e);
      if (failure.serviceGone) {
        if (generation === this.registry.generation) this.registry.invalidate();
        this.markDown(statusMessage(failure));
      } else {
        // Reachable but refusing (e.g. access denied): the handles we hold are still good.
        this.markDown(statusMessage(failure));
      }
      return;
    }
    if (this.stopped) return;
    if (this.connected) {
      await this.registry.sync(listings, { since });
      return;
    }
    await this.registry.recover(listings, since);
    // The service dropped again while we were re-opening: the next attempt starts over.
    if (this.stopped || generation !== this.registry.generation) return;
    this.connected = true;
    this.message = null;
    this.backoff.reset();
    this.events.emit('systems.snapshot', { systems: this.registry.list() });
    this.events.emit('service.changed', { status: this.status() });
  }

  private markDown(message: string): void {
    if (!this.connected && this.message === message) return;
    this.connected = false;
    this.message = message;
    this.events.emit('service.changed', { status: this.status() });
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll();
    }, delayMs);
    // The app (window, server) keeps the process alive; the poll timer alone must not.
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
