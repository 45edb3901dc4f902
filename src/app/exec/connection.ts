import type { RequestChannel, RequestOf, ResponseOf } from '../../contract/index.ts';
import { AppError, errorInfoOf } from '../error-info.ts';
import type { StatisticsHub, StatisticsWatcher } from '../statistics/index.ts';
import type { ExecClient } from './client.ts';

/**
 * What a transport holds per connection (a WebSocket, a window's page load): every request goes through
 * `handle`, which answers the per-client requests (exec attach, detach, ack with this connection's output
 * client; statistics watch and unwatch with its watcher) and passes the rest to the core. `close` when the
 * connection goes: its attachments and watches go with it.
 */
export interface CoreConnection {
  /** Run an ALREADY-VALIDATED request (the transport called `parseRequest`); rejects with AppError. */
  handle<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): void;
}

type CoreHandle = <C extends RequestChannel>(channel: C, payload: RequestOf<C>) => Promise<ResponseOf<C>>;

/** This connection's statistics: the hub, and the watcher that delivers updates to this connection only. */
export interface ConnectionStatistics {
  hub: StatisticsHub;
  watcher: StatisticsWatcher;
}

export function coreConnection(
  handle: CoreHandle,
  client: ExecClient,
  statistics: ConnectionStatistics,
): CoreConnection {
  const local = (channel: RequestChannel, payload: unknown): unknown => {
    switch (channel) {
      case 'statistics.watch':
        return statistics.hub.watch(statistics.watcher, (payload as RequestOf<'statistics.watch'>).id);
      case 'statistics.unwatch':
        statistics.hub.unwatch(statistics.watcher, (payload as RequestOf<'statistics.unwatch'>).id);
        return {};
      case 'exec.attach':
        return client.attach((payload as RequestOf<'exec.attach'>).sessionId);
      case 'exec.detach':
        client.detach((payload as RequestOf<'exec.detach'>).sessionId);
        return {};
      case 'exec.ack': {
        const { sessionId, bytes } = payload as RequestOf<'exec.ack'>;
        client.ack(sessionId, bytes);
        return {};
      }
      default:
        return undefined;
    }
  };
  return {
    handle<C extends RequestChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>> {
      try {
        const answer = local(channel, payload);
        if (answer !== undefined) return Promise.resolve(answer as ResponseOf<C>);
      } catch (e) {
        return Promise.reject(e instanceof AppError ? e : new AppError(errorInfoOf(e)));
      }
      return handle(channel, payload);
    },
    close: () => {
      statistics.hub.unwatchAll(statistics.watcher);
      client.close();
    },
  };
}
