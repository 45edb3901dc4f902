/**
 * The two browser clients' part of the workload. The operator (page A, never reloaded, so that its
 * responsiveness at the end carries everything the run did to it) selects systems and reads their
 * statistics, runs a command in a terminal, pauses and resumes a group of systems with the bulk actions and
 * one from its details. The watcher (page B) keeps the Host, Events and Terminals views and statistics
 * charts open, and now and then reloads (a new WebSocket; the old one must leave nothing behind).
 * A failed step puts its page back at rest; if even that fails, the page is reloaded (and counted).
 */
import { EventsView } from '../../../e2e/pages/events-view.ts';
import { HostView } from '../../../e2e/pages/host-view.ts';
import { lane, pick, step, think, type SoakContext } from '../context.ts';
import { UI_WAIT_MS, type SoakPage } from '../ui-page.ts';

export const OPERATOR_KINDS = ['ui-select-stats', 'ui-exec', 'ui-bulk', 'ui-lifecycle'] as const;
export const WATCHER_KINDS = ['ui-host', 'ui-events', 'ui-terminals', 'ui-charts', 'ui-reload'] as const;

function runningPoolId(ctx: SoakContext): string {
  const running = ctx.world.poolIds.filter(
    (id) => ctx.world.seeded.get(id) === 'Running' && ctx.client.systems.get(id)?.state === 'Running',
  );
  return pick(running.length > 0 ? running : ctx.world.execIds);
}

async function selectStats(ctx: SoakContext, page: SoakPage): Promise<void> {
  const details = await page.openDetails(runningPoolId(ctx));
  await page.detailsTab(details, 'Statistics');
  await details.chart('CPU').locator('canvas').first().waitFor({ timeout: UI_WAIT_MS });
  await think(ctx, 3000);
  await page.closeDetails();
}

async function uiExec(ctx: SoakContext, page: SoakPage): Promise<void> {
  const marker = `soak-ui-exec-${ctx.next()}`;
  const commandLine = `echo ${marker}; seq 1 500; echo end-${marker}`;
  const details = await page.openDetails(pick(ctx.world.execIds));
  await details.region.getByRole('button', { name: 'Exec…', exact: true }).click({ timeout: UI_WAIT_MS });
  const dialog = page.page.getByRole('dialog', { name: /^Exec in / });
  await dialog.getByRole('textbox', { name: /^Command line/ }).fill(commandLine, { timeout: UI_WAIT_MS });
  await dialog.getByRole('switch', { name: 'Emulated console' }).setChecked(false, { timeout: UI_WAIT_MS });
  await dialog.getByRole('button', { name: 'Start', exact: true }).click({ timeout: UI_WAIT_MS });
  await dialog.waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
  const tab = page.terminals.tabOf(commandLine);
  await page.terminals.region.waitFor({ timeout: UI_WAIT_MS });
  await tab.click({ timeout: UI_WAIT_MS });
  const panel = page.terminals.selected();
  await panel.status.filter({ hasText: /^Exited with code 0 / }).waitFor({ timeout: UI_WAIT_MS });
  await panel.root
    .locator('.xterm-rows')
    .filter({ hasText: `end-${marker}` })
    .waitFor({ timeout: UI_WAIT_MS });
  await panel.button('Close tab').click({ timeout: UI_WAIT_MS });
  await tab.waitFor({ state: 'detached', timeout: UI_WAIT_MS });
}

async function uiBulk(ctx: SoakContext, page: SoakPage): Promise<void> {
  const ids = ctx.world.uiBulkIds;
  const bar = page.app.bulkActions;
  await page.showView('Systems');
  await page.closeDetails();
  await page.search(ctx.world.uiBulkIds[0]!.replace(/\d+$/, ''), ids);
  await page.page.getByRole('checkbox', { name: 'Select all shown systems' }).check({ timeout: UI_WAIT_MS });
  await bar.waitFor({ timeout: UI_WAIT_MS });
  const resume = bar.getByRole('button', { name: 'Resume selected' });
  // Left paused by a step that failed: resumed first.
  if (await resume.isEnabled()) {
    await resume.click({ timeout: UI_WAIT_MS });
    for (const id of ids) await page.waitState(id, 'Running');
  }
  await bar.getByRole('button', { name: 'Pause selected' }).click({ timeout: UI_WAIT_MS });
  for (const id of ids) await page.waitState(id, 'Paused');
  await resume.click({ timeout: UI_WAIT_MS });
  for (const id of ids) await page.waitState(id, 'Running');
  await page.untickAll();
}

