import { expect, test, BOTH_APIS } from './fixtures.ts';

/** The page's clipboard (this file is type-checked without the DOM library). */
interface Navigator {
  clipboard: { readText(): Promise<string> };
}
import type { AppPage } from './pages/app-page.ts';
import type { ExecOptions } from './pages/exec-dialog.ts';
import { escapeRegExp, type SessionPanel } from './pages/terminals-view.ts';
import { expectAccessibleInBothThemes } from './support/a11y.ts';
import { saveScreenshot } from './support/screenshots.ts';
import { SYSTEMS } from './support/test-systems.ts';

/**
 * Starts `commandLine` in a running system from its details and returns the new session's terminal. Sessions
 * of earlier specs may still be listed (the app core keeps them, orphaned by the reset, until forgotten): each
 * spec's commands carry a marker of their own.
 */
async function run(app: AppPage, commandLine: string, options: ExecOptions = {}): Promise<SessionPanel> {
  await app.showSystems();
  const details = await app.openDetails(SYSTEMS.runningVm);
  const dialog = await details.exec();
  await dialog.fill(commandLine, options);
  await dialog.start();
  await expect(app.terminals.region).toBeVisible();
  await expect(app.terminals.tabOf(commandLine)).toHaveAttribute('aria-selected', 'true');
  return app.terminals.selected();
}

