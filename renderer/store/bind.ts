import type { HcsTransport } from '../transport/index.ts';
import { errorInfoOf } from '../transport/index.ts';
import type { Operation } from '../../src/contract/index.ts';
import type { AppStore } from './app-store.ts';
import { createChangeBatcher, createKeyedBatcher } from './change-batcher.ts';

/**
 * Feeds the store from the transport: every event, the connection state, and a full refresh each time
 * the link opens. Both transports push the list (`systems.snapshot`) when a link opens, before any answer
 * (the web server writes it first on the socket; Electron's preload replays the one it holds); the list is
 * asked for only if no snapshot came by the time the status and the operations are answered — with 10,000
 * systems, a second copy of the list costs the first view its validation and its applying again.
 */
export function bindStore(transport: HcsTransport, store: AppStore): () => void {
  const { api } = transport;
  const s = () => store.getState();
  /** Bumped by each snapshot: the hydrate of a link knows whether one came since the link opened. */
  let snapshots = 0;
  const hydrate = async () => {
    const before = snapshots;
    const first = await Promise.allSettled([
      api.invoke('service.status', {}).then((status) => s().setService(status)),
      api.invoke('operations.list', {}).then((ops) => {
        operations.flush();
        s().applyOperations(ops);
      }),
    ]);
    const list =
      snapshots !== before
        ? []
        : await Promise.allSettled([
            api.invoke('systems.list', {}).then((list) => {
              changes.flush();
              s().applySnapshot(list);
            }),
          ]);
    const results = [...first, ...list];
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed && transport.connection() === 'open') {
      const error = errorInfoOf(failed.reason);
      s().notify({
        intent: 'warning',
        title: 'Could not load the current state',
        body: error.message,
        error,
      });
    }
  };
  // Changes come in bursts (a poll that finds many systems changed, a bulk action): one update per frame.
  const changes = createChangeBatcher((systems) => s().applyChangedMany(systems));
  const operations = createKeyedBatcher(
    (op: Operation) => op.opId,
    (ops: Operation[]) => s().applyOperations(ops),
  );
  const unsubscribes = [
    api.on('systems.snapshot', ({ systems }) => {
      snapshots++;
      changes.flush();
      s().applySnapshot(systems);
    }),
    api.on('systems.changed', ({ system }) => changes.add(system)),
    api.on('systems.removed', ({ id }) => {
      changes.flush();
      s().applyRemoved(id);
    }),
    api.on('operations.changed', ({ operation }) => operations.add(operation)),
    api.on('service.changed', ({ status }) => s().setService(status)),
    api.on('systems.notification', (n) => s().applyNotification(n)),
    transport.onConnection((state) => {
      s().setConnection(state);
      if (state === 'open') void hydrate();
    }),
  ];
  s().setConnection(transport.connection());
  if (transport.connection() === 'open') void hydrate();
  return () => {
    changes.cancel();
    operations.cancel();
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
