import type { ErrorInfo, Operation, OperationAction } from '../contract/index.ts';
import type { EventHub } from './events.ts';
import { OperationRecord } from './operation-record.ts';

/** Every operation the user started: pending → done | failed, each change an `operations.changed` event. */
export class OperationLog {
  private readonly operations = new OperationRecord();

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
    this.operations.set(operation);
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
    this.operations.set(operation);
    this.events.emit('operations.changed', { operation: { ...operation } });
  }

  list(): Operation[] {
    return [...this.operations.values()].map((o) => ({ ...o }));
  }
}
