import { MAX_FINISHED_OPERATIONS, type Operation } from '../contract/index.ts';

/**
 * Operations by id, in the order they began, remembering MAX_FINISHED_OPERATIONS finished ones: once more have
 * finished, the one that finished longest ago is forgotten; pending ones always stay. Each change costs O(1): a
 * bulk action over thousands of systems finishes thousands of operations while thousands are pending, and a
 * scan of the whole record per finish made that quadratic. The local OperationLog and each remote host's list
 * keep the same number this way.
 */
export class OperationRecord {
  private readonly byId = new Map<string, Operation>();
  /** The finished operations' ids in the order they finished (a Set iterates in insertion order). */
  private readonly finished = new Set<string>();

  constructor(private readonly keep = MAX_FINISHED_OPERATIONS) {}

  get(opId: string): Operation | undefined {
    return this.byId.get(opId);
  }

  /** Adds an operation or replaces the record of the same id, keeping its place in the order. */
  set(operation: Operation): void {
    this.byId.set(operation.opId, operation);
    if (operation.status === 'pending' || this.finished.has(operation.opId)) return;
    this.finished.add(operation.opId);
    if (this.finished.size <= this.keep) return;
    const oldest = this.finished.values().next().value as string;
    this.finished.delete(oldest);
    this.byId.delete(oldest);
  }

  values(): IterableIterator<Operation> {
    return this.byId.values();
  }
}
