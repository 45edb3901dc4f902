import type {
  Operation,
  OperationAction,
  SystemState,
  SystemSummary,
  TimelineEntry,
} from '../contract/index.ts';
import { OPERATION_ACTION_LABEL, TIMELINE_CAPACITY } from '../contract/index.ts';
import type { AppEvent, EventHub } from './events.ts';
import { formatHresult } from '../base/index.ts';
import { hresultInfo } from '../hcs/index.ts';
import { COMPLETION_NOTIFICATIONS, CRASH_NOTIFICATIONS } from './notification-kinds.ts';
import { Ring } from './statistics/ring.ts';

/** The state an operation of ours leaves a system in: a change to it is ours, not another client's. */
const STATE_AFTER: Partial<Record<OperationAction, SystemState>> = {
  create: 'Created',
  start: 'Running',
  pause: 'Paused',
  resume: 'Running',
  shutdown: 'Stopped',
  terminate: 'Stopped',
  crash: 'Stopped',
};

type NewEntry = Omit<TimelineEntry, 'seq' | 'at'>;

/** The timeline's numbering, shared with the remote hosts' entries (src/app/hosts) so that one `seq` orders all. */
export class SeqCounter {
  private value = 0;

  next(): number {
    return this.value++;
  }
}

/**
 * The events timeline (src/contract/timeline.ts): follows the core's event stream and keeps, in a bounded
 * ring, every operation, every HCS notification and every change of a system's state, with who did it.
 * Attribution: a change is this app's while an operation of ours on that system is in flight, or when it is
 * the state our last operation on it leads to (seen once); any other change is another client's (or, for an
 * unexpected exit, HCS's). New entries of one turn go out together as one `timeline.appended`.
 * Single-threaded like the rest of the core.
 */
export class Timeline {
  private readonly ring: Ring<TimelineEntry>;
  private readonly unsubscribe: () => void;
  /** What each system looked like when last seen; empty until the first snapshot (the baseline). */
  private readonly known = new Map<string, SystemSummary>();
  private baselined = false;
  /** Our operations in flight, by system. */
  private readonly inFlight = new Map<string, Map<string, OperationAction>>();
  /** The state our last operation on a system leads to, until a change to it is seen. */
  private readonly expected = new Map<string, SystemState>();
  private batch: TimelineEntry[] | null = null;

  constructor(
    private readonly events: EventHub,
    private readonly now: () => number = Date.now,
    capacity = TIMELINE_CAPACITY,
    private readonly seq = new SeqCounter(),
  ) {
    this.ring = new Ring(capacity);
    this.unsubscribe = events.subscribe((event) => this.follow(event));
  }

  get capacity(): number {
    return this.ring.capacity;
  }

  list(): TimelineEntry[] {
    return this.ring.toArray();
  }

  stop(): void {
    this.unsubscribe();
  }

  private follow(event: AppEvent): void {
    switch (event.channel) {
      case 'operations.changed':
        this.operation(event.payload.operation);
        break;
      case 'systems.notification': {
        const n = event.payload;
        const status = n.status >>> 0;
        const code = n.type & 0x0fffffff;
        this.append({
          systemId: n.id,
          kind: 'notification',
          who: COMPLETION_NOTIFICATIONS.has(code) ? 'app' : 'hcs',
          what: n.typeName,
          result: status === 0 ? 'ok' : 'failed',
          detail: status === 0 ? '' : statusText(status),
          error: null,
          opId: null,
          alert: CRASH_NOTIFICATIONS.has(code),
        });
        break;
      }
      case 'systems.changed':
        this.changed(event.payload.system);
        break;
      case 'systems.removed':
        this.removed(event.payload.id);
        break;
      case 'systems.snapshot':
        this.snapshot(event.payload.systems);
        break;
      default:
    }
  }

  private operation(op: Operation): void {
    let ops = this.inFlight.get(op.systemId);
    if (op.status === 'pending') {
      if (!ops) this.inFlight.set(op.systemId, (ops = new Map()));
      ops.set(op.opId, op.action);
    } else {
      ops?.delete(op.opId);
      if (ops?.size === 0) this.inFlight.delete(op.systemId);
    }
    const expected = STATE_AFTER[op.action];
    if (op.status === 'pending' && expected) this.expected.set(op.systemId, expected);
    if (op.status === 'failed') this.expected.delete(op.systemId);
    const name = OPERATION_ACTION_LABEL[op.action];
    const took = op.finishedAt !== null ? ` in ${Math.max(0, op.finishedAt - op.startedAt)} ms` : '';
    this.append({
      systemId: op.systemId,
      kind: 'operation',
      who: 'app',
      what: name,
      result: op.status === 'pending' ? 'pending' : op.status === 'done' ? 'ok' : 'failed',
      detail:
        op.status === 'pending'
          ? 'asked'
          : op.status === 'done'
            ? `done${took}`
            : `failed${took}: ${op.error?.message ?? 'no message'}`,
      error: op.error,
      opId: op.opId,
      alert: false,
    });
  }

