// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { displaySystemId, systemIdProblem } from '../../../src/contract/index.ts';
import { summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { SystemsGrid } from './SystemsGrid.tsx';

afterEach(cleanup);

function setup() {
  const r = renderWithServices(<SystemsGrid />);
  act(() =>
    r.store
      .getState()
      .applySnapshot([
        summary('sys-b', { state: 'Running' }),
        summary('sys-a', { state: 'Created' }),
        summary('sys-c', { state: 'Paused' }),
      ]),
  );
  return r;
}

const bodyRows = () => screen.getAllByRole('row').slice(1);
const rowIds = () => bodyRows().map((row) => within(row).getAllByRole('gridcell')[1]?.textContent);

describe('SystemsGrid', () => {
  it('lists the systems sorted by id with the sorted header marked', () => {
    setup();
    expect(screen.getByRole('treegrid', { name: 'Compute systems' })).toHaveProperty('ariaRowCount', '4');
    expect(rowIds()).toEqual(['sys-a', 'sys-b', 'sys-c']);
    expect(screen.getByRole('columnheader', { name: 'ID' }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: 'State' }).getAttribute('aria-sort')).toBeNull();
    expect(within(bodyRows()[1]!).getByText('Running')).toBeTruthy();
  });

  it('sorts by a header and flips on a second click', () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: 'State' }));
    expect(rowIds()).toEqual(['sys-a', 'sys-c', 'sys-b']);
    fireEvent.click(screen.getByRole('button', { name: 'State' }));
    expect(rowIds()).toEqual(['sys-b', 'sys-c', 'sys-a']);
    expect(screen.getByRole('columnheader', { name: 'State' }).getAttribute('aria-sort')).toBe('descending');
  });

  it('updates a row live when its system changes', () => {
    const { store } = setup();
    act(() => store.getState().applyChanged(summary('sys-a', { state: 'Running' })));
    expect(within(bodyRows()[0]!).getByText('Running')).toBeTruthy();
    act(() => store.getState().applyRemoved('sys-b'));
    expect(rowIds()).toEqual(['sys-a', 'sys-c']);
  });

  it('marks a row whose action is under way, by the action, until it ends', () => {
    const { store } = setup();
    act(() => store.getState().applyChanged(summary('sys-b', { state: 'Running', pending: 'pause' })));
    const row = bodyRows()[1]!;
    expect(within(row).getByRole('progressbar', { name: 'Pausing…' })).toBeTruthy();
    expect(within(bodyRows()[0]!).queryByRole('progressbar')).toBeNull();
    act(() => store.getState().applyChanged(summary('sys-b', { state: 'Paused', pending: null })));
    expect(within(bodyRows()[1]!).queryByRole('progressbar')).toBeNull();
    expect(within(bodyRows()[1]!).getByText('Paused')).toBeTruthy();
  });

  it('moves with the arrow keys, ticks with Space and opens with Enter', () => {
    const { store } = setup();
    const [first] = bodyRows();
    expect(first?.tabIndex).toBe(0);
    act(() => first!.focus());
    fireEvent.keyDown(first!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(bodyRows()[1]);
    fireEvent.keyDown(document.activeElement!, { key: ' ' });
    expect(store.getState().checked).toEqual({ 'sys-b': true });
    expect(bodyRows()[1]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(bodyRows()[2]);
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(store.getState().detailsId).toBe('sys-c');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(bodyRows()[0]);
  });

  it('ticks with the row checkbox without opening details, and selects all shown', () => {
    const { store } = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select sys-c' }));
    expect(store.getState().checked).toEqual({ 'sys-c': true });
    expect(store.getState().detailsId).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown systems' }));
    expect(Object.keys(store.getState().checked).sort()).toEqual(['sys-a', 'sys-b', 'sys-c']);
  });

  it('says when nothing matches', () => {
    const { store } = setup();
    act(() => store.getState().setSearch('zzz'));
    expect(screen.getByRole('status').textContent).toBe('No systems match the search or filters.');
  });

  it('says it is listing until the first list, then that there are none', () => {
    const { store } = renderWithServices(<SystemsGrid />);
    expect(screen.getByRole('status').textContent).toBe('Listing compute systems…');
    act(() => store.getState().applySnapshot([]));
    expect(screen.getByRole('status').textContent).toBe('No compute systems.');
  });
});

describe('SystemsGrid: every system HCS lists is shown (issue 8 §0)', () => {
  it('shows real ids as they are, and marks one HCS Desktop cannot act on with the reason', async () => {
    const r = renderWithServices(<SystemsGrid />);
    const bad = 'bell\u0007';
    act(() =>
      r.store.getState().applySnapshot([
        summary('0f6c9a3e1b7d4f2a8c5e9b1d3f7a0c4e6b2d8f1a5c9e3b7d0f4a2c6e8b1d5f9a@vm', {
          state: 'Running',
        }),
        summary('{6A3C1F2E-9B7D-4E1A-8C5B-2D4F6A8B0C1E}'),
        summary(displaySystemId(bad), { idProblem: systemIdProblem(bad)!, state: 'Running' }),
      ]),
    );
    expect(screen.getByRole('treegrid', { name: 'Compute systems' })).toHaveProperty('ariaRowCount', '4');
    const mark = screen.getByRole('img', {
      name: 'HCS Desktop cannot act on this system: an id may not contain control characters',
    });
    expect(mark.closest('[role="row"]')?.textContent).toContain('bell\\u{7}');
    expect(screen.getAllByRole('img', { name: /cannot act on this system/ })).toHaveLength(1);
  });
});
