import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseRequest, type Settings, type SettingsState } from '../contract/index.ts';
import { AppError } from './error-info.ts';
import { RESTART_UNAVAILABLE, type SettingsStorage } from './settings.ts';
import { CONTAINER, coreWithFake, settle } from './testing/harness.ts';

/** A settings store in memory that can be told to fail or to wait, recording what it was asked to write. */
function memoryStorage(initial: Settings = DEFAULT_SETTINGS) {
  const storage = {
    initial,
    location: '/h/u/.config/hcs-desktop/settings.json',
    problem: null as string | null,
    saved: [] as Settings[],
    failWith: null as string | null,
    /** While set, a save waits for it. */
    gate: null as Promise<void> | null,
    async save(settings: Settings) {
      if (storage.gate) await storage.gate;
      if (storage.failWith) throw new Error(storage.failWith);
      storage.saved.push(settings);
    },
  } satisfies SettingsStorage & Record<string, unknown>;
  return storage;
}

describe('settings in the app core', () => {
  it('a change is saved, answered and sent to every window as settings.changed', async () => {
    const storage = memoryStorage();
    const { core, of } = coreWithFake([], { settings: storage });
    const { payload } = parseRequest<'settings.update'>('settings.update', { theme: 'dark' });
    const state = await core.handle('settings.update', payload);
    expect(state.settings.theme).toBe('dark');
    expect(state.settings.confirm).toEqual(DEFAULT_SETTINGS.confirm);
    expect(storage.saved).toEqual([{ ...DEFAULT_SETTINGS, theme: 'dark' }]);
    expect(of('settings.changed')).toEqual([state]);
    expect(await core.handle('settings.get', {})).toEqual(state);
  });

  it('starts from what the storage read, and says where it is kept and what was wrong with it', async () => {
    const storage = {
      ...memoryStorage({ ...DEFAULT_SETTINGS, theme: 'light' }),
      problem: 'The settings file was not used: it is not valid JSON.',
    };
    const { core } = coreWithFake([], { settings: storage });
    const state: SettingsState = await core.handle('settings.get', {});
    expect(state).toMatchObject({
      settings: { theme: 'light' },
      location: storage.location,
      problem: storage.problem,
      restartNeeded: [],
      canRestart: false,
    });
    expect(core.initialEvents().map((e) => e.channel)).toContain('settings.changed');
  });

  it('writes one at a time, in the order asked, each on what the one before left', async () => {
    const storage = memoryStorage();
    const { core } = coreWithFake([], { settings: storage });
    let open!: () => void;
    storage.gate = new Promise<void>((resolve) => (open = resolve));
    const first = core.handle('settings.update', { confirm: { terminate: false } });
    const second = core.handle('settings.update', { confirm: { shutdown: false } });
    await settle();
    expect(storage.saved).toEqual([]);
    storage.gate = null;
    open();
    await Promise.all([first, second]);
    expect(storage.saved.map((s) => s.confirm)).toEqual([
      { ...DEFAULT_SETTINGS.confirm, terminate: false },
      { ...DEFAULT_SETTINGS.confirm, terminate: false, shutdown: false },
    ]);
  });

  it('a failed save changes nothing and says why; the next change still goes through', async () => {
    const storage = memoryStorage();
    const { core, of } = coreWithFake([], { settings: storage });
    storage.failWith = 'EACCES: permission denied';
    const refused = await core.handle('settings.update', { theme: 'dark' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).info.message).toBe(
      'The settings could not be saved: EACCES: permission denied',
    );
    expect((refused as AppError).info.explanation).toContain(storage.location);
    expect((await core.handle('settings.get', {})).settings.theme).toBe('system');
    expect(of('settings.changed')).toEqual([]);
    storage.failWith = null;
    await core.handle('settings.update', { theme: 'light' });
    expect((await core.handle('settings.get', {})).settings.theme).toBe('light');
  });

  it('a new HCS API needs a restart: said until it is chosen back; restart is refused where it cannot work', async () => {
    const { core } = coreWithFake([], { settings: memoryStorage() });
    expect((await core.handle('settings.update', { hcsApi: 'v1' })).restartNeeded).toEqual(['hcsApi']);
    expect((await core.handle('settings.update', { hcsApi: 'auto' })).restartNeeded).toEqual([]);
    const refused = (await core.handle('app.restart', {}).catch((e: unknown) => e)) as AppError;
    expect(refused.info.message).toBe(RESTART_UNAVAILABLE);
  });

  it('restarts through the entry point where it can, and says so in the state', async () => {
    let restarts = 0;
    const { core } = coreWithFake([], {
      settings: memoryStorage(),
      restart: { restart: async () => void restarts++ },
    });
    expect((await core.handle('settings.get', {})).canRestart).toBe(true);
    await core.handle('app.restart', {});
    expect(restarts).toBe(1);
  });

  it('reset puts every setting back to its default', async () => {
    const storage = memoryStorage({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      layout: { ...DEFAULT_SETTINGS.layout, columnWidths: { id: 200 } },
    });
    const { core } = coreWithFake([], { settings: storage });
    expect((await core.handle('settings.reset', {})).settings).toEqual(DEFAULT_SETTINGS);
    expect(storage.saved.at(-1)).toEqual(DEFAULT_SETTINGS);
  });

  it('without storage, the settings live in memory and say so (no location)', async () => {
    const { core } = coreWithFake();
    expect((await core.handle('settings.update', { theme: 'dark' })).location).toBeNull();
  });

  it('the statistics interval setting is the sampler interval: at start, and at once when changed', async () => {
    const storage = memoryStorage({
      ...DEFAULT_SETTINGS,
      statistics: { ...DEFAULT_SETTINGS.statistics, intervalMs: 2000 },
    });
    const { core } = coreWithFake([CONTAINER], { settings: storage });
    await core.start();
    const sent: unknown[] = [];
    const connection = core.connect(
      () => {},
      (event) => sent.push(event),
    );
    const watched = await connection.handle('statistics.watch', { id: 'c1' });
    expect(watched.status.intervalMs).toBe(2000);
    await core.handle('settings.update', { statistics: { intervalMs: 500 } });
    expect(sent).toContainEqual(
      expect.objectContaining({
        channel: 'statistics.update',
        payload: expect.objectContaining({ status: expect.objectContaining({ intervalMs: 500 }) }),
      }),
    );
    connection.close();
    await core.stop();
  });

  it('a --stats-ms flag wins over the setting at start', async () => {
    const storage = memoryStorage({
      ...DEFAULT_SETTINGS,
      statistics: { ...DEFAULT_SETTINGS.statistics, intervalMs: 2000 },
    });
    const { core } = coreWithFake([CONTAINER], { settings: storage, statisticsIntervalMs: 750 });
    await core.start();
    const connection = core.connect(
      () => {},
      () => {},
    );
    expect((await connection.handle('statistics.watch', { id: 'c1' })).status.intervalMs).toBe(750);
    connection.close();
    await core.stop();
  });
});
