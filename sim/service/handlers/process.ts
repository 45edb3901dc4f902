// The process ops: create, open, close, terminate, signal, info, properties and modify.
import { Op } from '../ops.ts';
import { byProcessHandle, bySystemHandle, num, str, type OpSpec } from './spec.ts';

export const processOps: OpSpec[] = [
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
      const h = c.engine.handles.present(c.session, num(a, 'handle'));
      const p = c.engine.processes.create(h, str(a, 'processParameters'));
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
      const h = c.engine.handles.present(c.session, num(a, 'handle'));
      return { out: { process: c.engine.processes.open(h, num(a, 'pid')).id } };
    },
  },
  {
    op: Op.CloseProcess,
    name: 'CloseProcess',
    args: [['process', 'i64']],
    out: [],
    target: byProcessHandle,
    run: (c, a) => {
      c.engine.handles.closeProcess(c.engine.handles.process(c.session, num(a, 'process')));
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
      c.engine.processes.terminate(c.engine.handles.process(c.session, num(a, 'process')));
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
      c.engine.processes.signal(c.engine.handles.process(c.session, num(a, 'process')), str(a, 'options'));
      return {};
    },
  },
  {
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
    run: (c, a) => {
      const info = c.engine.processes.info(c.engine.handles.process(c.session, num(a, 'process')));
      const [stdin, stdout, stderr] = info.stdio;
      return { out: { pid: info.pid, stdin, stdout, stderr } };
    },
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
        processProperties: c.engine.processes.properties(
          c.engine.handles.process(c.session, num(a, 'process')),
        ),
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
      c.engine.processes.modify(c.engine.handles.process(c.session, num(a, 'process')), str(a, 'settings'));
      return {};
    },
  },
];
