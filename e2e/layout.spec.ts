import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { readFixture, resetAppUnderTest } from './support/app-under-test.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { repoRoot } from './support/paths.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'the element is laid out').not.toBeNull();
  return box!;
}

/** The part of `a` inside `b` (what of a scrolled element its scroll box shows), or null. */
function clip(a: Box, b: Box): Box | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** What a page's hit test answers (the specs are compiled without the DOM's types). */
interface HitNode {
  contains(other: HitNode | null): boolean;
  closest(selector: string): HitNode | null;
  textContent: string | null;
}
type HitDocument = { elementFromPoint(x: number, y: number): HitNode | null };

/** Whether the element is what a click at its centre reaches (nothing is printed over it). */
async function isOnTop(locator: Locator): Promise<boolean> {
  const box = await boxOf(locator);
  return locator.evaluate(
    (element, { x, y }) => {
      const hit = (globalThis as unknown as { document: HitDocument }).document.elementFromPoint(x, y);
      return hit !== null && (element as unknown as HitNode).contains(hit);
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  );
}

/** The text of the column header a click at a point reaches, or null. */
function headerAt(page: Page, x: number, y: number): Promise<string | null> {
  return page.evaluate(
    (point) =>
      (globalThis as unknown as { document: HitDocument }).document
        .elementFromPoint(point.x, point.y)
        ?.closest('[role="columnheader"]')?.textContent ?? null,
    { x, y },
  );
}

test.describe('small windows (issue 12 §6)', () => {
  for (const size of [
    { width: 1000, height: 700 },
    { width: 800, height: 600 },
  ]) {
    test(`at ${size.width}×${size.height} the list's headers stay out of the details toolbar`, async ({
      app,
    }, testInfo) => {
      await app.page.setViewportSize(size);
      const details = await app.openDetails(SYSTEMS.runningContainer);
      await expect(details.action('Pause')).toBeEnabled();
      const grid = await boxOf(app.grid);
      const toolbar = await boxOf(details.lifecycle);
      expect(overlaps(grid, toolbar), 'the list and the details toolbar side by side').toBe(false);
      // What the list shows of each header is inside the list; what does not fit is scrolled out of sight.
      // The actions column stays at the list's right edge (sticky); the others scroll under it.
      const actionsHeader = app.grid.getByRole('columnheader', { name: 'Actions' });
      const sticky = await boxOf(actionsHeader);
      expect(sticky.x + sticky.width).toBeLessThanOrEqual(grid.x + grid.width + 1);
      const scrolled = { ...grid, width: sticky.x - grid.x };
      for (const header of await app.grid.getByRole('columnheader').all()) {
        const isActions = (await header.textContent()) === 'Actions';
        const shown = clip(await boxOf(header), isActions ? grid : scrolled);
        if (shown === null) continue;
        expect(overlaps(shown, toolbar), `${await header.innerText()} over the details toolbar`).toBe(false);
        // A click on the shown part reaches the header: nothing of the details lies over it either.
        const reached = await headerAt(app.page, shown.x + shown.width / 2, shown.y + shown.height / 2);
        expect(reached).toBe(await header.textContent());
      }
      for (const button of await details.lifecycle.getByRole('button').all())
        expect(await isOnTop(button), `${await button.innerText()} is not covered`).toBe(true);
      // Each row's actions button stays in sight at the list's right edge, however far the columns scroll.
      const actions = app
        .row(SYSTEMS.created)
        .getByRole('button', { name: `Actions for ${SYSTEMS.created}` });
      const actionsBox = await boxOf(actions);
      expect(actionsBox.x + actionsBox.width).toBeLessThanOrEqual(grid.x + grid.width);
      expect(await isOnTop(actions)).toBe(true);
      await saveScreenshot(app.page, testInfo, `layout-${size.width}x${size.height}`);
    });
  }

  test('a 64-character id keeps the details header on one line, its state badge in sight', async ({
    app,
    available,
  }, testInfo) => {
    const demo = readFixture(join(repoRoot, 'sim', 'fixtures', 'demo.json'));
    await resetAppUnderTest(available, demo);
    await app.page.setViewportSize({ width: 1000, height: 700 });
    const docker = demo.systems.find((s) => s.document?.Owner === 'docker' && s.state === 'Running')!.id;
    expect(docker).toHaveLength(64);
    const details = await app.openDetails(docker);
    const heading = details.region.getByRole('heading', { level: 2 });
    await expect(heading).toHaveAttribute('title', docker);
    const pane = await boxOf(details.region);
    const title = await boxOf(heading);
    const badge = details.region.getByText('Running', { exact: true }).first();
    const state = await boxOf(badge);
    // One line: no taller than the badge beside it by much, and the badge whole inside the pane.
    expect(title.height).toBeLessThan(state.height * 2.5);
    expect(state.x + state.width).toBeLessThanOrEqual(pane.x + pane.width);
    expect(await isOnTop(badge)).toBe(true);
    await saveScreenshot(app.page, testInfo, 'layout-long-id');
  });

  test('at 800×600 the details title is shown whole; the buttons beside it move to a line of their own', async ({
    app,
  }) => {
    await app.page.setViewportSize({ width: 800, height: 600 });
    const details = await app.openDetails(SYSTEMS.runningContainer);
    const heading = details.region.getByRole('heading', { level: 2 });
    await expect(heading).toHaveText(SYSTEMS.runningContainer);
    // Not cut: the heading's box holds all of its text.
    expect(
      await heading.evaluate((h) => {
        const box = h as unknown as { scrollWidth: number; clientWidth: number };
        return box.scrollWidth <= box.clientWidth;
      }),
    ).toBe(true);
    const close = await boxOf(details.region.getByRole('button', { name: 'Close details' }));
    const pane = await boxOf(details.region);
    expect(close.x + close.width).toBeLessThanOrEqual(pane.x + pane.width);
    expect(await isOnTop(details.region.getByRole('button', { name: 'Close details' }))).toBe(true);
  });

  test('at 1000 px the header badges do not overlap', async ({ app }) => {
    await app.page.setViewportSize({ width: 1000, height: 700 });
    const banner = app.page.getByRole('banner');
    const boxes: Array<{ name: string; box: Box }> = [];
    for (const badge of await banner.locator('.fui-Badge').all()) {
      if (!(await badge.isVisible())) continue;
      const name = await badge.innerText();
      boxes.push({ name, box: await boxOf(badge) });
      // Its words inside it, on one line.
      const fits = await badge.evaluate((b) => {
        const e = b as unknown as {
          scrollWidth: number;
          clientWidth: number;
          scrollHeight: number;
          clientHeight: number;
        };
        return e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight;
      });
      expect(fits, `${name} fits in its badge`).toBe(true);
      expect(name).not.toContain('\n');
    }
    for (const button of await banner.getByRole('button').all())
      expect(await isOnTop(button), `${await button.innerText()} is not covered`).toBe(true);
    expect(boxes.length).toBeGreaterThan(0);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(overlaps(a.box, b.box), `${a.name} and ${b.name} overlap`).toBe(false);
  });
});

test.describe('resizable panes and columns, remembered (issue 12 §6)', () => {
  test('the divider moves with the arrow keys and the details keep their width after a reload', async ({
    app,
  }, testInfo) => {
    await app.page.setViewportSize({ width: 1200, height: 800 });
    const details = await app.openDetails(SYSTEMS.runningVm);
    const divider = app.detailsDivider;
    const before = Number(await divider.getAttribute('aria-valuenow'));
    await divider.focus();
    await app.page.keyboard.press('ArrowLeft');
    await app.page.keyboard.press('ArrowLeft');
    await expect(divider).toHaveAttribute('aria-valuenow', String(before + 32));
    await expect.poll(async () => Math.round((await boxOf(details.region)).width)).toBe(before + 32);
    await expectAccessibleInBothThemes(app.page, testInfo, 'the list with the details divider');

    await app.page.reload();
    await app.waitUntilLoaded();
    await app.openDetails(SYSTEMS.runningVm);
    await expect(app.detailsDivider).toHaveAttribute('aria-valuenow', String(before + 32));
  });

  test('the divider follows the pointer', async ({ app }) => {
    await app.page.setViewportSize({ width: 1200, height: 800 });
    await app.openDetails(SYSTEMS.runningVm);
    const divider = app.detailsDivider;
    const before = Number(await divider.getAttribute('aria-valuenow'));
    const box = await boxOf(divider);
    await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(box.x + box.width / 2 - 100, box.y + box.height / 2, { steps: 4 });
    await app.page.mouse.up();
    await expect(divider).toHaveAttribute('aria-valuenow', String(before + 100));
  });

  test("a column's width moves with the arrow keys and is remembered", async ({ app }) => {
    const splitter = app.columnSplitter('Name');
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await app.page.keyboard.press('Shift+ArrowRight');
    await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 64));
    await expect
      .poll(async () => Math.round((await boxOf(app.grid.getByRole('columnheader', { name: 'Name' }))).width))
      .toBe(before + 64);
    await app.page.reload();
    await app.waitUntilLoaded();
    await expect(app.columnSplitter('Name')).toHaveAttribute('aria-valuenow', String(before + 64));
  });
});
