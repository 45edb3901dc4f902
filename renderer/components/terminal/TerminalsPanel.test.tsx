// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecSession } from '../../../src/contract/index.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { execSession } from '../../test-support/fixtures.ts';
import { fakeExecServices, renderWithServices } from '../../test-support/render.tsx';
import { TerminalsPanel } from './TerminalsPanel.tsx';

afterEach(cleanup);

const enc = new TextEncoder();

function setup(sessions: ExecSession[], handlers: ConstructorParameters<typeof FakeApi>[0] = {}) {
  const api = new FakeApi({
    'exec.attach': ({ sessionId }) => ({
      session: sessions.find((s) => s.sessionId === sessionId)!,
      replay: { start: 0, end: 0 },
    }),
    'exec.detach': () => ({}),
    'exec.ack': () => ({}),
    'exec.resize': () => ({}),
    'exec.kill': () => ({ delivered: true }),
    'exec.forget': () => ({}),
    ...handlers,
  });
  const { services, surfaces } = fakeExecServices(api);
  services.store.getState().applyList(sessions);
  services.store.getState().linkOpened();
  const view = renderWithServices(<TerminalsPanel />, { api, exec: services });
  return { ...view, surfaces, store: services.store };
}

describe('TerminalsPanel', () => {
  it('shows each session as a tab named by its command and state', () => {
    setup([
      execSession('a', { commandLine: 'sh -c ls', state: 'exited', exitCode: 0, exitedAt: 2200 }),
      execSession('b', { commandLine: 'top', startedAt: 2000 }),
    ]);
    const tabs = within(screen.getByRole('tablist', { name: 'Terminal sessions' })).getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('aria-label'))).toEqual(['sh -c ls — exited 0', 'top — running']);
    // The newest is selected; the other's panel is hidden.
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').textContent).toContain('top');
  });

  it('tells two identical commands apart by number and start time, and counts the tabs (issue 12 §6)', () => {
    const long = 'f'.repeat(64);
    setup([
      execSession('a', {
        commandLine: 'cmd /c dir',
        systemId: long,
        startedAt: Date.UTC(2026, 0, 1, 9, 0, 0),
      }),
      execSession('b', {
        commandLine: 'cmd /c dir',
        systemId: long,
        startedAt: Date.UTC(2026, 0, 1, 9, 5, 0),
      }),
    ]);
    const tabs = within(screen.getByRole('tablist', { name: 'Terminal sessions' })).getAllByRole('tab');
    const descriptions = tabs.map(
      (t) => document.getElementById(t.getAttribute('aria-describedby')!)?.textContent,
    );
    expect(descriptions[0]).toMatch(new RegExp(`^Session 1 in ${long}, started `));
    expect(descriptions[1]).toMatch(/^Session 2 in f{64}, started /);
    expect(descriptions[0]).not.toBe(descriptions[1]);
    // The visible second line: the number, the system cut short, the time (not the 64 characters again).
    const secondLine = tabs[0]!.querySelector('span[data-meta]')!.getAttribute('data-meta');
    expect(secondLine).toMatch(/^#1 · f{12}… · /);
    expect(screen.getByText('2 sessions')).toBeTruthy();
  });

  it('attaches each terminal, draws its output and acks it, and detaches when the tab closes', async () => {
    const { api, surfaces, store } = setup([execSession('a', { commandLine: 'bash' })]);
    await waitFor(() => expect(api.callsTo('exec.attach')).toEqual([{ sessionId: 'a' }]));
    const surface = surfaces[0]!;
    act(() => api.emitOutput({ sessionId: 'a', stream: 'stdout', seq: 0, data: enc.encode('$ ') }));
    expect(surface.written).toBe('$ ');
    expect(surface.options.label).toBe('Terminal of bash');
    // Once the terminal has drawn all it was given, the remainder below a batch is acked too.
    await waitFor(() => expect(api.callsTo('exec.ack')).toEqual([{ sessionId: 'a', bytes: 2 }]));

    fireEvent.click(screen.getByRole('button', { name: 'Close tab' }));
    expect(store.getState().hidden).toEqual({ a: true });
    await waitFor(() => expect(api.callsTo('exec.detach')).toEqual([{ sessionId: 'a' }]));
    expect(surface.disposed).toBe(true);
    // It goes on in the background and can be opened again.
    fireEvent.click(screen.getByRole('button', { name: 'In background (1)' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'bash — running (sys-1)' }));
    expect(store.getState().hidden).toEqual({});
    await waitFor(() => expect(api.callsTo('exec.attach')).toHaveLength(2));
  });

  it('attaches again when the link to the app core reopens, drawing the replay without repeating', async () => {
    const { api, surfaces, store } = setup([execSession('a')]);
    await waitFor(() => expect(api.callsTo('exec.attach')).toHaveLength(1));
    act(() => api.emitOutput({ sessionId: 'a', stream: 'stdout', seq: 0, data: enc.encode('one\r\n') }));
    // A new connection has no attachments: the terminal attaches again and gets the replay, then more.
    act(() => store.getState().linkOpened());
    await waitFor(() => expect(api.callsTo('exec.attach')).toHaveLength(2));
    act(() => {
      api.emitOutput({ sessionId: 'a', stream: 'replay-stdout', seq: 0, data: enc.encode('one\r\ntwo\r\n') });
      api.emitOutput({ sessionId: 'a', stream: 'stdout', seq: 10, data: enc.encode('three') });
    });
    expect(surfaces[0]!.written).toBe('one\r\ntwo\r\nthree');
    // The same terminal all along.
    expect(surfaces.filter((s) => !s.disposed)).toHaveLength(1);
  });

  it('forgets an ended session when its tab closes', async () => {
    const { api, store } = setup([execSession('a', { state: 'exited', exitCode: 1, exitedAt: 3000 })]);
    expect(screen.getByRole('status').textContent).toBe('Exited with code 1 after 2.0 s');
    fireEvent.click(screen.getByRole('button', { name: 'Close tab' }));
    await waitFor(() => expect(api.callsTo('exec.forget')).toEqual([{ sessionId: 'a' }]));
    expect(store.getState().sessions).toEqual({});
    expect(screen.getByText(/No terminal sessions/)).toBeTruthy();
  });

  it('resizes a console to its terminal, and kills from the toolbar', async () => {
    const { api } = setup([execSession('a', { size: { cols: 80, rows: 24 } })]);
    // The fake terminal fits to 100×30.
    await waitFor(() =>
      expect(api.callsTo('exec.resize')).toEqual([{ sessionId: 'a', cols: 100, rows: 30 }]),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Kill' }));
    await waitFor(() => expect(api.callsTo('exec.kill')).toEqual([{ sessionId: 'a' }]));
    expect((screen.getByRole('button', { name: 'Send Ctrl+C' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows one stream alone for a session without a console', async () => {
    const { api, surfaces } = setup([execSession('a', { tty: false, size: null })]);
    await waitFor(() => expect(api.callsTo('exec.attach')).toHaveLength(1));
    act(() => {
      api.emitOutput({ sessionId: 'a', stream: 'stdout', seq: 0, data: enc.encode('out\n') });
      api.emitOutput({ sessionId: 'a', stream: 'stderr', seq: 4, data: enc.encode('err\n') });
    });
    const surface = surfaces[0]!;
    expect(surface.written).toBe('out\n\x1b[31merr\n\x1b[39m');
    fireEvent.change(screen.getByRole('combobox', { name: 'Streams shown' }), {
      target: { value: 'stderr' },
    });
    expect(surface.written).toBe('\x1b[31merr\n\x1b[39m');
    expect(api.callsTo('exec.resize')).toEqual([]);
  });

  it('opens the search with Ctrl+F in the terminal and closes it with Escape', async () => {
    const { surfaces } = setup([execSession('a')]);
    await waitFor(() => expect(surfaces[0]?.keyHandler).not.toBeNull());
    const surface = surfaces[0]!;
    const ctrlF = new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, cancelable: true });
    let passed = true;
    act(() => {
      passed = surface.keyHandler!(ctrlF);
    });
    expect(passed).toBe(false);
    expect(ctrlF.defaultPrevented).toBe(true);
    const box = screen.getByRole('textbox', { name: 'Find in output' });
    fireEvent.change(box, { target: { value: 'needle' } });
    expect(surface.searches).toEqual(['next:needle']);
    expect(screen.getByText('1 of 6')).toBeTruthy();
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(surface.searches.at(-1)).toBe('previous:needle');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(screen.queryByRole('textbox', { name: 'Find in output' })).toBeNull();
    expect(surface.searches.at(-1)).toBe('clear');
    expect(surface.focused).toBeGreaterThan(0);
    // Other keys go to the process.
    expect(surface.keyHandler!(new KeyboardEvent('keydown', { key: 'c', ctrlKey: true }))).toBe(true);
  });

  it('without a terminal on show, keeps the console size for the next process current', async () => {
    const { store, surfaces } = setup([]);
    // The probe's terminal is made once the page is idle (it is what loads xterm.js in the app).
    await waitFor(() => expect(surfaces).toHaveLength(1));
    expect(surfaces[0]!.options.label).toBe('Terminal size probe');
    expect(store.getState().consoleSize).toEqual({ cols: 100, rows: 30 });
  });

  it('an attached process has no terminal: state, exit code and Kill', async () => {
    const { api, surfaces } = setup([
      execSession('p', { attachedOnly: true, commandLine: 'sleep', tty: false, size: null }),
    ]);
    expect(screen.getByRole('tab').getAttribute('aria-label')).toBe('sleep — running');
    expect(screen.queryByRole('button', { name: 'Send Ctrl+C' })).toBeNull();
    // Only the size probe makes a terminal.
    await waitFor(() => expect(surfaces.map((s) => s.options.label)).toEqual(['Terminal size probe']));
    fireEvent.click(screen.getByRole('button', { name: 'Kill' }));
    await waitFor(() => expect(api.callsTo('exec.kill')).toEqual([{ sessionId: 'p' }]));
    expect(api.callsTo('exec.attach')).toEqual([]);
  });
});
