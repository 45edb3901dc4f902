// The hello op (100) each connection of the client library sends first: who the client is, and which C API it
// speaks (client-api.ts).
import { clientApiOf } from '../client-api.ts';
import { Op } from '../ops.ts';
import { num, str, type OpSpec } from './spec.ts';

export const helloOp: OpSpec = {
  op: Op.Hello,
  name: 'Hello',
  args: [
    ['pid', 'i64'],
    ['name', 'str'],
    ['api', 'i64'],
  ],
  // Clients from before computecore send no API: they are vmcompute clients.
  optionalArgs: 1,
  out: [['client', 'i64']],
  run: (c, a) => {
    c.session.pid = num(a, 'pid');
    c.session.name = str(a, 'name') ?? '';
    c.session.api = clientApiOf(a.api);
    return { out: { client: c.session.id } };
  },
};
