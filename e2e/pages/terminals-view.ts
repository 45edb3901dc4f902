import { expect, type Locator, type Page } from '@playwright/test';

/** The terminal of one session (the selected tab's panel): its controls, status line and xterm.js screen. */
export class SessionPanel {
  readonly toolbar: Locator;
  readonly status: Locator;
  readonly terminalInput: Locator;
  readonly streamsShown: Locator;

  constructor(
    readonly page: Page,
    readonly root: Locator,
  ) {
    this.toolbar = root.getByRole('toolbar', { name: /^Controls of / });
    this.status = root.getByRole('status');
    this.terminalInput = root.getByRole('textbox', { name: /^Terminal of / });
    this.streamsShown = root.getByRole('combobox', { name: 'Streams shown' });
  }

  /** The session's process id, once its status line shows it. */
  async pid(): Promise<number> {
    await expect(this.status).toHaveText(/pid \d+/);
    return Number(/pid (\d+)/.exec((await this.status.textContent()) ?? '')![1]);
  }

  button(name: 'Send Ctrl+C' | 'Close input' | 'Kill' | 'Find' | 'Copy all' | 'Close tab'): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }

  /**
   * What the terminal shows on screen: xterm.js's DOM rows (its accessibility tree is off by default). The
   * rows are the visible screen only; use copy-all for the scrollback.
   */
  async terminalText(): Promise<string> {
    const rows = this.root.locator('.xterm-rows > div');
    const lines = await rows.allInnerTexts();
    // xterm draws spaces as no-break spaces.
    return lines.map((line) => line.replace(/\u00a0/g, ' ').trimEnd()).join('\n');
  }

  async expectText(expected: string | RegExp, timeout = 15_000): Promise<void> {
    await expect
      .poll(() => this.terminalText(), {
        timeout,
        message: `terminal text should contain ${String(expected)}`,
      })
      .toMatch(typeof expected === 'string' ? new RegExp(escapeRegExp(expected)) : expected);
  }

  async expectNoText(unexpected: string): Promise<void> {
    await expect.poll(() => this.terminalText()).not.toContain(unexpected);
  }

  /** Focuses the terminal and types (each character is a key press). */
  async type(text: string): Promise<void> {
    await this.terminalInput.focus();
    await this.page.keyboard.type(text);
  }

  async press(key: string): Promise<void> {
    await this.terminalInput.focus();
    await this.page.keyboard.press(key);
  }

  /** The spans of the screen holding `text` that are drawn in ANSI red (palette colour 1). */
  redSpans(text: string): Locator {
    return this.root.locator('.xterm-rows span.xterm-fg-1', { hasText: text });
  }
}

/** The Terminals view: the session tabs (named "command — state") and the selected session's panel. */
export class TerminalsView {
  readonly viewTab: Locator;
  readonly region: Locator;
  readonly tabList: Locator;

  constructor(readonly page: Page) {
    this.viewTab = page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: /^Terminals/ });
    this.region = page.getByRole('region', { name: 'Terminals' });
    this.tabList = this.region.getByRole('tablist', { name: 'Terminal sessions' });
  }

  async show(): Promise<void> {
    await this.viewTab.click();
    await expect(this.region).toBeVisible();
  }

  tab(name: string | RegExp): Locator {
    return this.tabList.getByRole('tab', { name });
  }

  /** A session's tab by its command line (whatever its state); a long one is cut in the name as in the tab. */
  tabOf(commandLine: string): Locator {
    const line = commandLine.replace(/\s+/g, ' ').trim();
    const shown = line.length > MAX_TAB_COMMAND ? `${line.slice(0, MAX_TAB_COMMAND - 1)}…` : line;
    return this.tab(new RegExp(`^${escapeRegExp(shown)} — `));
  }

  async select(commandLine: string): Promise<SessionPanel> {
    await this.tabOf(commandLine).click();
    await expect(this.tabOf(commandLine)).toHaveAttribute('aria-selected', 'true');
    return this.selected();
  }

  /** The selected session's panel (the others are hidden). */
  selected(): SessionPanel {
    return new SessionPanel(this.page, this.region.getByRole('tabpanel'));
  }
}

/** Tabs name a session by at most this many characters of its command (renderer/exec/format.ts). */
const MAX_TAB_COMMAND = 80;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
