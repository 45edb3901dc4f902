// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SystemState } from '../../../src/contract/index.ts';
import { summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { SystemsGrid } from './SystemsGrid.tsx';

// Count how often a row draws its state badge: one render per row render.
const renders: SystemState[] = [];
vi.mock('../common/StateBadge.tsx', () => ({
  StateBadge: ({ state }: { state: SystemState }) => {
    renders.push(state);
    return <span>{state}</span>;
  },
}));

afterEach(cleanup);

describe('SystemsGrid re-rendering', () => {
  it('re-renders only the row whose system changed', () => {
    const { store } = renderWithServices(<SystemsGrid />);
    act(() => store.getState().applySnapshot(['a', 'b', 'c', 'd'].map((id) => summary(id))));
    renders.length = 0;
    act(() => store.getState().applyChanged(summary('c', { state: 'Running' })));
    expect(renders).toEqual(['Running']);
    renders.length = 0;
    // A snapshot that changes nothing, an unrelated toast, and an operation re-render no row.
    act(() => {
      store
        .getState()
        .applySnapshot(['a', 'b', 'd'].map((id) => summary(id)).concat(summary('c', { state: 'Running' })));
      store.getState().notify({ intent: 'info', title: 'unrelated' });
    });
    expect(renders).toEqual([]);
  });
});
