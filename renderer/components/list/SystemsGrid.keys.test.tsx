// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { SystemsGrid } from './SystemsGrid.tsx';

/** The key function the grid hands the virtualizer at each of its renders. */
const keyFunctions = vi.hoisted(() => [] as unknown[]);
vi.mock('@tanstack/react-virtual', async (importOriginal) => {
  const real = await importOriginal<typeof import('@tanstack/react-virtual')>();
  return {
    ...real,
    useVirtualizer: ((options) => {
      keyFunctions.push(options.getItemKey);
      return real.useVirtualizer(options);
    }) as typeof real.useVirtualizer,
  };
});

afterEach(cleanup);

describe('SystemsGrid and its virtualizer', () => {
  it('keeps the key function while the rows stay the same: the virtualizer lays out every row again when it changes', () => {
    const { store } = renderWithServices(<SystemsGrid />);
    act(() => store.getState().applySnapshot([summary('sys-a'), summary('sys-b'), summary('sys-c')]));
    const before = keyFunctions.length;
    const keys = keyFunctions[before - 1];

    // A tick renders the grid again (its count of ticked rows), with the same rows.
    act(() => store.getState().toggleChecked('sys-b'));
    expect(keyFunctions.length).toBeGreaterThan(before);
    expect(keyFunctions.at(-1)).toBe(keys);

    // Other rows: a new key function, which gives the new rows' keys.
    act(() => store.getState().applyRemoved('sys-a'));
    const next = keyFunctions.at(-1) as (index: number) => string | number;
    expect(next).not.toBe(keys);
    expect(next(0)).toBe('sys-b');
  });
});
