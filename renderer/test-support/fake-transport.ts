import { ConnectionStateCell } from '../transport/connection-state.ts';
import type { ConnectionState, HcsTransport } from '../transport/types.ts';
import type { FakeApi } from './fake-api.ts';

/** A transport over a FakeApi whose connection state the test sets (`cell.set('reconnecting')`). */
export function fakeTransport(api: FakeApi, initial: ConnectionState = 'open') {
  const cell = new ConnectionStateCell(initial);
  const transport: HcsTransport = {
    api,
    connection: () => cell.get(),
    onConnection: (listener) => cell.subscribe(listener),
    close: () => {},
  };
  return { transport, cell };
}
