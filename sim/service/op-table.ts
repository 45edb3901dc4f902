// The op table of sim/PROTOCOL.md: every op the service answers, by op number. Each group of ops lives in its own
// file under handlers/; a new group (another ABI's ops, say) is one more file and one more line here.
import { callbackOps } from './handlers/callbacks.ts';
import { crashOp } from './handlers/crash.ts';
import { helloOp } from './handlers/hello.ts';
import { processOps } from './handlers/process.ts';
import { serviceOps } from './handlers/service.ts';
import type { OpSpec } from './handlers/spec.ts';
import { systemOps } from './handlers/system.ts';

export type { Args, OpSpec, Outcome } from './handlers/spec.ts';

const specs: OpSpec[] = [...systemOps, ...callbackOps, ...processOps, ...serviceOps, crashOp, helloOp];

export const OP_TABLE: ReadonlyMap<number, OpSpec> = new Map(specs.map((s) => [s.op, s]));
