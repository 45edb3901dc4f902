// @vitest-environment jsdom
import '../../test-support/jsdom-setup.ts';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { recentCommands, rememberCommand } from '../../exec/history.ts';
import { showTerminalOnStart } from '../../exec/show-terminal.ts';
import { FakeApi } from '../../test-support/fake-api.ts';
import { execSession } from '../../test-support/fixtures.ts';
import { fakeExecServices, renderWithServices } from '../../test-support/render.tsx';
import { ExecDialog } from './ExecDialog.tsx';

afterEach(cleanup);

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

function setup(handlers: ConstructorParameters<typeof FakeApi>[0] = {}) {
  const api = new FakeApi({
    'exec.start': (request) => ({
      session: execSession('new-1', {
        systemId: request.id,
        commandLine: request.commandLine,
        tty: request.tty,
      }),
    }),
    ...handlers,
  });
  const history = memoryStorage();
  const { services } = fakeExecServices(api, history);
  services.store.getState().setConsoleSize({ cols: 132, rows: 43 });
  let closed = 0;
  const view = renderWithServices(<ExecDialog systemIds={['vm-1']} open onClose={() => closed++} />, {
    api,
    exec: services,
  });
  return { ...view, history, services, closed: () => closed };
}

const start = () => screen.getByRole('button', { name: 'Start' }) as HTMLButtonElement;

