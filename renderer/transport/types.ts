import type { HcsApi } from '../../src/contract/index.ts';

/**
 * The state of the link between this window and the app core. `connecting` is the first attempt,
 * `reconnecting` follows a loss (the banner says so), `open` means requests can be sent.
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/** The one object the rest of the renderer talks to; which transport carries it stays hidden here. */
export interface HcsTransport {
  readonly api: HcsApi;
  connection(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}
