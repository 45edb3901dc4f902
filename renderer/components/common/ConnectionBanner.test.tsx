// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { connectedService } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';

afterEach(cleanup);

describe('ConnectionBanner', () => {
  it('alerts while the transport or the HCS service is down and disappears on recovery', () => {
    const { store } = renderWithServices(<ConnectionBanner />);
    expect(screen.getByRole('status').textContent).toContain('Connecting to HCS Desktop');
    act(() => {
      store.getState().setConnection('open');
      store.getState().setService(connectedService);
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
    act(() => store.getState().setService({ ...connectedService, connected: false, message: 'pipe closed' }));
    expect(screen.getByRole('alert').textContent).toContain('HCS service is not available — reconnecting…');
    expect(screen.getByRole('alert').textContent).toContain('pipe closed');
    act(() => store.getState().setConnection('reconnecting'));
    expect(screen.getByRole('alert').textContent).toContain('Connection to HCS Desktop lost — reconnecting…');
    act(() => {
      store.getState().setConnection('open');
      store.getState().setService(connectedService);
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