async function uiLifecycle(ctx: SoakContext, page: SoakPage): Promise<void> {
  const id = pick(ctx.world.uiBulkIds);
  const details = await page.openDetails(id);
  await details.action('Pause').click({ timeout: UI_WAIT_MS });
  await page.waitState(id, 'Paused');
  await details.action('Resume').click({ timeout: UI_WAIT_MS });
  await page.waitState(id, 'Running');
  await page.closeDetails();
}

async function charts(ctx: SoakContext, page: SoakPage): Promise<void> {
  const details = await page.openDetails(runningPoolId(ctx));
  await page.detailsTab(details, 'Statistics');
  await details.region.getByRole('radio', { name: '15 min' }).check({ timeout: UI_WAIT_MS });
  await details.region.getByRole('button', { name: 'Show table' }).click({ timeout: UI_WAIT_MS });
  await details.region.getByRole('table').waitFor({ timeout: UI_WAIT_MS });
  await think(ctx, 3000);
  await page.closeDetails();
}

/** Runs a step on `page`; a failure puts it back at rest, or reloads it. */
async function uiStep(
  ctx: SoakContext,
  page: SoakPage,
  who: 'operator' | 'watcher',
  kind: string,
  run: () => Promise<void>,
): Promise<void> {
  if (await step(ctx, kind, run)) return;
  try {
    await page.rest();
  } catch {
    // The operator's count should stay 0: its page is the one whose responsiveness is compared.
    ctx.tally.count(`${who} page reloaded after a failed step`);
    await page.load().catch((e: unknown) => ctx.log(`ui: reloading the ${who}'s page failed: ${String(e)}`));
  }
}

export function operatorLane(ctx: SoakContext, page: SoakPage, limitMs: number): Promise<void> {
  let i = 0;
  return lane(
    ctx,
    OPERATOR_KINDS,
    async () => {
      const kind = OPERATOR_KINDS[i++ % OPERATOR_KINDS.length]!;
      await uiStep(ctx, page, 'operator', kind, () => {
        switch (kind) {
          case 'ui-select-stats':
            return selectStats(ctx, page);
          case 'ui-exec':
            return uiExec(ctx, page);
          case 'ui-bulk':
            return uiBulk(ctx, page);
          case 'ui-lifecycle':
            return uiLifecycle(ctx, page);
        }
      });
      await think(ctx, 2000);
    },
    limitMs,
  );
}

export function watcherLane(ctx: SoakContext, page: SoakPage, limitMs: number): Promise<void> {
  let i = 0;
  return lane(
    ctx,
    WATCHER_KINDS,
    async () => {
      const kind = WATCHER_KINDS[i++ % WATCHER_KINDS.length]!;
      await uiStep(ctx, page, 'watcher', kind, async () => {
        switch (kind) {
          case 'ui-host':
            await page.showView('Host');
            await new HostView(page.page).region.waitFor({ timeout: UI_WAIT_MS });
            break;
          case 'ui-events':
            await page.showView('Events');
            await new EventsView(page.page).table.waitFor({ timeout: UI_WAIT_MS });
            break;
          case 'ui-terminals':
            await page.showView('Terminals');
            await page.terminals.region.waitFor({ timeout: UI_WAIT_MS });
            break;
          case 'ui-charts':
            await page.showView('Systems');
            await charts(ctx, page);
            break;
          case 'ui-reload':
            await page.load();
            break;
        }
        await think(ctx, 4000);
      });
    },
    limitMs,
  );
}
