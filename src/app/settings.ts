import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatch,
  type SettingsState,
} from '../contract/index.ts';
import { AppError, appErrorInfo } from './error-info.ts';
import type { EventHub } from './events.ts';

/**
 * Where the settings are kept, as the entry point found them (src/host reads and writes the file; the core
 * knows no file system). Without one the settings live as long as the core.
 */
export interface SettingsStorage {
  /** The settings read at start (the defaults when there was no file or a bad one). */
  readonly initial: Settings;
  /** Where they are kept (shown to the user). */
  readonly location: string;
  /** What was wrong with the file at start, for the user (null: nothing). */
  readonly problem: string | null;
  /** Writes the whole settings; rejects with a reason the user can act on. */
  save(settings: Settings): Promise<void>;
}

/** Restarting the app, where the entry point can (the desktop app); absent: refused with `unavailable`. */
export interface Restarter {
  readonly restart?: () => Promise<void>;
  /** Why the app cannot restart itself here and what to do instead. */
  readonly unavailable?: string;
}

export const RESTART_UNAVAILABLE =
  'HCS Desktop cannot restart itself here. Stop it and start it again to apply the change.';

/**
 * The settings of the app instance: the current values, one write at a time (in the order asked), and a
 * `settings.changed` to every window after each change. A change is applied only once it is saved, so what a
 * window sees is what the next start reads. Single-threaded like the rest of the core: `queue` orders the
 * writes, nothing else needs a lock.
 */
export class SettingsService {
  private current: Settings;
  /** The settings the instance started with: what needs a restart is compared with these. */
  private readonly started: Settings;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(settings: Settings, previous: Settings) => void>();

  constructor(
    private readonly events: EventHub,
    private readonly storage: SettingsStorage | undefined,
    private readonly restarter: Restarter = {},
  ) {
    this.current = storage?.initial ?? DEFAULT_SETTINGS;
    this.started = this.current;
  }

  get settings(): Settings {
    return this.current;
  }

  /** Called after every change (the statistics interval follows its setting). */
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  state(): SettingsState {
    return {
      settings: this.current,
      location: this.storage?.location ?? null,
      problem: this.storage?.problem ?? null,
      restartNeeded: this.current.hcsApi !== this.started.hcsApi ? ['hcsApi'] : [],
      canRestart: this.restarter.restart !== undefined,
    };
  }

  update(patch: SettingsPatch): Promise<SettingsState> {
    return this.write((settings) => applySettingsPatch(settings, patch));
  }

  reset(): Promise<SettingsState> {
    return this.write(() => DEFAULT_SETTINGS);
  }

  async restart(): Promise<void> {
    if (!this.restarter.restart)
      throw new AppError(appErrorInfo(RESTART_UNAVAILABLE, this.restarter.unavailable));
    await this.restarter.restart();
  }

  /** Writes run one after another, each on the settings the previous one left. */
  private write(change: (settings: Settings) => Settings): Promise<SettingsState> {
    const run = this.queue.then(async () => {
      const previous = this.current;
      const next = change(previous);
      if (this.storage) {
        try {
          await this.storage.save(next);
        } catch (e) {
          throw new AppError(
            appErrorInfo(
              `The settings could not be saved: ${e instanceof Error ? e.message : String(e)}`,
              `They are kept in ${this.storage.location}; the previous settings stay in effect.`,
            ),
          );
        }
      }
      this.current = next;
      for (const listener of [...this.listeners]) {
        try {
          listener(next, previous);
        } catch (e) {
          console.error('hcs-desktop: a settings listener failed:', e);
        }
      }
      const state = this.state();
      this.events.emit('settings.changed', state);
      return state;
    });
    // A failed write does not stop the ones after it.
    this.queue = run.catch(() => {});
    return run;
  }
}
