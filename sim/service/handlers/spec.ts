// What an op handler is: the op's request and response fields (sim/PROTOCOL.md "Ops"), what it targets (for
// per-system faults) and what it does. Handlers read typed arguments, call the engine, and return the response's
// values; every error is an HresultFailure thrown by the engine.
import type { After } from '../engine/handles.ts';
import type { Engine } from '../engine/engine.ts';
import type { ClientSession } from '../model.ts';
import type { OpName } from '../ops.ts';

export type ArgKind = 'i64' | 'str';
export type OutKind = 'i64' | 'str' | 'fd';
export type Args = Record<string, number | string | null>;

export interface CallEnv {
  engine: Engine;
  session: ClientSession;
}

export interface Outcome {
  /** S_OK unless given (PENDING for asynchronous ops). */
  hr?: number;
  out?: Record<string, number | string | null>;
  /** Runs once the response has been queued (notifications that must follow it). */
  after?: After;
}

export interface OpSpec {
  op: number;
  name: OpName | 'Hello';
  args: Array<[string, ArgKind]>;
  /** How many of the last `args` a client may leave out (they are then absent from Args). */
  optionalArgs?: number;
  out: Array<[string, OutKind]>;
  /** The output that the malformedJson fault truncates. */
  json?: string;
  /** The id of the system the call is about, for per-system faults. */
  target?: (c: CallEnv, a: Args) => string | null;
  run: (c: CallEnv, a: Args) => Outcome;
}

export const num = (a: Args, k: string): number => (typeof a[k] === 'number' ? (a[k] as number) : -1);
export const str = (a: Args, k: string): string | null =>
  typeof a[k] === 'string' ? (a[k] as string) : null;

export const bySystemHandle = (c: CallEnv, a: Args) =>
  c.session.systemHandles.get(num(a, 'handle'))?.system.id ?? null;
export const byProcessHandle = (c: CallEnv, a: Args) =>
  c.session.processHandles.get(num(a, 'process'))?.process.system.id ?? null;
export const byId = (_c: CallEnv, a: Args) => str(a, 'id');
export const byRegistration = (c: CallEnv, a: Args) => {
  const t = c.session.registrations.get(num(a, 'registration'))?.target;
  if (!t) return null;
  return t.kind === 'system' ? t.system.id : t.process.system.id;
};
