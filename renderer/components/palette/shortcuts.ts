/** The window's keyboard shortcuts, as the shortcuts sheet lists them (one home for what the keys do). */
export interface Shortcut {
  keys: string;
  what: string;
}

export const SHORTCUT_GROUPS: readonly { title: string; shortcuts: readonly Shortcut[] }[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: 'Ctrl+K (⌘K on a Mac)', what: 'Command palette: find a system, a view or an action' },
      { keys: '?', what: 'This list of shortcuts' },
      { keys: 'Escape', what: 'Close the dialog, menu or details pane' },
    ],
  },
  {
    title: 'Systems list',
    shortcuts: [
      { keys: '↑ ↓', what: 'Move between systems' },
      { keys: '→ ←', what: "Show or hide a utility VM's hosted containers; ← on a container goes to its VM" },
      { keys: 'Space', what: 'Tick or untick a system for a bulk action' },
      { keys: 'Enter', what: 'Open its details' },
      { keys: 'Shift+F10 or the menu key', what: "The system's menu: its actions, copy its id" },
      { keys: 'Ctrl+C', what: "Copy the system's full id" },
      { keys: '← → on a divider', what: 'Resize the details pane or a column (Shift: larger steps)' },
    ],
  },
  {
    title: 'Details and terminals',
    shortcuts: [
      { keys: '← →', what: 'Move between tabs' },
      { keys: '↑ ↓ ← →', what: 'Walk and fold a JSON tree' },
      { keys: 'Ctrl+F', what: 'Search a terminal' },
    ],
  },
];

/** The command palette's key: Ctrl+K, or ⌘K on a Mac. */
export function isPaletteKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
}

/** `?` opens the shortcuts, except where it is typed as text. */
export function isShortcutsKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>,
): boolean {
  if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return false;
  return !isTextEntry(e.target);
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
  // A terminal takes every key.
  return target.closest('.xterm') !== null;
}
