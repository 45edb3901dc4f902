// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../../src/contract/index.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { connectedService } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { RequestError } from '../../transport/request-error.ts';
import { ErrorDetails } from './ErrorDetails.tsx';

const denied: ErrorInfo = {
  message: 'hcs::System::Start test: Access is denied.',
  hresult: '0x80070005',
  name: 'E_ACCESSDENIED',
  explanation: 'HCS requires administrator rights.',
  needsAdministrator: true,
  events: [{ Message: 'Access is denied.' }],
};

function show(error: ErrorInfo, canRelaunchElevated: boolean, api = new FakeApi()) {
  const r = renderWithServices(<ErrorDetails error={error} />, { api });
  act(() => r.store.getState().setService({ ...connectedService, canRelaunchElevated }));
  return r;
}

afterEach(cleanup);

describe('Restart as administrator', () => {
  it('is offered on access denied where the app can relaunch itself elevated, and asks the main process', async () => {
    const api = new FakeApi({ 'app.relaunchElevated': () => ({}) });
    show(denied, true, api);
    fireEvent.click(await screen.findByRole('button', { name: 'Restart as administrator' }));
    await waitFor(() => expect(api.calls.map((c) => c.channel)).toContain('app.relaunchElevated'));
  });

  it('says why when the relaunch is refused (e.g. the UAC prompt was declined)', async () => {
    const api = new FakeApi({
      'app.relaunchElevated': () => {
        throw new RequestError({
          message: 'declined',
          explanation: 'The elevation prompt was declined.',
          events: [],
        });
      },
    });
    show(denied, true, api);
    fireEvent.click(await screen.findByRole('button', { name: 'Restart as administrator' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'The elevation prompt was declined.',
    );
  });

  it('is not offered where the app cannot relaunch (web mode), nor for other failures', () => {
    show(denied, false);
    expect(screen.queryByRole('button', { name: 'Restart as administrator' })).toBeNull();
  });

  it('is not offered for a failure that is not access denied', () => {
    show(
      {
        ...denied,
        hresult: '0xc0370105',
        name: 'ERROR_VMCOMPUTE_INVALID_STATE',
        needsAdministrator: undefined,
      },
      true,
    );
    expect(screen.queryByRole('button', { name: 'Restart as administrator' })).toBeNull();
  });
});
