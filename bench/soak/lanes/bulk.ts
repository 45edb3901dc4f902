/**
 * Lifecycle operations by the hundred through the contract: every Running system of the seeded pool paused at
 * once, then every one resumed at once, as a script or a second UI would do it.
 */
import type { SystemState } from '../../../src/contract/index.ts';
import { lane, step, think, type SoakContext } from '../context.ts';

export const BULK_KINDS = ['bulk-pause', 'bulk-resume'] as const;
const OP_MS = 300_000;

/** `action` on every one of `ids` that is in state `from`, all at once; then until every one is `to`. */
async function all(
  ctx: SoakContext,
  ids: readonly string[],
  action: 'pause' | 'resume',
  from: SystemState,
  to: SystemState,
): Promise<void> {
  const { client } = ctx;
  await client.untilConnected(OP_MS);
  const targets = ids.filter((id) => client.systems.get(id)?.state === from);
  const outcomes = await Promise.all(targets.map((id) => client.operate(`systems.${action}`, { id }, OP_MS)));
  const failed = outcomes.filter((op) => op.status !== 'done');
  if (failed.length > 0)
    throw new Error(
      `${failed.length} of ${targets.length} ${action}s failed: ${failed[0]!.error?.message ?? ''}`,
    );
  for (const id of ids) await client.untilSystem(id, (s) => s.state === to, OP_MS, to);
}

export function bulkLane(ctx: SoakContext, limitMs: number): Promise<void> {
  // Only the systems seeded Running: the seeded Paused ones stay as they are.
  const ids = ctx.world.poolIds.filter((id) => ctx.world.seeded.get(id) === 'Running');
  return lane(
    ctx,
    BULK_KINDS,
    async () => {
      await step(ctx, 'bulk-pause', async () => {
        // Any left Paused by a failed resume (a fault) first run again.
        await all(ctx, ids, 'resume', 'Paused', 'Running');
        await all(ctx, ids, 'pause', 'Running', 'Paused');
      });
      await think(ctx, 8000);
      await step(ctx, 'bulk-resume', () => all(ctx, ids, 'resume', 'Paused', 'Running'));
      await think(ctx, 12_000);
    },
    limitMs,
  );
}
