import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

export type ThemeName = 'light' | 'dark';

/** The WCAG 2.1 A and AA rules, and axe's best practices (landmarks, headings, names of regions). */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Shows the page in a colour scheme as the operating system would ask for it: the app follows the system's
 * scheme by default (its theme setting is "system"), and sets the page's color-scheme once it has switched,
 * which is what this waits for. Then it waits for the colour transitions the switch started to end: Fluent's
 * buttons ease their colour, and even with motion reduced (0.01 ms) a transition shows its starting colour until
 * the next frame, so a contrast check in between read the dark theme's text (#d6d6d6) on the light background.
 */
export async function showTheme(page: Page, theme: ThemeName): Promise<void> {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  await expect(page.locator('html')).toHaveCSS('color-scheme', theme);
  // getAnimations() brings style up to date first, so the switch's transitions are among them. Only transitions:
  // a spinner's or a cursor's animation never ends.
  await page.evaluate(() => {
    // This file is compiled without the DOM's types: the little it uses, declared.
    interface Running {
      finished: Promise<unknown>;
    }
    const g = globalThis as unknown as {
      document: { getAnimations(): Running[] };
      CSSTransition: abstract new () => Running;
    };
    return Promise.all(
      g.document
        .getAnimations()
        .filter((a) => a instanceof g.CSSTransition)
        .map((a) => a.finished.catch(() => undefined)),
    );
  });
}

/**
 * axe-core over the whole page as it is now, in the given theme: every violation of the rules above fails the
 * test with its rule, impact and the elements it found. The full results are attached to the test report.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, what: string): Promise<void> {
  // axe-core walks the whole page: seconds of work on a small busy machine, on top of what the test does.
  testInfo.setTimeout(testInfo.timeout + 30_000);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  await testInfo.attach(`axe ${what}`, {
    body: JSON.stringify({ violations: results.violations, passes: results.passes.length }, null, 2),
    contentType: 'application/json',
  });
  const found = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ') ?? ''}`)
        .join('\n'),
  );
  expect(found, `axe-core violations on ${what}`).toEqual([]);
}

/** axe-core in the light theme and in the dark one; leaves the page in `end` (light unless told). */
export async function expectAccessibleInBothThemes(
  page: Page,
  testInfo: TestInfo,
  what: string,
  end: ThemeName = 'light',
): Promise<void> {
  for (const theme of end === 'light' ? (['dark', 'light'] as const) : (['light', 'dark'] as const)) {
    await showTheme(page, theme);
    await expectAccessible(page, testInfo, `${what} (${theme})`);
  }
}
