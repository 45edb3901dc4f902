// Fault injection (sim/PROTOCOL.md "Control API"): latency, hangs, access denied and malformed JSON, for the whole
// service or one system. A hung call waits until the faults are cleared and is then answered with WAIT_TIMEOUT.
import type { FaultSet, FaultSpec, FaultsSnapshot, OpName } from '../control/types.ts';

export interface EffectiveFaults {
  latencyMs: number;
  hang: boolean;
  accessDenied: boolean;
  malformedJson: boolean;
}

interface MutableFaultSet {
  latencyMs: number;
  holdNotifications: boolean;
  hang: Set<OpName>;
  accessDenied: Set<OpName>;
  malformedJson: Set<OpName>;
}

function emptySet(): MutableFaultSet {
  return {
    latencyMs: 0,
    holdNotifications: false,
    hang: new Set(),
    accessDenied: new Set(),
    malformedJson: new Set(),
  };
}

function snapshotOf(f: MutableFaultSet): FaultSet {
  return {
    latencyMs: f.latencyMs,
    ...(f.holdNotifications ? { holdNotifications: true as const } : {}),
    hang: [...f.hang],
    accessDenied: [...f.accessDenied],
    malformedJson: [...f.malformedJson],
  };
}

/** A hung call: resolve() answers it, cancel() forgets it (its client went away). */
export interface HeldCall {
  released: Promise<void>;
  cancel(): void;
}

export class Faults {
  private service = emptySet();
  private readonly systems = new Map<string, MutableFaultSet>();
  private readonly hung = new Set<() => void>();

  /** Sets the fields given for the scope (a system id, or the service), leaving the others as they were. */
  apply(spec: FaultSpec): void {
    let target = this.service;
    if (spec.system !== undefined) {
      const k = spec.system.toLowerCase();
      target = this.systems.get(k) ?? emptySet();
      this.systems.set(k, target);
    }
    if (spec.latencyMs !== undefined) target.latencyMs = spec.latencyMs;
    if (spec.holdNotifications !== undefined) target.holdNotifications = spec.holdNotifications;
    if (spec.hang !== undefined) target.hang = new Set(spec.hang);
    if (spec.accessDenied !== undefined) target.accessDenied = new Set(spec.accessDenied);
    if (spec.malformedJson !== undefined) target.malformedJson = new Set(spec.malformedJson);
  }

  /** Clears every fault and releases every hung call. */
  clear(): void {
    this.service = emptySet();
    this.systems.clear();
    const release = [...this.hung];
    this.hung.clear();
    for (const r of release) r();
  }

  /** The faults that apply to `op` on `systemId` (null: a call that targets no system). */
  effective(op: OpName, systemId: string | null): EffectiveFaults {
    const sys = systemId === null ? undefined : this.systems.get(systemId.toLowerCase());
    const any = (pick: (f: MutableFaultSet) => Set<OpName>) =>
      pick(this.service).has(op) || (sys ? pick(sys).has(op) : false);
    return {
      latencyMs: sys && sys.latencyMs > 0 ? sys.latencyMs : this.service.latencyMs,
      hang: any((f) => f.hang),
      accessDenied: any((f) => f.accessDenied),
      malformedJson: any((f) => f.malformedJson),
    };
  }

  /** Whether notifications to registrations of `systemId` are held back. */
  holdsNotifications(systemId: string): boolean {
    return (
      this.service.holdNotifications || this.systems.get(systemId.toLowerCase())?.holdNotifications === true
    );
  }

  hold(): HeldCall {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.hung.add(release);
    return { released, cancel: () => this.hung.delete(release) };
  }

  snapshot(): FaultsSnapshot {
    const systems: Record<string, FaultSet> = {};
    for (const [id, f] of this.systems) systems[id] = snapshotOf(f);
    return { service: snapshotOf(this.service), systems, hungCalls: this.hung.size };
  }
}

/** Cuts a JSON text in half (at least one character short), so that it no longer parses. */
export function malform(json: string): string {
  return json.slice(0, Math.max(1, Math.min(json.length - 1, Math.floor(json.length / 2))));
}
