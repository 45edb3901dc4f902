// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithServices } from '../../test-support/render.tsx';
import { Notifications, TIMEOUT_MS, VISIBLE_TOASTS } from './Notifications.tsx';

afterEach(cleanup);

describe('Notifications (issue 12 §6: error toasts piled up)', () => {
  it('shows at most three toasts at once; the next wait their turn', async () => {
    const { store } = renderWithServices(<Notifications />);
    act(() => {
      for (let i = 1; i <= 5; i++)
        store
          .getState()
          .notify({ intent: 'error', title: `Failure ${i}`, error: { message: 'x', events: [] } });
    });
    await waitFor(() => expect(screen.getByText('Failure 3')).toBeTruthy());
    expect(VISIBLE_TOASTS).toBe(3);
    expect(screen.queryByText('Failure 4')).toBeNull();
    expect(screen.getAllByText(/^Failure \d$/)).toHaveLength(3);
  });

  it('lets failures go away on their own too', () => {
    // Never "until dismissed" (-1): they stay readable in the Activity tab and the Events view.
    expect(TIMEOUT_MS.error).toBeGreaterThan(0);
    expect(TIMEOUT_MS.error).toBeLessThanOrEqual(20_000);
  });
});
