// @vitest-environment jsdom
import './test-support/jsdom-setup.ts';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App.tsx';
import { renderWithServices } from './test-support/render.tsx';

/** Lets timers and idle callbacks (jsdom has no requestIdleCallback: a timer stands in) run a few times. */
async function idleTurns(count = 5): Promise<void> {
  for (let i = 0; i < count; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
}

afterEach(cleanup);

describe('the first view', () => {
  it('mounts the other kept views only once the first list is in and the page is idle', async () => {
    const { store } = renderWithServices(<App />);
    await screen.findByRole('tablist', { name: 'Views' });
    // Idle, but no list yet: no other view is mounted (a kept view mounts hidden and inert behind the first).
    await idleTurns();
    expect(document.querySelectorAll('[inert]')).toHaveLength(0);
    // An empty host's list counts too.
    act(() => store.getState().applySnapshot([]));
    expect(store.getState().listed).toBe(true);
    await waitFor(() => expect(document.querySelectorAll('[inert]').length).toBeGreaterThan(0));
    await waitFor(() => expect(document.querySelector('section[aria-label="Terminals"]')).not.toBeNull());
  });
});
