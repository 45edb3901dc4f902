/**
 * Puts the world back as it was seeded once the lanes have stopped, so that what is measured next is what
 * the app keeps, not what the workload left in flight: no fault, the service connected, no system the soak
 * created, no exec session, no process of the workload running, every seeded system in its seeded state, both
 * pages at rest. The lanes clean up
 * after themselves; whatever this still finds is counted (a lane that could not), not hidden.
 */
import type { SoakContext } from './context.ts';
import { CREATED_PREFIX, dispose, operate } from './lanes/churn.ts';
import { forgetSession } from './lanes/exec-session.ts';
import type { SoakPage } from './ui-page.ts';

const WAIT_MS = 180_000;

export async function quiesce(ctx: SoakContext, pages: readonly SoakPage[]): Promise<void> {
  const { client, control, tally } = ctx;
  await control.clearFaults();
  await client.untilConnected(WAIT_MS);

  for (const id of [...client.systems.keys()].filter((id) => id.startsWith(CREATED_PREFIX))) {
    tally.count('quiesce: created systems left by a lane');
    await dispose(ctx, id);
  }
  for (const session of await client.request('exec.list', {})) {
    tally.count('quiesce: exec sessions left by a lane');
    await forgetSession(client, session.sessionId);
  }
  for (const [id, seeded] of ctx.world.seeded) {
    const now = client.systems.get(id)?.state;
    if (now === seeded) continue;
    tally.count('quiesce: seeded systems put back in their state');
    if (seeded === 'Running' && now === 'Paused') await operate(client, 'systems.resume', id);
    else if (seeded === 'Paused' && now === 'Running') await operate(client, 'systems.pause', id);
    else throw new Error(`${id} is ${now ?? 'not listed'}, seeded ${seeded}: the soak cannot put it back`);
    await client.untilSystem(id, (s) => s.state === seeded, WAIT_MS, seeded);
  }
  await stopLeftoverProcesses(ctx);
  for (const page of pages) await page.rest();
}

/**
 * Processes the workload started that still run with no session of the app holding them: a session whose
 * process handle went with the service (a fault) ends as failed while its process runs on, as it would on
 * Windows. Each is killed by pid through the contract (processes.kill, as a user would from the Processes tab)
 * and counted with its command line, so that an exec kill that stopped working shows here too.
 */
async function stopLeftoverProcesses(ctx: SoakContext): Promise<void> {
  const { client, control, tally } = ctx;
  const running = async () =>
    (await control.systems())
      .filter((s) => ctx.world.seeded.has(s.id))
      .flatMap((s) => s.processes.filter((p) => !p.exited).map((p) => ({ id: s.id, ...p })));
  const leftovers = await running();
  for (const p of leftovers) {
    tally.count(`quiesce: process left running, killed by pid: ${p.commandLine.slice(0, 60)}`);
    await client.request('processes.kill', { id: p.id, pid: p.pid });
  }
  const deadline = Date.now() + WAIT_MS;
  while (leftovers.length > 0 && (await running()).length > 0) {
    if (Date.now() > deadline) throw new Error('processes killed by pid are still running');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