  /** Ours: an operation in flight on the system, or the state our last one leads to. */
  private isOurs(id: string, state: SystemState): boolean {
    if (this.inFlight.has(id)) return true;
    if (this.expected.get(id) === state) {
      this.expected.delete(id);
      return true;
    }
    return false;
  }

  private changed(system: SystemSummary): void {
    const before = this.known.get(system.id);
    this.known.set(system.id, system);
    if (!this.baselined) return;
    if (!before) {
      const ours = [...(this.inFlight.get(system.id)?.values() ?? [])].includes('create');
      this.append({
        systemId: system.id,
        kind: 'listed',
        who: ours ? 'app' : 'other',
        what: 'Listed',
        result: 'info',
        detail: describeSystem(system),
        error: null,
        opId: null,
        alert: false,
      });
      if (ours) this.expected.delete(system.id);
      return;
    }
    if (before.state !== system.state) {
      if (system.state === 'Stopped') this.exited(system);
      else {
        this.append({
          systemId: system.id,
          kind: 'state',
          who: this.isOurs(system.id, system.state) ? 'app' : 'other',
          what: `${before.state} → ${system.state}`,
          result: 'info',
          detail: '',
          error: null,
          opId: null,
          alert: false,
        });
      }
    } else if (system.state === 'Stopped' && before.exitType !== system.exitType && system.exitType) {
      // The exit type can follow the exit itself (the wait returned before SystemExited was read).
      this.exited(system);
    }
  }

  private exited(system: SystemSummary): void {
    const unexpected = system.exitType === 'UnexpectedExit';
    const ours = this.isOurs(system.id, 'Stopped');
    this.append({
      systemId: system.id,
      kind: 'exit',
      who: ours ? 'app' : unexpected ? 'hcs' : 'other',
      what: unexpected ? 'Exited unexpectedly' : 'Stopped',
      result: unexpected ? 'failed' : 'info',
      detail: system.exitType ? `exit type ${system.exitType}` : 'exit type not reported',
      error: null,
      opId: null,
      alert: unexpected && !ours,
    });
  }

  private removed(id: string): void {
    if (!this.known.delete(id) || !this.baselined) return;
    const ours = [...(this.inFlight.get(id)?.values() ?? [])].includes('close');
    this.expected.delete(id);
    this.append({
      systemId: id,
      kind: 'removed',
      who: ours ? 'app' : 'other',
      what: 'Removed',
      result: 'info',
      detail: ours ? 'closed by this app' : 'no longer listed by HCS',
      error: null,
      opId: null,
      alert: false,
    });
  }

  /** The first snapshot is the baseline; a later one (after a reconnect) is compared with what we knew. */
  private snapshot(systems: readonly SystemSummary[]): void {
    if (!this.baselined) {
      for (const s of systems) this.known.set(s.id, s);
      this.baselined = true;
      return;
    }
    const present = new Set(systems.map((s) => s.id));
    for (const id of [...this.known.keys()]) if (!present.has(id)) this.removed(id);
    for (const s of systems) this.changed(s);
  }

  private append(entry: NewEntry): void {
    const full: TimelineEntry = { ...entry, seq: this.seq.next(), at: this.now() };
    this.ring.push(full);
    if (this.batch) {
      this.batch.push(full);
      return;
    }
    this.batch = [full];
    // Everything one enumeration or one burst of notifications adds goes out as one event.
    queueMicrotask(() => {
      const entries = this.batch ?? [];
      this.batch = null;
      if (entries.length > 0) this.events.emit('timeline.appended', { entries });
    });
  }
}

function describeSystem(s: SystemSummary): string {
  const what = [s.type || 'system', s.owner ? `of ${s.owner}` : '', s.os ? `(${s.os})` : '']
    .filter(Boolean)
    .join(' ');
  return `${what}, ${s.state}`;
}

/** "0x80070005 E_ACCESSDENIED", or the hex alone when the name is not known. */
function statusText(status: number): string {
  const name = hresultInfo(status)?.name;
  return name ? `status ${formatHresult(status)} ${name}` : `status ${formatHresult(status)}`;
}
