/**
 * Reading, through the contract: statistics of several systems watched and unwatched (the core's samplers),
 * the host's figures, properties V1 and V2 of systems in every state, the timeline, the operations and the
 * service's properties; and a second client that watches, attaches to a session and then vanishes without a
 * word (its socket cut), which must release everything it held.
 */
import { ContractClient } from '../contract-client.ts';
import { lane, pick, step, think, type SoakContext } from '../context.ts';
import { forgetSession, startSession, untilOutput } from './exec-session.ts';

export const WATCH_KINDS = [
  'stats-watch',
  'host-watch',
  'properties-read',
  'lists-read',
  'client-vanish',
] as const;
const WAIT_MS = 60_000;

/** Counts `channel` events that `accept` takes from now on. */
function counter(
  client: ContractClient,
  channel: 'statistics.update' | 'statistics.host',
  accept: (p: never) => boolean,
) {
  let n = 0;
  const off = client.on(channel, (payload) => {
    if (accept(payload as never)) n++;
  });
  return { count: () => n, off };
}

async function statsWatch(ctx: SoakContext): Promise<void> {
  const { client } = ctx;
  // The exec targets are always Running; the pool's Running ones may all be paused by a bulk step just now.
  const running = ctx.world.poolIds.filter((id) => client.systems.get(id)?.state === 'Running');
  const ids = [
    ...new Set([
      pick(running.length > 0 ? running : ctx.world.execIds),
      pick(ctx.world.poolIds),
      pick(ctx.world.execIds),
    ]),
  ];
  const target = ids[0]!;
  const updates = counter(
    client,
    'statistics.update',
    (p: { id: string; sample: unknown }) => p.id === target && p.sample !== null,
  );
  try {
    for (const id of ids) await client.request('statistics.watch', { id });
    await client.until(() => updates.count() >= 3, WAIT_MS, `3 statistics samples of ${target}`);
  } finally {
    updates.off();
    for (const id of ids) await client.request('statistics.unwatch', { id }).catch(() => undefined);
  }
}

async function hostWatch(ctx: SoakContext): Promise<void> {
  const { client } = ctx;
  const events = counter(client, 'statistics.host', () => true);
  try {
    await client.request('statistics.watchHost', {});
    await client.until(() => events.count() >= 3, WAIT_MS, '3 host statistics events');
  } finally {
    events.off();
    await client.request('statistics.unwatchHost', {}).catch(() => undefined);
  }
}

async function propertiesRead(ctx: SoakContext): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const id = pick(ctx.world.poolIds);
    await ctx.client.request('systems.properties', { id, version: 'v1', types: ['Statistics'] });
    await ctx.client.request('systems.properties', { id, version: 'v2', types: ['Memory'] });
  }
}

async function listsRead(ctx: SoakContext): Promise<void> {
  const { client } = ctx;
  await client.request('systems.list', {});
  await client.request('operations.list', {});
  await client.request('timeline.list', {});
  await client.request('exec.list', {});
  await client.request('service.status', {});
  await client.request('service.properties', {});
}

/** A client that watches statistics and the host, attaches to a running session, then drops its socket. */
async function clientVanish(ctx: SoakContext): Promise<void> {
  const { client } = ctx;
  const marker = `soak-vanish-${ctx.next()}`;
  const session = await startSession(
    client,
    pick(ctx.world.execIds),
    `while :; do echo ${marker}; sleep 0.2; done`,
    false,
  );
  const other = await ContractClient.connect(ctx.url);
  try {
    await other.request('statistics.watch', { id: pick(ctx.world.execIds) });
    await other.request('statistics.watchHost', {});
    const drawn = other.drawOutput(session.sessionId);
    await other.request('exec.attach', { sessionId: session.sessionId });
    await untilOutput(other, drawn, marker);
  } finally {
    other.close();
    await forgetSession(client, session.sessionId);
  }
}

export function watchLane(ctx: SoakContext, limitMs: number): Promise<void> {
  let i = 0;
  return lane(
    ctx,
    WATCH_KINDS,
    async () => {
      const kind = WATCH_KINDS[i++ % WATCH_KINDS.length]!;
      await step(ctx, kind, () => {
        switch (kind) {
          case 'stats-watch':
            return statsWatch(ctx);
          case 'host-watch':
            return hostWatch(ctx);
          case 'properties-read':
            return propertiesRead(ctx);
          case 'lists-read':
            return listsRead(ctx);
          case 'client-vanish':
            return clientVanish(ctx);
        }
      });
      await think(ctx, 2000);
    },
    limitMs,
  );
}
