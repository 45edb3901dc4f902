// The op table of sim/PROTOCOL.md: each op's request and response fields and what it does. Handlers read typed
// arguments, call the engine, and return the response's values; every error is an HresultFailure thrown by the engine.
import { availableParallelism } from 'node:os';
import type { After, Engine } from './engine.ts';
import { fail, HR } from './hresult.ts';
import { describeJsonError, parseJsonText } from '../../src/base/index.ts';
import type { ClientSession } from './model.ts';
import { Op, type OpName } from './ops.ts';
import { serviceProperties } from './properties.ts';
import { parseServicePropertyQuery } from './query.ts';

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
  out: Array<[string, OutKind]>;
  /** The output that the malformedJson fault truncates. */
  json?: string;
  /** The id of the system the call is about, for per-system faults. */
  target?: (c: CallEnv, a: Args) => string | null;
  run: (c: CallEnv, a: Args) => Outcome;
}

const num = (a: Args, k: string): number => (typeof a[k] === 'number' ? (a[k] as number) : -1);
const str = (a: Args, k: string): string | null => (typeof a[k] === 'string' ? (a[k] as string) : null);

const bySystemHandle = (c: CallEnv, a: Args) =>
  c.session.systemHandles.get(num(a, 'handle'))?.system.id ?? null;
const byProcessHandle = (c: CallEnv, a: Args) =>
  c.session.processHandles.get(num(a, 'process'))?.process.system.id ?? null;
const byId = (_c: CallEnv, a: Args) => str(a, 'id');
const byRegistration = (c: CallEnv, a: Args) => {
  const t = c.session.registrations.get(num(a, 'registration'))?.target;
  if (!t) return null;
  return t.kind === 'system' ? t.system.id : t.process.system.id;
};

const PENDING = { hr: HR.PENDING };

function lifecycle(
  op: OpName,
  kind: 'Start' | 'Shutdown' | 'Terminate' | 'Pause' | 'Resume' | 'Save',
): OpSpec {
  return {
    op: Op[op],
    name: op,
    args: [
      ['handle', 'i64'],
      ['options', 'str'],
    ],
    out: [['result', 'str']],
    target: bySystemHandle,
    run: (c, a) => {
      c.engine.lifecycle(c.engine.systemHandle(c.session, num(a, 'handle')), kind, str(a, 'options'));
      return PENDING;
    },
  };
}

function checkServiceSettings(text: string | null): void {
  if (text === null || text.trim() === '')
    throw fail(HR.INVALID_JSON, 'The service settings document is empty.');
  const parsed = parseJsonText(text);
  if (!parsed.ok)
    throw fail(HR.INVALID_JSON, `The service settings are not valid JSON: ${describeJsonError(parsed)}.`);
  const v = parsed.value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw fail(HR.INVALID_JSON, 'The service settings must be a ModificationRequest object.');
  }
  if (typeof v.PropertyType !== 'string' || v.PropertyType === '') {
    throw fail(HR.E_INVALIDARG, 'The ModificationRequest needs a PropertyType (e.g. "CpuGroup").');
  }
}

