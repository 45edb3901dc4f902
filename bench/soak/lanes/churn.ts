/**
 * Whole lives of systems the soak creates through the contract, several at once: create → start → pause →
 * resume → (modify) → properties → shutdown or terminate → close, until HCS no longer lists them. Some run a
 * process that the stop leaves orphaned. A life that fails part way is cleaned up (terminated and closed)
 * before the next begins, so each worker leaves nothing behind.
 */
import type { ContractClient } from '../contract-client.ts';
import { lane, step, think, type SoakContext } from '../context.ts';
import { ended, forgetSession, startSession } from './exec-session.ts';

export const CHURN_KINDS = [
  'create',
  'start',
  'pause',
  'resume',
  'modify',
  'properties',
  'shutdown',
  'terminate',
  'close',
  'exec-orphaned',
] as const;

/** The prefix of every id the soak creates; none may be left when the run ends. */
export const CREATED_PREFIX = 'soak-new-';
const OP_MS = 120_000;

/** A schema2 Linux utility VM, as the Create dialog's "Linux utility VM (V2)" template makes it. */
const CREATE_DOCUMENT = JSON.stringify({
  Owner: 'hcs-desktop-soak',
  SchemaVersion: { Major: 2, Minor: 1 },
  ShouldTerminateOnLastHandleClosed: true,
  VirtualMachine: {
    StopOnReset: true,
    Chipset: {
      LinuxKernelDirect: {
        KernelFilePath: 'C:\\Program Files\\Linux Containers\\kernel',
        InitRdPath: 'C:\\Program Files\\Linux Containers\\initrd.img',
        KernelCmdLine: 'initrd=/initrd.img panic=-1 quiet pci=off nr_cpus=2',
      },
    },
    ComputeTopology: { Memory: { SizeInMB: 1024, AllowOvercommit: true }, Processor: { Count: 2 } },
    Devices: { Scsi: { '0': { Attachments: {} } }, Plan9: {} },
  },
});
/** The Modify dialog's "Resize memory" template. */
const MODIFY_REQUEST = JSON.stringify({
  ResourcePath: 'VirtualMachine/ComputeTopology/Memory/SizeInMB',
  RequestType: 'Update',
  Settings: 2048,
});

/** Runs an operation and fails unless it is done. */
export async function operate(
  client: ContractClient,
  channel:
    | 'systems.start'
    | 'systems.pause'
    | 'systems.resume'
    | 'systems.shutdown'
    | 'systems.terminate'
    | 'systems.close',
  id: string,
): Promise<void> {
  const op = await client.operate(channel, { id }, OP_MS);
  if (op.status !== 'done') throw new Error(`${channel} ${id}: ${op.error?.message ?? op.status}`);
}

/** Creates `id` and starts it, until it is listed Running. */
export async function createRunning(client: ContractClient, id: string): Promise<void> {
  const op = await client.operate('systems.create', { id, document: CREATE_DOCUMENT }, OP_MS);
  if (op.status !== 'done') throw new Error(`create ${id}: ${op.error?.message ?? op.status}`);
  await operate(client, 'systems.start', id);
  await client.untilSystem(id, (s) => s.state === 'Running', OP_MS, 'Running');
}

/** Terminates (unless stopped) and closes a system, until HCS Desktop no longer lists it. */
export async function dispose(ctx: SoakContext, id: string): Promise<void> {
  const { client } = ctx;
  await client.untilConnected(OP_MS);
  const system = client.systems.get(id);
  if (!system) return;
  if (system.state !== 'Stopped') {
    // A failure here (already stopping, say) is fine as long as the system ends up stopped.
    await client.operate('systems.terminate', { id }, OP_MS).catch(() => undefined);
    await client.untilSystem(id, (s) => s.state === 'Stopped', OP_MS, 'stopped');
  }
  await operate(client, 'systems.close', id);
  await client.until(() => !client.systems.has(id), OP_MS, `${id} to leave the list`);
}

async function life(ctx: SoakContext, n: number): Promise<void> {
  const { client } = ctx;
  const id = `${CREATED_PREFIX}${n}`;
  const ok = (kind: string, run: () => Promise<void>) => step(ctx, kind, run);
  let orphan: string | null = null;
  const lived =
    (await ok('create', async () => {
      const op = await client.operate('systems.create', { id, document: CREATE_DOCUMENT }, OP_MS);
      if (op.status !== 'done') throw new Error(`create ${id}: ${op.error?.message ?? op.status}`);
      await client.untilSystem(id, (s) => s.state === 'Created', OP_MS, 'listed Created');
    })) &&
    (await ok('start', async () => {
      await operate(client, 'systems.start', id);
      await client.untilSystem(id, (s) => s.state === 'Running', OP_MS, 'Running');
    })) &&
    // One life in four runs a process that the stop at the end of the life leaves orphaned.
    (n % 4 !== 0 ||
      (await ok('exec-orphaned', async () => {
        orphan = (await startSession(client, id, 'echo soak-orphan; sleep 600', false)).sessionId;
      }))) &&
    (await ok('pause', async () => {
      await operate(client, 'systems.pause', id);
      await client.untilSystem(id, (s) => s.state === 'Paused', OP_MS, 'Paused');
    })) &&
    (await ok('resume', async () => {
      await operate(client, 'systems.resume', id);
      await client.untilSystem(id, (s) => s.state === 'Running', OP_MS, 'Running');
    })) &&
    (n % 2 !== 0 ||
      (await ok('modify', async () => {
        const op = await client.operate('systems.modify', { id, request: MODIFY_REQUEST }, OP_MS);
        if (op.status !== 'done') throw new Error(`modify ${id}: ${op.error?.message ?? op.status}`);
      }))) &&
    (await ok('properties', async () => {
      await client.request('systems.properties', { id, version: 'v2', types: ['Memory', 'Statistics'] });
      await client.request('systems.properties', { id, version: 'v1', types: ['ProcessList'] });
    })) &&
    (await ok(n % 2 === 0 ? 'shutdown' : 'terminate', async () => {
      await operate(client, n % 2 === 0 ? 'systems.shutdown' : 'systems.terminate', id);
      await client.untilSystem(id, (s) => s.state === 'Stopped', OP_MS, 'Stopped');
    }));
  if (orphan !== null) {
    const sessionId: string = orphan;
    // The stop leaves the process orphaned (or exited, if the service went away first); then it is forgotten.
    await client
      .until(() => ended(client, sessionId), OP_MS, `session ${sessionId} to end with its system`)
      .catch(() => undefined);
    if (!lived) await client.request('exec.kill', { sessionId }).catch(() => undefined);
    await forgetSession(client, sessionId).catch(() => undefined);
  }
  if (lived) {
    if (await ok('close', () => dispose(ctx, id))) return;
  }
  // Whatever failed: leave nothing behind (the quiesce collects what even this cannot).
  await dispose(ctx, id).catch((e: unknown) => ctx.log(`churn: could not dispose of ${id}: ${String(e)}`));
}

/** `workers` lives at a time. */
export function churnLane(ctx: SoakContext, workers: number, limitMs: number): Promise<void> {
  const worker = () =>
    lane(
      ctx,
      CHURN_KINDS,
      async () => {
        await life(ctx, ctx.next());
        await think(ctx, 2000);
      },
      limitMs,
    );
  return Promise.all(Array.from({ length: workers }, worker)).then(() => undefined);
}
