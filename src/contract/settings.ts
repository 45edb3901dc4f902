import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { MAX_COMMAND_LINE_CHARS, MAX_CWD_CHARS } from './exec.ts';

/*
 * The user's settings: one document per user, kept by the main side (Electron: a file in the user data folder;
 * web mode: the server's settings file in the user's config directory) and shared by every window. A window
 * reads them with `settings.get`, changes them with `settings.update` (a patch, validated here like every
 * request) and follows `settings.changed`, which every window receives after any change.
 *
 * The file holds a `SettingsPatch` with the version: what is missing takes its default (a file written by an
 * older version), what is unknown or out of range makes the whole file bad — it is then kept aside, reported,
 * and the defaults are used (never silently dropped).
 */

export const SETTINGS_VERSION = 1;

/** Light, dark, or as the operating system says (the default; followed as it changes). */
export const ThemeChoice = lazySchema(() => z.enum(['system', 'light', 'dark']));
export type ThemeChoice = z.infer<typeof ThemeChoice>;

/** Which HCS API the app uses from its next start: auto (V2 where computecore.dll has what the app needs), V1 or V2. */
export const HcsApiChoice = lazySchema(() => z.enum(['auto', 'v1', 'v2']));
export type HcsApiChoice = z.infer<typeof HcsApiChoice>;

/** The windows a statistics chart can show, in minutes (the core keeps an hour of samples). */
export const CHART_WINDOW_MINUTES = [5, 15, 60] as const;
export const ChartWindowMinutes = lazySchema(() => z.union([z.literal(5), z.literal(15), z.literal(60)]));
export type ChartWindowMinutes = z.infer<typeof ChartWindowMinutes>;

/** How often a watched system's statistics are sampled: the bounds of the web server's --stats-ms too. */
export const MIN_STATISTICS_INTERVAL_MS = 250;
export const MAX_STATISTICS_INTERVAL_MS = 60_000;

/** The keyboard-resizable widths the window remembers (list columns, the details pane), in CSS pixels. */
export const MIN_REMEMBERED_WIDTH = 40;
export const MAX_REMEMBERED_WIDTH = 4000;
const Width = lazySchema(() => z.number().int().min(MIN_REMEMBERED_WIDTH).max(MAX_REMEMBERED_WIDTH));
/** A view, tab or column name as the renderer spells it (the renderer ignores one it does not know). */
const LayoutName = lazySchema(() =>
  z.string().regex(/^[a-zA-Z][\w.-]{0,39}$/, 'a layout name is a short identifier'),
);
const MAX_COLUMN_WIDTHS = 32;

const ExecUser = lazySchema(() =>
  z
    .string()
    .max(256, 'a user name has at most 256 characters')
    .refine((s) => !s.includes('\u0000'), 'a user name cannot contain NUL'),
);

/** Every setting, each section a strict object: unknown keys are an error, not silently ignored. */
const shape = {
  theme: ThemeChoice,
  statistics: lazySchema(() =>
    z
      .object({
        /** The app core's sampling interval for watched systems (takes effect at once). */
        intervalMs: z.number().int().min(MIN_STATISTICS_INTERVAL_MS).max(MAX_STATISTICS_INTERVAL_MS),
        /** The time span the statistics charts show. */
        chartWindowMinutes: ChartWindowMinutes,
        /** Statistics as charts (true) or as tables only. */
        charts: z.boolean(),
      })
      .strict(),
  ),
  /** Which actions ask before they run. */
  confirm: lazySchema(() =>
    z
      .object({
        shutdown: z.boolean(),
        terminate: z.boolean(),
        /** Close (forget) a stopped system. */
        close: z.boolean(),
        /** Kill a process from the Processes tab. */
        kill: z.boolean(),
        /** Closing a Create, Modify or Save dialog whose document was edited. */
        discardEdits: z.boolean(),
      })
      .strict(),
  ),
  /** What a new Exec dialog starts with. */
  exec: lazySchema(() =>
    z
      .object({
        commandLine: z.string().max(MAX_COMMAND_LINE_CHARS),
        cwd: z.string().max(MAX_CWD_CHARS),
        user: ExecUser,
        tty: z.boolean(),
        /** After starting a process: show its terminal (true) or stay on the Systems view. */
        openTerminal: z.boolean(),
      })
      .strict(),
  ),
  notifications: lazySchema(() =>
    z
      .object({
        /** Desktop (or, in web mode, browser) notifications for unexpected exits. */
        desktop: z.boolean(),
      })
      .strict(),
  ),
  hcsApi: HcsApiChoice,
  /** What the window remembers of how it was left. */
  layout: lazySchema(() =>
    z
      .object({
        view: LayoutName,
        detailsTab: LayoutName,
        /** Width of each resized list column, by column name. */
        columnWidths: z
          .record(LayoutName, Width)
          .refine((w) => Object.keys(w).length <= MAX_COLUMN_WIDTHS, `at most ${MAX_COLUMN_WIDTHS} columns`),
        /** Width of the details pane beside the list; null: its default share of the window. */
        detailsWidth: Width.nullable(),
        /** Utility VMs whose hosted containers are folded in the list. */
        collapsedGroups: z.array(z.string().max(256)).max(256),
      })
      .strict(),
  ),
};