describe('ExecDialog', () => {
  it('starts the process with its settings, sized like the terminals, and opens its tab', async () => {
    const { api, services, history, closed } = setup();
    expect(screen.getByRole('dialog', { name: 'Exec in vm-1' })).toBeTruthy();
    expect(start().disabled).toBe(true);
    fireEvent.change(screen.getByRole('textbox', { name: /^Command line/ }), {
      target: { value: ' sh -c ls ' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /^Working directory/ }), {
      target: { value: '/tmp' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of variable 1' }), {
      target: { value: 'GREETING' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Value of variable 1' }), {
      target: { value: 'hi there' },
    });
    fireEvent.click(screen.getByRole('switch', { name: 'Emulated console' }));
    fireEvent.click(start());
    await waitFor(() => expect(closed()).toBe(1));
    expect(api.callsTo('exec.start')).toEqual([
      {
        id: 'vm-1',
        commandLine: 'sh -c ls',
        cwd: '/tmp',
        env: { GREETING: 'hi there' },
        tty: false,
        cols: 132,
        rows: 43,
      },
    ]);
    const state = services.store.getState();
    expect(state.active).toBe('new-1');
    expect(state.view).toBe('terminals');
    expect(recentCommands(history, 'vm-1')).toEqual([
      { commandLine: 'sh -c ls', cwd: '/tmp', env: [['GREETING', 'hi there']], tty: false },
    ]);
  });

  it('runs the process as the user given (trimmed), and refuses a user name the contract refuses', async () => {
    const { api, history, closed } = setup();
    fireEvent.change(screen.getByRole('textbox', { name: /^Command line/ }), { target: { value: 'whoami' } });
    const user = screen.getByRole('textbox', { name: /^User/ });
    fireEvent.change(user, { target: { value: 'bad\u0007name' } });
    expect(screen.getByText('a user name must not contain control characters')).toBeTruthy();
    expect(start().disabled).toBe(true);
    fireEvent.change(user, { target: { value: 'x'.repeat(257) } });
    expect(screen.getByText('a user name has at most 256 characters')).toBeTruthy();
    fireEvent.change(user, { target: { value: ' ContainerAdministrator ' } });
    expect(start().disabled).toBe(false);
    fireEvent.click(start());
    await waitFor(() => expect(closed()).toBe(1));
    expect(api.callsTo('exec.start')).toEqual([
      expect.objectContaining({ commandLine: 'whoami', user: 'ContainerAdministrator' }),
    ]);
    expect(recentCommands(history, 'vm-1')[0]).toMatchObject({ user: 'ContainerAdministrator' });
  });

  it('can keep the user in the Systems view (remembered): a toast offers the terminal', async () => {
    const { services, history, store } = setup();
    fireEvent.change(screen.getByRole('textbox', { name: /^Command line/ }), { target: { value: 'top' } });
    const show = screen.getByRole('switch', { name: 'Show the terminal when it starts' }) as HTMLInputElement;
    expect(show.checked).toBe(true);
    fireEvent.click(show);
    fireEvent.click(start());
    await waitFor(() => expect(store.getState().notices.map((n) => n.title)).toEqual(['Started in vm-1']));
    expect(services.store.getState()).toMatchObject({ view: 'systems', active: 'new-1' });
    expect(services.store.getState().sessions['new-1']).toBeTruthy();
    expect(showTerminalOnStart(history)).toBe(false);
    const notice = store.getState().notices[0]!;
    expect(notice.action?.label).toBe('Show terminal');
    notice.action!.run();
    expect(services.store.getState()).toMatchObject({ view: 'terminals', active: 'new-1' });
    expect(services.store.getState().focusRequest.sessionId).toBe('new-1');
  });

  it('checks variable names before it lets the process start', () => {
    setup();
    fireEvent.change(screen.getByRole('textbox', { name: /^Command line/ }), { target: { value: 'ls' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of variable 1' }), {
      target: { value: '1BAD' },
    });
    expect(screen.getByText('A letter or "_", then letters, digits or "_"')).toBeTruthy();
    expect(start().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of variable 1' }), { target: { value: 'A' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Name of variable 2' }), { target: { value: 'A' } });
    expect(screen.getByText('A is set above already')).toBeTruthy();
    expect(start().disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Remove variable 2' }));
    expect(start().disabled).toBe(false);
  });

  it('shows why a start was refused and stays open', async () => {
    const { closed } = setup({
      'exec.start': () => {
        throw new Error('The compute system is not running.');
      },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /^Command line/ }), { target: { value: 'ls' } });
    fireEvent.click(start());
    expect(
      await screen.findByText('Could not start the process: The compute system is not running.'),
    ).toBeTruthy();
    expect(closed()).toBe(0);
  });

  it('fills itself in from a recent command', async () => {
    const api = new FakeApi();
    const history = memoryStorage();
    rememberCommand(history, 'vm-1', { commandLine: 'top', cwd: '/', env: [['TERM', 'xterm']], tty: true });
    rememberCommand(history, 'vm-1', { commandLine: 'ls -l', cwd: '', env: [], tty: false });
    const { services } = fakeExecServices(api, history);
    renderWithServices(<ExecDialog systemIds={['vm-1']} open onClose={() => {}} />, { api, exec: services });
    fireEvent.click(screen.getByRole('combobox', { name: /^Recent commands/ }));
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['ls -l', 'top']);
    fireEvent.click(options[1]!);
    expect((screen.getByRole('textbox', { name: /^Command line/ }) as HTMLInputElement).value).toBe('top');
    expect((screen.getByRole('textbox', { name: /^Working directory/ }) as HTMLInputElement).value).toBe('/');
    expect((screen.getByRole('textbox', { name: 'Name of variable 1' }) as HTMLInputElement).value).toBe(
      'TERM',
    );
    expect((screen.getByRole('switch', { name: 'Emulated console' }) as HTMLInputElement).checked).toBe(true);
  });

  it('starts the command in each of several systems and tells which ones failed', async () => {
    const api = new FakeApi({
      'exec.start': (request) => {
        if (request.id === 'b') throw new Error('The compute system b is not running.');
        return { session: execSession(`s-${request.id}`, { systemId: request.id }) };
      },
    });
    const { services } = fakeExecServices(api);
    let closed = 0;
    const { store } = renderWithServices(
      <ExecDialog systemIds={['a', 'b', 'c']} open onClose={() => closed++} />,
      { api, exec: services },
    );
    expect(screen.getByRole('dialog', { name: 'Exec in 3 systems' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /^Command line/ }), { target: { value: 'uptime' } });
    fireEvent.click(start());
    await waitFor(() => expect(closed).toBe(1));
    expect(api.callsTo('exec.start').map((r) => (r as { id: string }).id)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(services.store.getState().sessions).sort()).toEqual(['s-a', 's-c']);
    expect(services.store.getState().focusRequest.sessionId).toBe('s-c');
    expect(store.getState().notices.map((n) => n.title)).toEqual(['Exec in b failed']);
  });
});
