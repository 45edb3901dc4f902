// The callback ops: registering and unregistering the notification callback of a system or process handle.
import { Op } from '../ops.ts';
import { byProcessHandle, byRegistration, bySystemHandle, num, type OpSpec } from './spec.ts';

export const callbackOps: OpSpec[] = [
  {
    op: Op.RegisterComputeSystemCallback,
    name: 'RegisterComputeSystemCallback',
    args: [['handle', 'i64']],
    out: [['registration', 'i64']],
    target: bySystemHandle,
    run: (c, a) => {
      const r = c.engine.handles.register(c.session, c.engine.handles.system(c.session, num(a, 'handle')));
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
      c.engine.handles.unregister(c.session, num(a, 'registration'), 'system');
      return {};
    },
  },
  {
    op: Op.RegisterProcessCallback,
    name: 'RegisterProcessCallback',
    args: [['process', 'i64']],
    out: [['registration', 'i64']],
    target: byProcessHandle,
    run: (c, a) => {
      const r = c.engine.handles.register(c.session, c.engine.handles.process(c.session, num(a, 'process')));
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
      c.engine.handles.unregister(c.session, num(a, 'registration'), 'process');
      return {};
    },
  },
];
