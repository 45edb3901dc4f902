import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExecSession } from '../../src/contract/index.ts';
import type { AppView } from '../views/view-ids.ts';

export type { AppView };

export interface ConsoleSize {
  cols: number;
  rows: number;
}

/** A console size for the first process, before any terminal was measured in this window. */
export const DEFAULT_CONSOLE_SIZE: ConsoleSize = { cols: 120, rows: 30 };
export const HIDDEN_STORAGE_KEY = 'hcs-desktop.hidden-sessions.v1';

export interface ExecState {
  /** Every session the app core has, as the last event or answer told it. */
  sessions: Readonly<Record<string, ExecSession>>;
  /** Sessions this window does not show as tabs (closed while still running); kept across a reload. */
  hidden: Readonly<Record<string, true>>;
  /** The session whose tab is selected. */
  active: string | null;
  view: AppView;
  /** Counts the times the link to the app core opened: each time, the terminals attach (again). */
  linkEpoch: number;
  /** The size of the last terminal measured here: new processes start with it. */
  consoleSize: ConsoleSize;
  /** Asks a session's terminal to take the keyboard focus (each new request has a larger `n`). */
  focusRequest: { sessionId: string | null; n: number };

  applyList(list: readonly ExecSession[]): void;
  applyChanged(session: ExecSession): void;
  applyRemoved(sessionId: string): void;
  /**
   * Show a session's tab and select it, and switch to the terminals unless `stay` (a process started from the
   * Systems view by a user who keeps their place there; the tab waits in the Terminals view).
   */
  open(sessionId: string, options?: { focus?: boolean; stay?: boolean }): void;
  /** Take a tab away from this window (the session goes on in the app core). */
  hide(sessionId: string): void;
  select(sessionId: string): void;
  setView(view: AppView): void;
  linkOpened(): void;
  setConsoleSize(size: ConsoleSize): void;
}

export type ExecStore = StoreApi<ExecState>;
type HiddenStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** Ordering of states, so that an older answer (exec.list) does not undo a newer event. */
const STATE_RANK: Record<ExecSession['state'], number> = {
  starting: 0,
  running: 1,
  exited: 2,
  failed: 2,
  orphaned: 2,
};

function newer(current: ExecSession | undefined, incoming: ExecSession): ExecSession {
  if (!current) return incoming;
  return STATE_RANK[incoming.state] < STATE_RANK[current.state] ? current : incoming;
}

/** The tabs of this window: every session not hidden, oldest first. */
export function tabIds(state: Pick<ExecState, 'sessions' | 'hidden'>): string[] {
  return Object.values(state.sessions)
    .filter((s) => !state.hidden[s.sessionId])
    .sort((a, b) => a.startedAt - b.startedAt || a.sessionId.localeCompare(b.sessionId))
    .map((s) => s.sessionId);
}

function loadHidden(storage: HiddenStorage | null): Record<string, true> {
  try {
    const ids: unknown = JSON.parse(storage?.getItem(HIDDEN_STORAGE_KEY) ?? '[]');
    const hidden: Record<string, true> = {};
    if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') hidden[id] = true;
    return hidden;
  } catch {
    return {};
  }
}

function saveHidden(storage: HiddenStorage | null, hidden: Readonly<Record<string, true>>): void {
  try {
    storage?.setItem(HIDDEN_STORAGE_KEY, JSON.stringify(Object.keys(hidden)));
  } catch {
    // Storage disabled: hidden tabs come back after a reload, nothing worse.
  }
}

/** A neighbour of a tab that goes away, so the selection stays on something close. */
function neighbour(
  state: ExecState,
  leaving: string,
  next: Pick<ExecState, 'sessions' | 'hidden'>,
): string | null {
  if (state.active !== leaving) return state.active;
  const before = tabIds(state);
  const after = tabIds(next);
  const index = before.indexOf(leaving);
  return after[Math.min(Math.max(index, 0), after.length - 1)] ?? null;
}

/**
 * The exec sessions as this window sees them, and which of them it shows as tabs. `storage` keeps the hidden
 * tabs of this browser tab across a reload (sessionStorage).
 */
export function createExecStore(storage: HiddenStorage | null = null): ExecStore {
  return createStore<ExecState>()((set, get) => {
    const setHidden = (hidden: Record<string, true>) => {
      saveHidden(storage, hidden);
      return hidden;
    };
    return {
      sessions: {},
      hidden: loadHidden(storage),
      active: null,
      view: 'systems',
      linkEpoch: 0,
      consoleSize: DEFAULT_CONSOLE_SIZE,
      focusRequest: { sessionId: null, n: 0 },

      applyList: (list) =>
        set((s) => {
          const sessions: Record<string, ExecSession> = {};
          for (const session of list)
            sessions[session.sessionId] = newer(s.sessions[session.sessionId], session);
          // Forget hidden ids of sessions that no longer exist.
          const hidden: Record<string, true> = {};
          for (const id of Object.keys(s.hidden)) if (id in sessions) hidden[id] = true;
          const tabs = tabIds({ sessions, hidden });
          const active =
            s.active !== null && tabs.includes(s.active) ? s.active : (tabs[tabs.length - 1] ?? null);
          return { sessions, hidden: setHidden(hidden), active };
        }),

      applyChanged: (session) =>
        set((s) => {
          const merged = newer(s.sessions[session.sessionId], session);
          const sessions = { ...s.sessions, [session.sessionId]: merged };
          const active = s.active ?? (s.hidden[session.sessionId] ? null : session.sessionId);
          return { sessions, active };
        }),

      applyRemoved: (sessionId) =>
        set((s) => {
          if (!(sessionId in s.sessions)) return {};
          const sessions = { ...s.sessions };
          delete sessions[sessionId];
          const hidden = { ...s.hidden };
          delete hidden[sessionId];
          return {
            sessions,
            hidden: setHidden(hidden),
            active: neighbour(s, sessionId, { sessions, hidden }),
          };
        }),

      open: (sessionId, options = {}) =>
        set((s) => {
          const hidden = { ...s.hidden };
          delete hidden[sessionId];
          return {
            hidden: s.hidden[sessionId] ? setHidden(hidden) : s.hidden,
            active: sessionId,
            view: options.stay ? s.view : 'terminals',
            focusRequest:
              options.focus && !options.stay ? { sessionId, n: s.focusRequest.n + 1 } : s.focusRequest,
          };
        }),

      hide: (sessionId) =>
        set((s) => {
          const hidden = { ...s.hidden, [sessionId]: true as const };
          return {
            hidden: setHidden(hidden),
            active: neighbour(s, sessionId, { sessions: s.sessions, hidden }),
          };
        }),

      select: (sessionId) => {
        if (get().active !== sessionId) set({ active: sessionId });
      },
      setView: (view) => set({ view }),
      linkOpened: () => set((s) => ({ linkEpoch: s.linkEpoch + 1 })),
      setConsoleSize: (size) => {
        const current = get().consoleSize;
        if (current.cols !== size.cols || current.rows !== size.rows) set({ consoleSize: size });
      },
    };
  });
}
