// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { CommandPalette } from './CommandPalette.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { useGlobalKeys } from './use-global-keys.ts';

afterEach(cleanup);

function Keys(props: { palette(): void; shortcuts(): void }) {
  useGlobalKeys(props);
  return (
    <>
      <input aria-label="a text field" />
      <button>a button</button>
    </>
  );
}

describe('command palette and shortcuts (issue 12 §5)', () => {
  it('Ctrl+K and ⌘K open the palette anywhere; ? opens the shortcuts except where it is typed', () => {
    const palette = vi.fn();
    const shortcuts = vi.fn();
    render(<Keys palette={palette} shortcuts={shortcuts} />);
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'k', ctrlKey: true });
    fireEvent.keyDown(screen.getByRole('button'), { key: 'K', metaKey: true });
    expect(palette).toHaveBeenCalledTimes(2);
    fireEvent.keyDown(screen.getByRole('textbox'), { key: '?' });
    expect(shortcuts).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('button'), { key: '?' });
    expect(shortcuts).toHaveBeenCalledTimes(1);
  });

  it('finds a system by what is typed and opens its details', async () => {
    const onClose = vi.fn();
    const actions = { create: vi.fn(), about: vi.fn(), shortcuts: vi.fn() };
    const { store, exec } = renderWithServices(<CommandPalette open onClose={onClose} actions={actions} />);
    act(() => {
      store
        .getState()
        .applySnapshot([summary('web-1', { owner: 'docker' }), summary('db-2', { owner: 'wsl' })]);
      exec.store.getState().setView('terminals');
    });
    const input = screen.getByPlaceholderText('Find a system, a view or an action…');
    fireEvent.change(input, { target: { value: 'db-2' } });
    await waitFor(() => expect(screen.queryByRole('option', { name: /web-1/ })).toBeNull());
    await waitFor(() =>
      expect(screen.getByRole('option', { name: /db-2/ }).getAttribute('aria-selected')).toBe('true'),
    );
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onClose).toHaveBeenCalled();
    expect(store.getState().detailsId).toBe('db-2');
    expect(exec.store.getState().view).toBe('systems');
  });

  it('runs the window’s actions', () => {
    const actions = { create: vi.fn(), about: vi.fn(), shortcuts: vi.fn() };
    renderWithServices(<CommandPalette open onClose={() => {}} actions={actions} />);
    fireEvent.click(screen.getByRole('option', { name: 'Create system…' }));
    expect(actions.create).toHaveBeenCalled();
  });

  it('lists the shortcuts as tables by where they work', () => {
    render(<ShortcutsDialog open onClose={() => {}} />);
    expect(screen.getByRole('table', { name: 'Anywhere' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Ctrl+K (⌘K on a Mac)' })).toBeTruthy();
  });
});
