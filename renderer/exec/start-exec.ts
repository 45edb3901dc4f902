import type { ErrorInfo, ExecSession, ExecStartRequest, HcsApi } from '../../src/contract/index.ts';
import { errorInfoOf } from '../transport/index.ts';
import type { ExecStore } from './exec-store.ts';
import { rememberCommand, type ExecRecipe } from './history.ts';

export type StartOutcome = { ok: true; session: ExecSession } | { ok: false; error: ErrorInfo };

/** The exec.start request for a recipe in a system, sized like this window's terminals. */
export function startRequest(
  systemId: string,
  recipe: ExecRecipe,
  size: { cols: number; rows: number },
): ExecStartRequest {
  const request: ExecStartRequest = {
    id: systemId,
    commandLine: recipe.commandLine,
    tty: recipe.tty,
    cols: size.cols,
    rows: size.rows,
  };
  if (recipe.cwd !== '') request.cwd = recipe.cwd;
  if (recipe.env.length > 0) request.env = Object.fromEntries(recipe.env);
  if (recipe.user) request.user = recipe.user;
  return request;
}

/**
 * Starts a process and shows its tab (switching to the Terminals view unless `stay`). HCS refusing the process still makes a session (state failed, with the
 * reason): its tab says why. A rejected request (not connected, invalid, system gone) makes none and is
 * returned for the dialog to show. A started command is remembered for the system's history.
 */
export async function startExec(
  deps: { api: HcsApi; store: ExecStore; history: Pick<Storage, 'getItem' | 'setItem'> | null },
  systemId: string,
  recipe: ExecRecipe,
  options: { focus: boolean; stay?: boolean },
): Promise<StartOutcome> {
  const { api, store, history } = deps;
  try {
    const { session } = await api.invoke(
      'exec.start',
      startRequest(systemId, recipe, store.getState().consoleSize),
    );
    store.getState().applyChanged(session);
    store.getState().open(session.sessionId, { focus: options.focus, stay: options.stay ?? false });
    rememberCommand(history, systemId, recipe);
    return { ok: true, session };
  } catch (e) {
    return { ok: false, error: errorInfoOf(e) };
  }
}
