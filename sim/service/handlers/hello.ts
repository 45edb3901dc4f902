// The hello op (100) each connection of the client library sends first: who the client is.
import { Op } from '../ops.ts';
import { num, str, type OpSpec } from './spec.ts';

export const helloOp: OpSpec = {
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
};