test.describe('exec', () => {
  test('runs a command and shows its output and exit code', { tag: BOTH_APIS }, async ({ app }, testInfo) => {
    const command = "echo hello-from-exec-1; printf 'caf\\303\\251 ok\\n'; exit 3";
    const session = await run(app, command, { tty: false });
    await session.expectText('hello-from-exec-1');
    await session.expectText('café ok');
    await expect(session.status).toHaveText(/^Exited with code 3 after \d+(\.\d)? s$/);
    await expect(app.terminals.tab(`${command} — exited 3`)).toBeVisible();
    await expectAccessibleInBothThemes(app.page, testInfo, 'the Terminals view');
    await saveScreenshot(app.page, testInfo, 'terminal');
    await app.page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(app.page, testInfo, 'terminal-dark');
    await app.page.setViewportSize({ width: 1000, height: 700 });
    await expect(app.terminals.tab(`${command} — exited 3`)).toBeVisible();
    await saveScreenshot(app.page, testInfo, 'terminal-1000x700');
  });

  test('stdout and stderr are both shown, stderr in red, and either can be shown alone', async ({ app }) => {
    // Two pipes: how their lines interleave on screen depends on which the app reads first.
    const command = 'echo out-line-2; echo err-line-2 >&2; echo out-again-2';
    const session = await run(app, command, { tty: false });
    await session.expectText('out-again-2');
    await session.expectText('err-line-2');
    await expect(session.redSpans('err-line-2')).toHaveCount(1);
    await expect(session.redSpans('out-line-2')).toHaveCount(0);

    await session.streamsShown.selectOption({ label: 'stderr only' });
    await session.expectText('err-line-2');
    await session.expectNoText('out-line-2');
    await session.streamsShown.selectOption({ label: 'stdout only' });
    await session.expectText(/out-line-2\s+out-again-2/);
    await session.expectNoText('err-line-2');
    await session.streamsShown.selectOption({ label: 'stdout and stderr' });
    await session.expectText('err-line-2');
    await session.expectText(/out-line-2[\s\S]*out-again-2/);
    await expect(session.redSpans('err-line-2')).toHaveCount(1);
  });

  test('the working directory and environment reach the process', { tag: BOTH_APIS }, async ({ app }) => {
    const command = 'echo "dir=$(pwd) var=$MARKER_3"';
    const session = await run(app, command, { tty: false, cwd: '/tmp', env: { MARKER_3: 'value-3' } });
    await session.expectText('dir=/tmp var=value-3');
    await expect(session.status).toHaveText(/^Exited with code 0/);
  });

  test('the user reaches the process; the Systems view can be kept, a toast offers the terminal', async ({
    app,
  }, testInfo) => {
    const command = 'echo "user=$USER" # exec-user-1';
    const details = await app.openDetails(SYSTEMS.runningVm);
    const dialog = await details.exec();
    await dialog.fill(command, { tty: false, user: 'alice', showTerminal: false });
    await expectAccessibleInBothThemes(app.page, testInfo, 'the Exec dialog with a user');
    await dialog.start();
    const toast = app.toast(`Started in ${SYSTEMS.runningVm}`);
    await expect(toast).toBeVisible();
    await expect(details.region).toBeVisible();
    await expect(app.terminals.region).toBeHidden();
    await toast.getByRole('button', { name: 'Show terminal' }).click();
    await expect(app.terminals.tabOf(command)).toHaveAttribute('aria-selected', 'true');
    const session = app.terminals.selected();
    await session.expectText('user=alice');
    // The choice is remembered: the next Exec dialog keeps the user in place again.
    await app.showSystems();
    const again = await details.exec();
    await expect(again.showTerminal).not.toBeChecked();
    await again.cancelButton.click();
    await expect(again.dialog).toBeHidden();
  });

  test(
    'a console session reports its size and follows the terminal',
    { tag: BOTH_APIS },
    async ({ app }, testInfo) => {
      const command = 'stty size; echo marker-4; cat';
      const session = await run(app, command, { tty: true });
      await session.expectText('marker-4');
      // The console was sized from the terminal on screen: `stty size` prints "rows cols".
      await expect(session.status).toHaveText(/console \d+×\d+/);
      const [, cols, rows] = /console (\d+)×(\d+)/.exec((await session.status.textContent()) ?? '')!;
      await session.expectText(new RegExp(`^${rows} ${cols}$`, 'm'));

      // A smaller window resizes the console: stty in the same session sees it.
      await app.page.setViewportSize({ width: 900, height: 700 });
      await expect(session.status).not.toHaveText(new RegExp(`console ${cols}×${rows}`));
      const [, cols2, rows2] = /console (\d+)×(\d+)/.exec((await session.status.textContent()) ?? '')!;
      expect(Number(cols2)).toBeLessThan(Number(cols));
      await session.type('typed-4\r');
      await session.expectText(/typed-4\s+typed-4/); // the pty echoes, then cat prints the line
      await saveScreenshot(app.page, testInfo, 'tty');
      await session.press('Control+D');
      await expect(session.status).toHaveText(/^Exited with code 0/);
      expect(rows2).toMatch(/^\d+$/);
    },
  );

  test('Ctrl+C typed in a console stops sleep', { tag: BOTH_APIS }, async ({ app }) => {
    const command = 'sleep 100 # ctrl-c-5';
    const session = await run(app, command, { tty: true });
    await expect(session.status).toHaveText(/^Running since/);
    await session.press('Control+C');
    await expect(session.status).toHaveText(/^Exited with code 130 after/);
    await expect(app.terminals.tab(`${command} — exited 130`)).toBeVisible();
  });

  test(
    'Send Ctrl+C interrupts a process without a console; Close input ends cat',
    { tag: BOTH_APIS },
    async ({ app }) => {
      const sleeper = 'sleep 100 # signal-6';
      const session = await run(app, sleeper, { tty: false });
      await expect(session.button('Send Ctrl+C')).toBeEnabled();
      await session.button('Send Ctrl+C').click();
      await expect(session.status).toHaveText(/^Exited with code 130/);

      const cat = 'cat # eof-6';
      const catSession = await run(app, cat, { tty: false });
      await expect(catSession.status).toHaveText(/input open/);
      await catSession.type('line-one-6\r');
      // Echoed as typed (there is no pty), then printed back by cat.
      await catSession.expectText(/line-one-6\s+line-one-6/);
      await catSession.button('Close input').click();
      await expect(catSession.status).toHaveText(/^Exited with code 0/);
    },
  );

  test('two sessions at once, as tabs the arrow keys move between', async ({ app }, testInfo) => {
    const first = 'echo first-tab-7; sleep 100';
    const second = 'echo second-tab-7; sleep 100';
    const one = await run(app, first, { tty: false });
    await one.expectText('first-tab-7');
    const two = await run(app, second, { tty: false });
    await two.expectText('second-tab-7');
    await two.expectNoText('first-tab-7');
    await expect(app.terminals.tabOf(first)).toHaveAccessibleName(`${first} — running`);
    await expectAccessibleInBothThemes(app.page, testInfo, 'two terminal tabs');

    await app.terminals.tabOf(second).focus();
    await app.page.keyboard.press('ArrowLeft');
    await expect(app.terminals.tabOf(first)).toBeFocused();
    await app.page.keyboard.press('Enter');
    await expect(app.terminals.tabOf(first)).toHaveAttribute('aria-selected', 'true');
    await app.terminals.selected().expectText('first-tab-7');

    for (const command of [first, second]) {
      const session = await app.terminals.select(command);
      await session.button('Kill').click();
      await expect(app.terminals.tab(`${command} — exited 137`)).toBeVisible();
    }
    // An ended session's tab closes for good.
    await app.terminals.selected().button('Close tab').click();
    await expect(app.terminals.tabOf(second)).toHaveCount(0);
    await expect(app.terminals.tabOf(first)).toBeVisible();
  });

  test('a session survives a reload, with its earlier output', async ({ app }) => {
    const command = 'echo before-reload-8; cat';
    const session = await run(app, command, { tty: true });
    await session.expectText('before-reload-8');
    await session.type('typed-before-8\r');
    await session.expectText(/typed-before-8\s+typed-before-8/);

    await app.page.reload();
    await app.waitUntilLoaded();
    await app.terminals.show();
    const again = await app.terminals.select(command);
    await again.expectText(/before-reload-8\s+typed-before-8\s+typed-before-8/);
    await again.type('typed-after-8\r');
    await again.expectText(/typed-after-8\s+typed-after-8/);
    // Each line once: the replay and the live output were not both drawn.
    expect((await again.terminalText()).match(/before-reload-8/g)).toHaveLength(1);
    await again.button('Kill').click();
    await expect(again.status).toHaveText(/^Exited with code 137/);
  });

  test('a running session whose tab is closed goes on in the background', async ({ app }) => {
    const command = 'echo background-9; sleep 100';
    const session = await run(app, command, { tty: false });
    await session.expectText('background-9');
    await session.button('Close tab').click();
    await expect(app.terminals.tabOf(command)).toHaveCount(0);
    await app.terminals.region.getByRole('button', { name: /^In background/ }).click();
    await app.page.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(command)} — running`) }).click();
    const back = app.terminals.selected();
    await back.expectText('background-9');
    await back.button('Kill').click();
    await expect(back.status).toHaveText(/^Exited with code 137/);
  });

  test('find in the output and copy it all', async ({ app, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const command = 'for i in 1 2 3; do echo needle-10 $i; done; echo haystack-10';
    const session = await run(app, command, { tty: false });
    await session.expectText('haystack-10');
    await session.press('Control+F');
    const find = session.root.getByRole('textbox', { name: 'Find in output' });
    await expect(find).toBeFocused();
    await find.fill('needle-10');
    await expect(session.root.getByText('1 of 3')).toBeVisible();
    await find.press('Enter');
    await expect(session.root.getByText('2 of 3')).toBeVisible();
    await find.press('Shift+Enter');
    await expect(session.root.getByText('1 of 3')).toBeVisible();
    await find.press('Escape');
    await expect(find).toBeHidden();
    await expect(session.terminalInput).toBeFocused();

    await session.button('Copy all').click();
    await expect(app.toast('Output copied to the clipboard')).toBeVisible();
    const copied = await app.page.evaluate(() =>
      (globalThis as unknown as { navigator: Navigator }).navigator.clipboard.readText(),
    );
    expect(copied).toBe('needle-10 1\nneedle-10 2\nneedle-10 3\nhaystack-10');
  });

  test('the dialog remembers recent commands per system', async ({ app }) => {
    const command = 'echo remembered-11';
    const session = await run(app, command, { tty: false, env: { KEEP_11: 'yes' } });
    await session.expectText('remembered-11');
    await app.showSystems();
    const dialog = await (await app.openDetails(SYSTEMS.runningVm)).exec();
    expect(await dialog.recentOptions()).toContain(command);
    await dialog.chooseRecent(command);
    await expect(dialog.commandLine).toHaveValue(command);
    await expect(dialog.emulatedConsole).not.toBeChecked();
    await expect(dialog.dialog.getByRole('textbox', { name: 'Name of variable 1' })).toHaveValue('KEEP_11');
    await dialog.cancelButton.click();
  });

  test('a process HCS refuses to start shows why', { tag: BOTH_APIS }, async ({ app }) => {
    const command = 'echo never-12';
    const session = await run(app, command, { tty: false, cwd: '/no/such/dir-12' });
    await expect(session.status).toHaveText(/^Failed to start: /);
    await expect(app.terminals.tab(`${command} — failed`)).toBeVisible();
    await session.root.getByRole('button', { name: 'Show error details' }).click();
    await expect(session.root).toContainText('0x8007010B');
  });
});
