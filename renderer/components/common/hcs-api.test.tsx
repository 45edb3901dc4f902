// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceStatus } from '../../../src/contract/index.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { connectedService, summary } from '../../test-support/fixtures.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { createAppStore } from '../../store/app-store.ts';
import { ActivityPanel } from '../details/ActivityPanel.tsx';
import { LifecycleBar } from '../lifecycle/LifecycleBar.tsx';
import { AboutHostDialog } from './AboutHostDialog.tsx';

afterEach(cleanup);

function storeWith(service: ServiceStatus) {
  const store = createAppStore();
  store.getState().setService(service);
  return store;
}

const V1: ServiceStatus = { ...connectedService, hcsApi: 'v1', hcsApiReason: 'v1 was asked for' };
const V2: ServiceStatus = {
  ...connectedService,
  hcsApi: 'v2',
  hcsApiReason: 'computecore.dll has every export the HCS layer needs',
};

describe('About this host', () => {
  it('shows the API, why, and the schema versions HCS reports', async () => {
    const api = new FakeApi({
      'service.properties': () => ({
        api: 'v2',
        properties: {
          Properties: [
            {
              SupportedSchemaVersions: [
                { Major: 2, Minor: 1 },
                { Major: 1, Minor: 0 },
              ],
            },
          ],
        },
      }),
    });
    renderWithServices(<AboutHostDialog open onClose={() => undefined} />, { api, store: storeWith(V2) });
    const dialog = await screen.findByRole('dialog', { name: 'About this host' });
    const facts = dialog.querySelector('dl[aria-label="This host"]') as HTMLElement;
    await waitFor(() => expect(facts.textContent).toContain('Supported schema versions1.0, 2.1'));
    expect(facts.textContent).toContain('HCS APIHCS V2 (computecore.dll)');
    expect(facts.textContent).toContain('Chosen becausecomputecore.dll has every export the HCS layer needs');
    expect(facts.textContent).toContain('Newest schema version2.1');
    expect(facts.textContent).toContain('Crash a systemavailable');
    expect(api.callsTo('service.properties')).toEqual([{}]);
  });

  it('on V1 says plainly that crashing needs V2, and shows HCS’s error when it does not answer', async () => {
    const api = new FakeApi({
      'service.properties': () => {
        throw Object.assign(new Error('Access is denied.'), {
          info: { message: 'Access is denied.', hresult: '0x80070005', events: [] },
        });
      },
    });
    renderWithServices(<AboutHostDialog open onClose={() => undefined} />, { api, store: storeWith(V1) });
    const dialog = await screen.findByRole('dialog', { name: 'About this host' });
    await waitFor(() =>
      expect(dialog.textContent).toContain('HCS did not answer with its service properties'),
    );
    expect(dialog.textContent).toContain('needs the HCS V2 API (computecore.dll); this app instance uses V1');
  });
});

describe('V2-only actions', () => {
  it('crash asks first on V2; on V1 it is off and says why', async () => {
    const api = new FakeApi({ 'systems.crash': () => ({ opId: 'op-c' }) });
    renderWithServices(<LifecycleBar system={summary('a', { state: 'Running' })} />, {
      api,
      store: storeWith(V2),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Crash…' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('Crash a?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Crash' }));
    await waitFor(() => expect(api.callsTo('systems.crash')).toEqual([{ id: 'a' }]));
    cleanup();

    renderWithServices(<LifecycleBar system={summary('a', { state: 'Running' })} />, {
      store: storeWith(V1),
    });
    const crash = screen.getByRole('button', { name: 'Crash…' });
    expect(crash.getAttribute('aria-disabled')).toBe('true');
    expect(
      screen.getByText(/Crash needs the HCS V2 API \(computecore\.dll\); this app uses V1/),
    ).toBeTruthy();
  });

  it('wait for exit starts an operation and leaves the other actions on', async () => {
    const api = new FakeApi({ 'systems.waitExit': () => ({ opId: 'op-w' }) });
    const { store } = renderWithServices(<LifecycleBar system={summary('a', { state: 'Running' })} />, {
      api,
      store: storeWith(V2),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Wait for exit' }));
    await waitFor(() => expect(api.callsTo('systems.waitExit')).toEqual([{ id: 'a' }]));
    expect(store.getState().tracked).toEqual({ 'op-w': true });
  });

  it('the activity shows a crash report HCS sent with its notification', () => {
    const store = storeWith(V2);
    store
      .getState()
      .applyNotification(
        { id: 'a', type: 6, typeName: 'SystemCrashReport', status: 0, data: '{"CrashLog":"bugcheck"}' },
        1_000,
      );
    renderWithServices(<ActivityPanel id="a" />, { store });
    const list = screen.getByRole('list', { name: 'HCS notifications for a' });
    expect(list.textContent).toContain('SystemCrashReport');
    expect(list.textContent).toContain('"CrashLog": "bugcheck"');
  });

  it('the activity says what happened in words, with the raw notification beneath', () => {
    const store = storeWith(V2);
    store
      .getState()
      .applyNotification({ id: 'a', type: 4, typeName: 'SystemPauseCompleted', status: 0 }, 1_000);
    store.getState().applyNotification(
      {
        id: 'a',
        type: 1,
        typeName: 'SystemExited',
        status: 0x80370106,
        statusName: 'HCS_E_UNEXPECTED_EXIT',
      },
      2_000,
    );
    renderWithServices(<ActivityPanel id="a" />, { store });
    const items = within(screen.getByRole('list', { name: 'HCS notifications for a' })).getAllByRole(
      'listitem',
    );
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringMatching(/ Exited: HCS_E_UNEXPECTED_EXIT\s*SystemExited \(0x1\) status 0x80370106$/),
      expect.stringMatching(/ Pause completed: OK\s*SystemPauseCompleted \(0x4\) status 0x00000000$/),
    ]);
  });
});
