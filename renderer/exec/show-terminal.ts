/**
 * Whether starting a process switches to the Terminals view: the Exec dialog's choice, remembered in this
 * browser's storage (on unless the user turned it off). Off, the user keeps their place in the Systems view and
 * a toast offers the new terminal.
 */
export const SHOW_TERMINAL_STORAGE_KEY = 'hcs-desktop.exec-show-terminal.v1';

type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function showTerminalOnStart(storage: PreferenceStorage | null): boolean {
  try {
    return storage?.getItem(SHOW_TERMINAL_STORAGE_KEY) !== 'false';
  } catch {
    return true; // Storage disabled: the default.
  }
}

export function rememberShowTerminal(storage: PreferenceStorage | null, show: boolean): void {
  try {
    storage?.setItem(SHOW_TERMINAL_STORAGE_KEY, String(show));
  } catch {
    // Quota exceeded or storage disabled: the choice holds for this dialog only.
  }
}
