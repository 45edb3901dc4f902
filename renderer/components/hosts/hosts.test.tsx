// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostInfo } from '../../../src/contract/index.ts';
import { createAppStore } from '../../store/app-store.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { summary } from '../../test-support/fixtures.ts';
import { certificate, hostInfo } from '../../test-support/hosts.ts';
import { renderWithServices } from '../../test-support/render.tsx';
import { HostBanners } from './HostBanners.tsx';
import { HostsDialog } from './HostsDialog.tsx';
import { HostSwitcher } from './HostSwitcher.tsx';

afterEach(cleanup);

const TOKEN = 'tok-123_abc';

describe('the Hosts dialog', () => {
  it('adds a host from its URL, shows the fingerprint to compare, and pins what was shown', async () => {
    const store = createAppStore();
    const presented = certificate(0xbb);
    const untrusted = hostInfo('build-3', {
      state: 'untrusted',
      pinned: null,
      presented,
      reason: 'First connection to build-3: compare the fingerprint.',
    });
    const api = new FakeApi({
      'hosts.add': () => hostInfo('build-3', { state: 'connecting', pinned: null }),
      'hosts.trust': () => ({ ...untrusted, state: 'connecting', pinned: presented, presented: null }),
    });
    renderWithServices(<HostsDialog open onClose={() => {}} />, { api, store });
    const dialog = screen.getByRole('dialog', { name: 'Hosts' });
    expect(within(dialog).getByText('No remote hosts yet.')).toBeTruthy();

    // The contract's own rule speaks at the field: clear text beyond loopback is refused before sending.
    const url = within(dialog).getByLabelText(/^URL/);
    fireEvent.change(url, { target: { value: `http://build-3:7380/?token=${TOKEN}` } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add host' }));
    expect(await within(dialog).findByText(/http:\/\/ is accepted only for a loopback address/)).toBeTruthy();
    expect(api.callsTo('hosts.add')).toEqual([]);

    fireEvent.change(url, { target: { value: `https://build-3:7380/?token=${TOKEN}` } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add host' }));
    await waitFor(() => expect(api.callsTo('hosts.add')).toHaveLength(1));
    expect(api.callsTo('hosts.add')[0]).toEqual({ url: `https://build-3:7380/?token=${TOKEN}` });
    // The token leaves the form once sent.
    await waitFor(() => expect((url as HTMLInputElement).value).toBe(''));

    // The core's hosts.changed (bind.ts applies it): the host now waits to be trusted.
    act(() => store.getState().applyHost(untrusted));
    const presentedFacts = await within(dialog).findByLabelText('Certificate build-3 presents');
    expect(within(presentedFacts).getByText(presented.fingerprint)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: "Trust build-3's certificate" }));
    await waitFor(() =>
      expect(api.callsTo('hosts.trust')).toEqual([{ host: 'build-3', fingerprint: presented.fingerprint }]),
    );
    await waitFor(() => expect(store.getState().hosts['build-3']?.pinned).toEqual(presented));
  });

  it('shows both fingerprints of a changed certificate and asks before trusting the new one', async () => {
    const store = createAppStore();
    const changed = hostInfo('build-3', {
      state: 'refused',
      refusal: 'certificate-changed',
      pinned: certificate(0xaa),
      presented: certificate(0xcc),
      reason: 'The certificate of build-3 has changed.',
    });
    store.getState().applyHosts([changed]);
    const api = new FakeApi({ 'hosts.trust': () => ({ ...changed, state: 'connecting' }) });
    renderWithServices(<HostsDialog open onClose={() => {}} />, { api, store });
    const pinned = screen.getByLabelText('Certificate pinned for build-3');
    const now = screen.getByLabelText('Certificate build-3 presents now');
    expect(within(pinned).getByText(certificate(0xaa).fingerprint)).toBeTruthy();
    expect(within(now).getByText(certificate(0xcc).fingerprint)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: "Trust build-3's new certificate" }));
    const confirm = await screen.findByRole('alertdialog');
    expect(within(confirm).getByText(new RegExp(certificate(0xaa).fingerprint))).toBeTruthy();
    expect(api.callsTo('hosts.trust')).toEqual([]);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Trust the new certificate' }));
    await waitFor(() =>
      expect(api.callsTo('hosts.trust')).toEqual([
        { host: 'build-3', fingerprint: certificate(0xcc).fingerprint },
      ]),
    );
  });

  it('takes a new token for a host that refused the old one, and removes a host after asking', async () => {
    const store = createAppStore();
    const refused = hostInfo('build-3', {
      state: 'refused',
      refusal: 'token',
      reason: 'build-3 refused the token.',
    });
    store.getState().applyHosts([refused]);
    store.getState().applySnapshot([summary('@build-3/x'), summary('a')]);
    const api = new FakeApi({
      'hosts.setToken': () => ({ ...refused, state: 'connecting', refusal: null }),
      'hosts.remove': () => ({}),
    });
    renderWithServices(<HostsDialog open onClose={() => {}} />, { api, store });
    fireEvent.change(screen.getByLabelText('New token for build-3'), { target: { value: 'new-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this token' }));
    await waitFor(() =>
      expect(api.callsTo('hosts.setToken')).toEqual([{ host: 'build-3', token: 'new-token' }]),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Remove build-3' }));
    const confirm = await screen.findByRole('alertdialog');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(store.getState().hosts).toEqual({}));
    expect([...store.getState().systems.keys()]).toEqual(['a']);
  });
});

describe('per-host banners and the host switcher', () => {
  it('shows a banner for each host that is away, and none for the connected ones', () => {
    const store = createAppStore();
    const hosts: HostInfo[] = [
      hostInfo('b3', { state: 'unreachable', reason: 'connect ECONNREFUSED 127.0.0.3:7380' }),
      hostInfo('b4'),
      hostInfo('b5', { state: 'refused', refusal: 'token', reason: 'b5 refused the token.' }),
    ];
    store.getState().applyHosts(hosts);
    renderWithServices(<HostBanners onManage={() => {}} />, { store });
    expect(screen.getByRole('status', { name: 'Host b3' }).textContent).toContain('ECONNREFUSED');
    expect(screen.getByRole('alert', { name: 'Host b5' }).textContent).toContain('refused the token');
    expect(screen.queryByLabelText('Host b4')).toBeNull();
    act(() => store.getState().applyHost(hostInfo('b3')));
    expect(screen.queryByLabelText('Host b3')).toBeNull();
  });

  it('shows one host or all of them through the list filter', async () => {
    const store = createAppStore();
    store.getState().applyHosts([hostInfo('b3', { state: 'unreachable' })]);
    renderWithServices(<HostSwitcher />, { store });
    const switcher = screen.getByRole('combobox', { name: 'Show host' });
    expect(switcher.textContent).toContain('All hosts');
    fireEvent.click(switcher);
    fireEvent.click(await screen.findByRole('option', { name: 'b3 (unreachable)' }));
    expect(store.getState().hostFilter).toEqual(['b3']);
    fireEvent.click(switcher);
    fireEvent.click(await screen.findByRole('option', { name: 'All hosts' }));
    expect(store.getState().hostFilter).toEqual([]);
  });
});
