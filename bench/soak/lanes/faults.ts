/**
 * Faults from the simulator's control API, one episode at a time (DELETE /faults clears every fault, so no
 * two may overlap): the service gone and back, a system crash, a hung call, access denied and malformed
 * answers — each on a system of its own (a victim this lane creates and disposes of), and the last two also
 * on the service's enumeration. While a fault touches the whole service, the fault window is open: failures
 * of other lanes then are expected, and counted apart.
 */
import type { FaultSpec } from '../../../sim/control/types.ts';
import { RequestFailed } from '../contract-client.ts';
import { lane, sleep, step, think, type SoakContext } from '../context.ts';
import { CREATED_PREFIX, createRunning, dispose } from './churn.ts';

export const FAULT_KINDS = [
  'fault-disconnect',
  'fault-crash',
  'fault-hang',
  'fault-denied',
  'fault-denied-enumerate',
  'fault-malformed',
  'fault-malformed-enumerate',
] as const;

const WAIT_MS = 180_000;
/** How long the service stays away, and how long a hung call is held. */
const AWAY_MS = 3000;
const HOLD_MS = 5000;

/** A victim of its own: created Running, handed to `run`, then disposed of whatever happened. */
async function withVictim(ctx: SoakContext, run: (id: string) => Promise<void>): Promise<void> {
  const id = `${CREATED_PREFIX}fault-${ctx.next()}`;
  try {
    await createRunning(ctx.client, id);
    await run(id);
  } finally {
    await ctx.control.clearFaults();
    await dispose(ctx, id);
  }
}

/** An operation that must fail with `hresult` while the fault is on. */
async function mustFail(ctx: SoakContext, id: string, hresult: string): Promise<void> {
  const op = await ctx.client.operate('systems.pause', { id }, WAIT_MS);
  if (op.status !== 'failed' || op.error?.hresult !== hresult)
    throw new Error(
      `pause under the fault ended ${op.status} ${op.error?.hresult ?? ''}, not failed ${hresult}`,
    );
}

/** A fault on the whole service: down, then back once it is cleared; the window is open throughout. */
async function serviceWide(ctx: SoakContext, faults: FaultSpec): Promise<void> {
  const { client, control } = ctx;
  ctx.faults.begin();
  try {
    await control.setFaults(faults);
    await client.until(() => !client.connected, WAIT_MS, 'the app to report the service down');
    await control.clearFaults();
    await client.untilConnected(WAIT_MS);
  } finally {
    await control.clearFaults();
    ctx.faults.end();
  }
}

async function episode(ctx: SoakContext, kind: (typeof FAULT_KINDS)[number]): Promise<void> {
  const { client, control } = ctx;
  switch (kind) {
    case 'fault-disconnect':
      ctx.faults.begin();
      try {
        await control.disconnect(AWAY_MS);
        await client.until(() => !client.connected, WAIT_MS, 'the app to report the service gone');
        await client.untilConnected(WAIT_MS);
      } finally {
        ctx.faults.end();
      }
      return;
    case 'fault-crash':
      return withVictim(ctx, async (id) => {
        await control.crash(id);
        await client.untilSystem(
          id,
          (s) => s.state === 'Stopped' && s.exitType === 'UnexpectedExit',
          WAIT_MS,
          'Stopped after an unexpected exit',
        );
      });
    case 'fault-hang':
      return withVictim(ctx, async (id) => {
        await control.setFaults({ system: id, hang: ['PauseComputeSystem'] });
        const { opId } = await client.request('systems.pause', { id });
        const deadline = Date.now() + WAIT_MS;
        while ((await control.faults()).hungCalls === 0) {
          if (Date.now() > deadline) throw new Error('the pause never reached the simulator');
          await sleep(250);
        }
        // While the call hangs, the app answers everything else.
        const started = Date.now();
        while (Date.now() - started < HOLD_MS) {
          await client.request('systems.list', {}, WAIT_MS);
          await sleep(500);
        }
        await control.clearFaults();
        const op = await client.outcome(opId, WAIT_MS);
        if (op.status !== 'failed' || op.error?.hresult !== '0x80070102')
          throw new Error(
            `the released pause ended ${op.status} ${op.error?.hresult ?? ''}, not WAIT_TIMEOUT`,
          );
      });
    case 'fault-denied':
      return withVictim(ctx, async (id) => {
        await control.setFaults({ system: id, accessDenied: ['PauseComputeSystem'] });
        await mustFail(ctx, id, '0x80070005');
      });
    case 'fault-malformed':
      return withVictim(ctx, async (id) => {
        await control.setFaults({ system: id, malformedJson: ['GetComputeSystemProperties'] });
        const answer = await client
          .request('systems.properties', { id, version: 'v2', types: ['Memory'] })
          .then(
            () => null,
            (e: unknown) => e,
          );
        if (!(answer instanceof RequestFailed))
          throw new Error(
            `properties of a malformed answer: ${answer === null ? 'answered' : String(answer)}`,
          );
      });
    case 'fault-denied-enumerate':
      return serviceWide(ctx, { accessDenied: ['EnumerateComputeSystems'] });
    case 'fault-malformed-enumerate':
      return serviceWide(ctx, { malformedJson: ['EnumerateComputeSystems'] });
  }
}

export function faultLane(ctx: SoakContext, limitMs: number): Promise<void> {
  let i = 0;
  return lane(
    ctx,
    FAULT_KINDS,
    async () => {
      await think(ctx, 20_000);
      const kind = FAULT_KINDS[i++ % FAULT_KINDS.length]!;
      await step(ctx, kind, () => episode(ctx, kind));
    },
    limitMs,
  );
}
