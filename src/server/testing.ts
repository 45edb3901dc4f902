import { WebSocket } from 'ws';
import { decodeOutputFrame, type OutputChunk, type WireMessage } from '../contract/index.ts';

/** A test client of the web server's WebSocket: collects every message, sends requests, awaits answers. */
export class TestClient {
  /** Messages received and not yet claimed by `next`. */
  readonly messages: WireMessage[] = [];
  private nextId = 1;
  private readonly waiters: { match: (m: WireMessage) => boolean; resolve: (m: WireMessage) => void }[] = [];

  /** Receives every binary message (exec output frames), decoded; unset, frames are dropped. */
  onFrame: ((chunk: OutputChunk) => void) | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        const bytes = Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.isBuffer(data)
            ? data
            : Buffer.from(data);
        this.onFrame?.(decodeOutputFrame(bytes));
        return;
      }
      const message = JSON.parse(String(data)) as WireMessage;
      const waiter = this.waiters.find((w) => w.match(message));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      } else {
        this.messages.push(message);
      }
    });
  }

  static connect(url: string, origin: string, headers: Record<string, string> = {}): Promise<TestClient> {
    const ws = new WebSocket(url, { headers: { origin, ...headers } });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** The next message matching `match`, including one already received and not yet claimed. */
  next(match: (m: WireMessage) => boolean): Promise<WireMessage> {
    const seen = this.messages.find(match);
    if (seen) {
      this.messages.splice(this.messages.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  event(channel: string): Promise<WireMessage> {
    return this.next((m) => m.t === 'evt' && m.channel === channel);
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  async request(channel: string, payload: unknown): Promise<Extract<WireMessage, { t: 'res' }>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ t: 'req', id, channel, payload }));
    return (await this.next((m) => m.t === 'res' && m.id === id)) as Extract<WireMessage, { t: 'res' }>;
  }

  /** The answer to a raw message that carries no readable id (answered with id 0). */
  async answerToUnreadable(): Promise<Extract<WireMessage, { t: 'res' }>> {
    return (await this.next((m) => m.t === 'res' && m.id === 0)) as Extract<WireMessage, { t: 'res' }>;
  }

  close(): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Status code of an upgrade the server refused (or "open" if it accepted). */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}
