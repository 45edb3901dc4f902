/** The driver's side of process-probe.ts: asks a process spawned with an IPC channel for its figures. */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../e2e/support/paths.ts';
import type { ProbeAnswer, ProbeRequest } from './probe-messages.ts';

const PROBE_MS = 60_000;

/** What to add to a Node command line to load the probe (and let it collect garbage before it measures). */
export const PROBE_NODE_ARGS = [
  '--expose-gc',
  '--import',
  'tsx',
  '--import',
  pathToFileURL(join(repoRoot, 'bench', 'soak', 'process-probe.ts')).href,
];

export type Probe = (gc: boolean) => Promise<ProbeAnswer>;

/** A probe of `child` (spawned with PROBE_NODE_ARGS and an `ipc` stdio). */
export function probeOf(child: ChildProcess, what: string): Probe {
  let nextId = 1;
  const waiting = new Map<number, (answer: ProbeAnswer) => void>();
  child.on('message', (message: ProbeAnswer) => {
    if (message?.t !== 'probe') return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  return (gc) => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${what}: its IPC channel is closed`));
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${what}'s probe did not answer within ${PROBE_MS / 1000} s`));
      }, PROBE_MS);
      waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      const request: ProbeRequest = { t: 'probe', id, gc };
      child.send(request);
    });
  };
}
