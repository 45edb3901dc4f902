import { isEnded } from './format.ts';
import type { ExecSession, HcsApi } from '../../src/contract/index.ts';
import { errorInfoOf } from '../transport/index.ts';
import type { ExecStore } from './exec-store.ts';
import type { ErrorInfo } from '../../src/contract/index.ts';

/**
 * Closing a session's tab. A session that has ended is forgotten (for every window: its output goes too); a
 * running one only leaves this window's tabs (its terminal detaches as it unmounts) and goes on running,
 * listed under the background sessions. Resolves to the error of a forget that failed, else null.
 */
export async function closeSession(
  api: HcsApi,
  store: ExecStore,
  session: Pick<ExecSession, 'sessionId' | 'state'>,
): Promise<ErrorInfo | null> {
  if (!isEnded(session)) {
    store.getState().hide(session.sessionId);
    return null;
  }
  try {
    await api.invoke('exec.forget', { sessionId: session.sessionId });
    // The exec.removed event follows for every window; do not wait for it here.
    store.getState().applyRemoved(session.sessionId);
    return null;
  } catch (e) {
    return errorInfoOf(e);
  }
}
