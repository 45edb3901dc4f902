// The compute-system ops: enumerate, create, open, close, the asynchronous lifecycle ops, properties and modify.
import type { AsyncOp } from '../engine/lifecycle.ts';
import { HR } from '../hresult.ts';
import { Op, type OpName } from '../ops.ts';
import { byId, bySystemHandle, num, str, type OpSpec } from './spec.ts';

const PENDING = { hr: HR.PENDING };

function lifecycle(op: OpName, kind: AsyncOp): OpSpec {
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
      c.engine.lifecycle.run(c.engine.handles.present(c.session, num(a, 'handle')), kind, str(a, 'options'));
      return PENDING;
    },
  };
}

export const systemOps: OpSpec[] = [
  {
    op: Op.EnumerateComputeSystems,
    name: 'EnumerateComputeSystems',
    args: [['query', 'str']],
    out: [
      ['computeSystems', 'str'],
      ['result', 'str'],
    ],
    json: 'computeSystems',
    run: (c, a) => ({ out: { computeSystems: c.engine.documents.enumerate(str(a, 'query')) } }),
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
      const h = c.engine.lifecycle.create(c.session, str(a, 'id'), str(a, 'configuration'));
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
    run: (c, a) => ({ out: { handle: c.engine.handles.openSystem(c.session, str(a, 'id')).id } }),
  },
  {
    op: Op.CloseComputeSystem,
    name: 'CloseComputeSystem',
    args: [['handle', 'i64']],
    out: [],
    target: bySystemHandle,
    run: (c, a) => {
      c.engine.handles.closeSystem(c.engine.handles.system(c.session, num(a, 'handle')));
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
      const h = c.engine.handles.system(c.session, num(a, 'handle'));
      return { out: { properties: c.engine.documents.properties(h, str(a, 'query')) } };
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
      c.engine.documents.modify(
        c.engine.handles.present(c.session, num(a, 'handle')),
        str(a, 'configuration'),
      );
      return {};
    },
  },
];
