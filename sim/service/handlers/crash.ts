// computecore's HcsCrashComputeSystem (op 27; vmcompute.dll has no such export): answers PENDING, then the guest
// crashes (engine/guest-crash.ts).
import { crashGuest } from '../engine/guest-crash.ts';
import { HR } from '../hresult.ts';
import { Op } from '../ops.ts';
import { bySystemHandle, num, str, type OpSpec } from './spec.ts';

export const crashOp: OpSpec = {
  op: Op.CrashComputeSystem,
  name: 'CrashComputeSystem',
  args: [
    ['handle', 'i64'],
    ['options', 'str'],
  ],
  out: [['result', 'str']],
  target: bySystemHandle,
  run: (c, a) => {
    const h = c.engine.handles.system(c.session, num(a, 'handle'));
    return { hr: HR.PENDING, after: crashGuest(c.engine, h, str(a, 'options')) };
  },
};
