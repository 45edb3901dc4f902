import type { ErrorInfo } from '../../src/contract/index.ts';
import { errorInfoOf, type HcsTransport } from '../transport/index.ts';
import type { ExecStore } from './exec-store.ts';

/**
 * Feeds the exec store from the transport: `exec.changed` / `exec.removed`, and the whole list each time the
 * link opens (the sessions live in the main process and outlast a reload or a reconnect). Each opening also
 * bumps the link epoch, which makes the terminals attach again: a new connection has no attachments.
 */
export function bindExec(
  transport: HcsTransport,
  store: ExecStore,
  onListFailed: (error: ErrorInfo) => void,
): () => void {
  const { api } = transport;
  const s = () => store.getState();
  const opened = () => {
    s().linkOpened();
    api.invoke('exec.list', {}).then(
      (list) => s().applyList(list),
      (e: unknown) => {
        // A link that dropped again will list again when it reopens; anything else is worth saying.
        if (transport.connection() === 'open') onListFailed(errorInfoOf(e));
      },
    );
  };
  const unsubscribes = [
    api.on('exec.changed', ({ session }) => s().applyChanged(session)),
    api.on('exec.removed', ({ sessionId }) => s().applyRemoved(sessionId)),
    transport.onConnection((state) => {
      if (state === 'open') opened();
    }),
  ];
  if (transport.connection() === 'open') opened();
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
