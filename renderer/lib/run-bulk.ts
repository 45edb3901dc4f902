import {
  LOCAL_HOST_ID,
  OPERATION_ACTION_LABEL,
  hostOf,
  type ErrorInfo,
  type HcsApi,
  type Operation,
} from '../../src/contract/index.ts';
import type { AppStore } from '../store/app-store.ts';
import { hostLabel } from '../store/list-view.ts';
import { errorInfoOf } from '../transport/index.ts';
import { sendOperation } from './run-operation.ts';

export type BulkAction = 'start' | 'pause' | 'resume' | 'shutdown' | 'terminate';

/** What happened on one host. */
export interface HostOutcome {
  host: string;
  done: number;
  failed: number;
  /** Not sent: refused by the core or the host (a host that is away, a bad id). */
  notSent: number;
  /** The first reason of a failure or refusal, to say why. */
  firstError: ErrorInfo | null;
}

type Sent = { id: string; opId: string } | { id: string; error: ErrorInfo };

/** Resolves once none of these operations is pending in the store (their outcomes arrive as events). */
function settled(store: AppStore, opIds: readonly string[]): Promise<Operation[]> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const { operations } = store.getState();
      const ops = opIds.map((id) => operations.get(id));
      if (ops.some((op) => op === undefined || op.status === 'pending')) return false;
      resolve(ops as Operation[]);
      return true;
    };
    if (check()) return;
    const unsubscribe = store.subscribe(() => {
      if (check()) unsubscribe();
    });
  });
}

/** The outcome per host, this host first then the others by id. */
export function outcomesByHost(sent: readonly Sent[], finished: readonly Operation[]): HostOutcome[] {
  const byOp = new Map(finished.map((op) => [op.opId, op]));
  const outcomes = new Map<string, HostOutcome>();
  for (const s of sent) {
    const host = hostOf(s.id);
    let o = outcomes.get(host);
    if (!o) outcomes.set(host, (o = { host, done: 0, failed: 0, notSent: 0, firstError: null }));
    if ('error' in s) {
      o.notSent++;
      o.firstError ??= s.error;
      continue;
    }
    const op = byOp.get(s.opId);
    if (op?.status === 'done') o.done++;
    else {
      o.failed++;
      o.firstError ??= op?.error ?? null;
    }
  }
  const rank = (host: string) => (host === LOCAL_HOST_ID ? '' : host);
  return [...outcomes.values()].sort((a, b) => rank(a.host).localeCompare(rank(b.host)));
}

/** "build-3: 2 done, 1 failed (The system is already running.)" */
export function describeOutcome(o: HostOutcome): string {
  const parts = [
    o.done > 0 ? `${o.done} done` : null,
    o.failed > 0 ? `${o.failed} failed` : null,
    o.notSent > 0 ? `${o.notSent} not sent` : null,
  ].filter((p) => p !== null);
  const why = o.firstError ? ` (${o.firstError.message})` : '';
  return `${hostLabel(o.host)}: ${parts.join(', ')}${o.failed + o.notSent > 0 ? why : ''}`;
}

/**
 * One lifecycle action on many systems, on however many hosts: every request goes out at once (the core sends
 * each to its host, so the hosts work in parallel, and one host away does not hold up the others), and once
 * every operation has ended one notice says per host what happened — instead of a toast per system.
 */
export async function runBulk(
  api: HcsApi,
  store: AppStore,
  action: BulkAction,
  ids: readonly string[],
): Promise<HostOutcome[]> {
  const sent: Sent[] = await Promise.all(
    ids.map((id) =>
      sendOperation(api, { action, id }).then(
        ({ opId }): Sent => ({ id, opId }),
        (e: unknown): Sent => ({ id, error: errorInfoOf(e) }),
      ),
    ),
  );
  const opIds = sent.flatMap((s) => ('opId' in s ? [s.opId] : []));
  const finished = opIds.length === 0 ? [] : await settled(store, opIds);
  const outcomes = outcomesByHost(sent, finished);
  const done = outcomes.reduce((n, o) => n + o.done, 0);
  const troubled = outcomes.some((o) => o.failed + o.notSent > 0);
  store.getState().notify({
    intent: done === 0 ? 'error' : troubled ? 'warning' : 'success',
    title: `${OPERATION_ACTION_LABEL[action]}: ${done} of ${ids.length} ${ids.length === 1 ? 'system' : 'systems'} done`,
    body: outcomes.map(describeOutcome).join('\n'),
    error: outcomes.find((o) => o.firstError)?.firstError ?? undefined,
  });
  return outcomes;
}
