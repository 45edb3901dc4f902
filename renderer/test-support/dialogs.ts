import { screen, waitFor } from '@testing-library/react';

/*
 * Waiting for Fluent UI's dialogs as a user does.
 *
 * A Fluent dialog is modal through tabster's modalizer: while it is active, everything else in the page is
 * aria-hidden, and tabster sets and clears those attributes on a 250 ms timer after the active modal changes
 * (it batches the page walk for speed). A closing dialog also stays mounted, emptied, until its exit motion
 * has run. So right after a dialog opens or closes, a lookup by role can still see the old state: the dialog
 * that is closing, the page behind it still hidden, or the new dialog hidden behind the old one. On an idle
 * machine the test usually wins that race; on a busy one the timer fires mid-test. These helpers wait for the
 * state a user waits for instead of looking once.
 */

function dialogsNamed(name: string | RegExp, hidden = false): HTMLElement[] {
  return [
    ...screen.queryAllByRole('dialog', { name, hidden }),
    ...screen.queryAllByRole('alertdialog', { name, hidden }),
  ];
}

/**
 * The open dialog (or alert dialog) whose accessible name (its title) is `name`, once it is shown with its
 * content and reachable by assistive technology; a closing dialog has lost its title and never matches.
 */
export function findDialog(name: string | RegExp): Promise<HTMLElement> {
  return waitFor(() => {
    const found = dialogsNamed(name);
    if (found.length !== 1) {
      const inPage = dialogsNamed(/.*/, true).map((d) => JSON.stringify(d.textContent?.slice(0, 80)));
      throw new Error(
        `expected one open, accessible dialog named ${String(name)}, found ${found.length}; dialogs in the page: ${inPage.join(', ') || 'none'}`,
      );
    }
    return found[0]!;
  });
}

/** Waits until no dialog is in the page any more and the page behind it is reachable again. */
export function waitForDialogsClosed(): Promise<void> {
  return waitFor(() => {
    const left = dialogsNamed(/.*/, true).length;
    if (left > 0) throw new Error('a dialog is still in the page (its exit has not finished)');
    // tabster's focus sentinels (<i data-tabster-dummy aria-hidden="true">) are hidden by design.
    const hidden = [...document.body.children].filter(
      (e) => e.getAttribute('aria-hidden') === 'true' && !e.hasAttribute('data-tabster-dummy'),
    );
    if (hidden.length > 0) throw new Error('the page behind the closed dialog is still aria-hidden');
  });
}