const specs: OpSpec[] = [
  {
    op: Op.EnumerateComputeSystems,
    name: 'EnumerateComputeSystems',
    args: [['query', 'str']],
    out: [
      ['computeSystems', 'str'],
      ['result', 'str'],
    ],
    json: 'computeSystems',
    run: (c, a) => ({ out: { computeSystems: c.engine.enumerate(str(a, 'query')) } }),
  },
  {
    op: Op.CreateComputeSystem,
    name: 'CreateComputeSystem',
    args: [
      ['id', 'str'],
      ['configuration', 'str'],
      ['identity', 'i64'],
    ],
    out: [
      ['handle', 'i64'],
      ['result', 'str'],
    ],
    target: byId,
    run: (c, a) => {
      const h = c.engine.createSystem(c.session, str(a, 'id'), str(a, 'configuration'));
      return { hr: HR.PENDING, out: { handle: h.id } };
    },
  },
  {
    op: Op.OpenComputeSystem,
    name: 'OpenComputeSystem',
    args: [['id', 'str']],
    out: [
      ['handle', 'i64'],
      ['result', 'str'],
    ],
    target: byId,
    run: (c, a) => ({ out: { handle: c.engine.openSystem(c.session, str(a, 'id')).id } }),
  },
  {
    op: Op.CloseComputeSystem,
    name: 'CloseComputeSystem',
    args: [['handle', 'i64']],
    out: [],
    target: bySystemHandle,
    run: (c, a) => {
      c.engine.closeSystemHandle(c.engine.systemHandle(c.session, num(a, 'handle')));
      return {};
    },
  },
  lifecycle('StartComputeSystem', 'Start'),
  lifecycle('ShutdownComputeSystem', 'Shutdown'),
  lifecycle('TerminateComputeSystem', 'Terminate'),
  lifecycle('PauseComputeSystem', 'Pause'),
  lifecycle('ResumeComputeSystem', 'Resume'),
  lifecycle('SaveComputeSystem', 'Save'),
  {
    op: Op.GetComputeSystemProperties,
    name: 'GetComputeSystemProperties',
    args: [
      ['handle', 'i64'],
      ['query', 'str'],
    ],
    out: [
      ['properties', 'str'],
      ['result', 'str'],
    ],
    json: 'properties',
    target: bySystemHandle,
    run: (c, a) => {
      const h = c.engine.systemHandle(c.session, num(a, 'handle'));
      return { out: { properties: c.engine.properties(h, str(a, 'query')) } };
    },
  },
  {
    op: Op.ModifyComputeSystem,
    name: 'ModifyComputeSystem',
    args: [
      ['handle', 'i64'],
      ['configuration', 'str'],
    ],
    out: [['result', 'str']],
    target: bySystemHandle,
    run: (c, a) => {
      c.engine.modify(c.engine.systemHandle(c.session, num(a, 'handle')), str(a, 'configuration'));
      return {};
    },
  },
  {
    op: Op.ModifyServiceSettings,
    name: 'ModifyServiceSettings',
    args: [['settings', 'str']],
    out: [['result', 'str']],
    run: (_c, a) => {
      checkServiceSettings(str(a, 'settings'));
      return {};
    },
  },
  {
    op: Op.RegisterComputeSystemCallback,
    name: 'RegisterComputeSystemCallback',
    args: [['handle', 'i64']],
    out: [['registration', 'i64']],
    target: bySystemHandle,
    run: (c, a) => {
      const r = c.engine.register(c.session, c.engine.systemHandle(c.session, num(a, 'handle')));
      return { out: { registration: r.registration.id }, after: r.after };
    },
  },
  {
    op: Op.UnregisterComputeSystemCallback,
    name: 'UnregisterComputeSystemCallback',
    args: [['registration', 'i64']],
    out: [],
    target: byRegistration,
    run: (c, a) => {
      c.engine.unregister(c.session, num(a, 'registration'), 'system');
      return {};
    },
  },
  {
    op: Op.CreateProcess,
    name: 'CreateProcess',
    args: [
      ['handle', 'i64'],
      ['processParameters', 'str'],
    ],
    out: [
      ['pid', 'i64'],
      ['stdin', 'fd'],
      ['stdout', 'fd'],
      ['stderr', 'fd'],
      ['process', 'i64'],
      ['result', 'str'],
    ],
    target: bySystemHandle,
    run: (c, a) => {
      const h = c.engine.systemHandle(c.session, num(a, 'handle'));
      const p = c.engine.createProcess(h, str(a, 'processParameters'));
      const [stdin, stdout, stderr] = p.stdio;
      return { out: { pid: p.process.pid, stdin, stdout, stderr, process: p.handle.id } };
    },
  },
  {
    op: Op.OpenProcess,
    name: 'OpenProcess',
    args: [
      ['handle', 'i64'],
      ['pid', 'i64'],
    ],
    out: [
      ['process', 'i64'],
      ['result', 'str'],
    ],
    target: bySystemHandle,
    run: (c, a) => {
      const h = c.engine.systemHandle(c.session, num(a, 'handle'));
      return { out: { process: c.engine.openProcess(h, num(a, 'pid')).id } };
    },
  },
  {
    op: Op.CloseProcess,
    name: 'CloseProcess',
    args: [['process', 'i64']],
    out: [],
    target: byProcessHandle,
    run: (c, a) => {
      c.engine.closeProcessHandle(c.engine.processHandle(c.session, num(a, 'process')));
      return {};
    },
  },
  {
    op: Op.TerminateProcess,
    name: 'TerminateProcess',
    args: [['process', 'i64']],
    out: [['result', 'str']],
    target: byProcessHandle,
    run: (c, a) => {
      c.engine.terminateProcess(c.engine.processHandle(c.session, num(a, 'process')));
      return {};
    },
  },
  {
    op: Op.SignalProcess,
    name: 'SignalProcess',
    args: [
      ['process', 'i64'],
      ['options', 'str'],
    ],
    out: [['result', 'str']],
    target: byProcessHandle,
    run: (c, a) => {
      c.engine.signalProcess(c.engine.processHandle(c.session, num(a, 'process')), str(a, 'options'));
      return {};
    },
  },
  {
    // The stdio descriptors are handed out once, by CreateProcess; the service keeps no copies, so this answers
    // the pid with no descriptors (-1 slots).
    op: Op.GetProcessInfo,
    name: 'GetProcessInfo',
    args: [['process', 'i64']],
    out: [
      ['pid', 'i64'],
      ['stdin', 'fd'],
      ['stdout', 'fd'],
      ['stderr', 'fd'],
      ['result', 'str'],
    ],
    target: byProcessHandle,
    run: (c, a) => ({ out: { pid: c.engine.processHandle(c.session, num(a, 'process')).process.pid } }),
  },
  {
    op: Op.GetProcessProperties,
    name: 'GetProcessProperties',
    args: [['process', 'i64']],
    out: [
      ['processProperties', 'str'],
      ['result', 'str'],
    ],
    json: 'processProperties',
    target: byProcessHandle,
    run: (c, a) => ({
      out: {
        processProperties: c.engine.processProperties(c.engine.processHandle(c.session, num(a, 'process'))),
      },
    }),
  },
  {
    op: Op.ModifyProcess,
    name: 'ModifyProcess',
    args: [
      ['process', 'i64'],
      ['settings', 'str'],
    ],
    out: [['result', 'str']],
    target: byProcessHandle,
    run: (c, a) => {
      c.engine.modifyProcess(c.engine.processHandle(c.session, num(a, 'process')), str(a, 'settings'));
      return {};
    },
  },
  {
    op: Op.GetServiceProperties,
    name: 'GetServiceProperties',
    args: [['propertyQuery', 'str']],
    out: [
      ['properties', 'str'],
      ['result', 'str'],
    ],
    json: 'properties',
    run: (_c, a) => {
      const q = parseServicePropertyQuery(str(a, 'propertyQuery'));
      if (!q.ok) throw fail(q.hr, q.message);
      return { out: { properties: JSON.stringify(serviceProperties(q.types, availableParallelism())) } };
    },
  },
  {
    op: Op.RegisterProcessCallback,
    name: 'RegisterProcessCallback',
    args: [['process', 'i64']],
    out: [['registration', 'i64']],
    target: byProcessHandle,
    run: (c, a) => {
      const r = c.engine.register(c.session, c.engine.processHandle(c.session, num(a, 'process')));
      return { out: { registration: r.registration.id }, after: r.after };
    },
  },
  {
    op: Op.UnregisterProcessCallback,
    name: 'UnregisterProcessCallback',
    args: [['registration', 'i64']],
    out: [],
    target: byRegistration,
    run: (c, a) => {
      c.engine.unregister(c.session, num(a, 'registration'), 'process');
      return {};
    },
  },
  {
    op: Op.Hello,
    name: 'Hello',
    args: [
      ['pid', 'i64'],
      ['name', 'str'],
    ],
    out: [['client', 'i64']],
    run: (c, a) => {
      c.session.pid = num(a, 'pid');
      c.session.name = str(a, 'name') ?? '';
      return { out: { client: c.session.id } };
    },
  },
];

export const OP_TABLE: ReadonlyMap<number, OpSpec> = new Map(specs.map((s) => [s.op, s]));
