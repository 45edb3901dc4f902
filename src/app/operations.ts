import type { ErrorInfo, Operation, OperationAction } from '../contract/index.ts';
import type { EventHub } from './events.ts';

/** How many finished operations are remembered for `operations.list` (pending ones are always kept). */
export const MAX_FINISHED_OPERATIONS = 200;

/** Every operation the user started: pending → done | failed, each change an `operations.changed` event. */
export class OperationLog {
  private readonly operations = new Map<string, Operation>();

  constructor(
    private readonly events: EventHub,
    private readonly now: () => number = Date.now,
  ) {}

  begin(systemId: string, action: OperationAction): Operation {
    const operation: Operation = {
      opId: crypto.randomUUID(),
      systemId,
      action,
      status: 'pending',
      error: null,
      startedAt: this.now(),
      finishedAt: null,
    };
    this.operations.set(operation.opId, operation);
    this.events.emit('operations.changed', { operation: { ...operation } });
    return operation;
  }

  finish(opId: string, error: ErrorInfo | null): void {
    const current = this.operations.get(opId);
    if (!current || current.status !== 'pending') return;
    const operation: Operation = {
      ...current,
      status: error ? 'failed' : 'done',
      error,
      finishedAt: this.now(),
    };
    this.operations.set(opId, operation);
    this.prune();
    this.events.emit('operations.changed', { operation: { ...operation } });
  }

  list(): Operation[] {
    return [...this.operations.values()].map((o) => ({ ...o }));
  }

  private prune(): void {
    pruneFinishedOperations(this.operations);
  }
}

/**
 * Forgets the oldest finished operations beyond MAX_FINISHED_OPERATIONS (a Map iterates in insertion order);
 * pending ones stay. The local OperationLog and each remote host's list keep the same number this way.
 */
export function pruneFinishedOperations(operations: Map<string, Operation>): void {
  let finished = 0;
  for (const o of operations.values()) if (o.status !== 'pending') finished++;
  for (const [opId, o] of operations) {
    if (finished <= MAX_FINISHED_OPERATIONS) break;
    if (o.status !== 'pending') {
      operations.delete(opId);
      finished--;
    }
  }
}
