import { expect, type Locator, type Page } from '@playwright/test';

export interface ExecOptions {
  /** An emulated console (pty); the dialog's default is on. */
  tty?: boolean;
  cwd?: string;
  /** The user the process runs as (empty: the system's default). */
  user?: string;
  env?: Record<string, string>;
  /** Switch to the Terminals view when it starts (the dialog's default is on, remembered per browser). */
  showTerminal?: boolean;
}

/** The "Exec in …" dialog: command line, working directory, environment rows, console switch, history. */
export class ExecDialog {
  readonly dialog: Locator;
  readonly commandLine: Locator;
  readonly workingDirectory: Locator;
  readonly user: Locator;
  readonly showTerminal: Locator;
  readonly emulatedConsole: Locator;
  readonly recentCommands: Locator;
  readonly startButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Exec in / });
    this.commandLine = this.dialog.getByRole('textbox', { name: /^Command line/ });
    this.workingDirectory = this.dialog.getByRole('textbox', { name: /^Working directory/ });
    this.user = this.dialog.getByRole('textbox', { name: /^User/ });
    this.showTerminal = this.dialog.getByRole('switch', { name: 'Show the terminal when it starts' });
    this.emulatedConsole = this.dialog.getByRole('switch', { name: 'Emulated console' });
    this.recentCommands = this.dialog.getByRole('combobox', { name: /^Recent commands/ });
    this.startButton = this.dialog.getByRole('button', { name: 'Start', exact: true });
    this.cancelButton = this.dialog.getByRole('button', { name: 'Cancel' });
  }

  async addVariable(name: string, value: string): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Add variable' }).click();
    const index = await this.dialog.getByRole('textbox', { name: /^Name of variable / }).count();
    await this.dialog.getByRole('textbox', { name: `Name of variable ${index}` }).fill(name);
    await this.dialog.getByRole('textbox', { name: `Value of variable ${index}` }).fill(value);
  }

  async fill(commandLine: string, options: ExecOptions = {}): Promise<void> {
    await this.commandLine.fill(commandLine);
    if (options.cwd !== undefined) await this.workingDirectory.fill(options.cwd);
    if (options.user !== undefined) await this.user.fill(options.user);
    if (options.showTerminal !== undefined) await this.showTerminal.setChecked(options.showTerminal);
    for (const [name, value] of Object.entries(options.env ?? {})) await this.addVariable(name, value);
    await this.emulatedConsole.setChecked(options.tty ?? true);
  }

  /** Starts the process; the dialog closes and (unless told to stay) the Terminals view shows its tab. */
  async start(): Promise<void> {
    await this.startButton.click();
    await expect(this.dialog).toBeHidden();
  }

  /** Picks a remembered command, which fills the dialog in. */
  async chooseRecent(commandLine: string): Promise<void> {
    await this.recentCommands.click();
    await this.page.getByRole('option', { name: commandLine, exact: true }).click();
  }

  async recentOptions(): Promise<string[]> {
    await this.recentCommands.click();
    const names = await this.page.getByRole('option').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return names.map((n) => n.trim());
  }
}