export const Settings = lazySchema(() => z.object(shape).strict());
export type Settings = z.infer<typeof Settings>;

/** A change: any of the settings, each section partly. Also the shape of the settings file (with `version`). */
export const SettingsPatch = lazySchema(() =>
  z
    .object({
      theme: shape.theme.optional(),
      statistics: shape.statistics.partial().optional(),
      confirm: shape.confirm.partial().optional(),
      exec: shape.exec.partial().optional(),
      notifications: shape.notifications.partial().optional(),
      hcsApi: shape.hcsApi.optional(),
      layout: shape.layout.partial().optional(),
    })
    .strict(),
);
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** The settings file: a patch over the defaults, with the version that wrote it. */
export const SettingsFileContent = lazySchema(() =>
  SettingsPatch.extend({ version: z.literal(SETTINGS_VERSION) }).strict(),
);
export type SettingsFileContent = z.infer<typeof SettingsFileContent>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  statistics: { intervalMs: 1000, chartWindowMinutes: 5, charts: true },
  confirm: { shutdown: true, terminate: true, close: false, kill: true, discardEdits: true },
  exec: { commandLine: '', cwd: '', user: '', tty: true, openTerminal: true },
  notifications: { desktop: false },
  hcsApi: 'auto',
  layout: {
    view: 'systems',
    detailsTab: 'overview',
    columnWidths: {},
    detailsWidth: null,
    collapsedGroups: [],
  },
};

/** The settings with a patch applied: each section merged key by key (a column width replaces that column's). */
export function applySettingsPatch(base: Settings, patch: SettingsPatch): Settings {
  const layout = patch.layout
    ? {
        ...base.layout,
        ...patch.layout,
        columnWidths: patch.layout.columnWidths
          ? { ...base.layout.columnWidths, ...patch.layout.columnWidths }
          : base.layout.columnWidths,
      }
    : base.layout;
  return {
    theme: patch.theme ?? base.theme,
    statistics: { ...base.statistics, ...patch.statistics },
    confirm: { ...base.confirm, ...patch.confirm },
    exec: { ...base.exec, ...patch.exec },
    notifications: { ...base.notifications, ...patch.notifications },
    hcsApi: patch.hcsApi ?? base.hcsApi,
    layout,
  };
}

/** What a window knows about the settings: the values, where they are kept, and what needs a restart. */
export const SettingsState = lazySchema(() =>
  z
    .object({
      settings: Settings,
      /** Where they are kept (a file path), or null when they live only as long as the app. */
      location: z.string().nullable(),
      /**
       * What was wrong with the settings file when the app started (it was kept aside, and the defaults used):
       * a sentence for the user, naming where the bad file now is. Null when nothing was.
       */
      problem: z.string().nullable(),
      /** Settings changed since the app started that take effect only after a restart (e.g. `hcsApi`). */
      restartNeeded: z.array(z.enum(['hcsApi'])),
      /** Whether `app.restart` can restart the app here (the desktop app; a web server cannot restart itself). */
      canRestart: z.boolean(),
    })
    .strict(),
);
export type SettingsState = z.infer<typeof SettingsState>;

/**
 * Only a plain object (what JSON and a structured clone of JSON give): a Map, a Date or an Error where a
 * settings object is asked is refused, not read as an empty object. Every key of these requests is optional,
 * so without this such a value would pass as "no change".
 */
function plain<T extends z.ZodType>(schema: T) {
  return z
    .custom<unknown>((value) => {
      if (typeof value !== 'object' || value === null) return false;
      const proto = Object.getPrototypeOf(value) as unknown;
      return proto === Object.prototype || proto === null;
    }, 'expected a plain object')
    .pipe(schema);
}

const Nothing = lazySchema(() => plain(z.object({}).strict()));

export const settingsRequests = {
  'settings.get': { request: Nothing, response: SettingsState },
  /** Change some settings; every window then receives `settings.changed`. */
  'settings.update': { request: lazySchema(() => plain(SettingsPatch)), response: SettingsState },
  /** Back to the defaults (the window layout included). */
  'settings.reset': { request: Nothing, response: SettingsState },
  /**
   * Restart the app (a setting that needs it was changed). Resolves once the restart is under way; fails with
   * an ErrorInfo where the app cannot restart itself (web mode: restart the server).
   */
  'app.restart': { request: Nothing, response: Nothing },
} as const;

export const settingsEvents = {
  'settings.changed': SettingsState,
} as const;
