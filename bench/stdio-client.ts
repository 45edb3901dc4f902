/**
 * The web-mode leg of the stdio benchmark, as its own process so its memory is its own: a Node WebSocket client
 * that attaches to one exec session, draws (counts) its output frames and acknowledges them as a renderer
 * does, then reports on stdout as JSON lines: {"attached":true}, then {"bytes","peakRssBytes"} at the end.
 *
 *   node --import tsx bench/stdio-client.ts <ws-url> <origin> <sessionId> <totalBytes>
 */
import { WebSocket } from 'ws';
import { LOW_WATERMARK_BYTES, decodeOutputFrame } from '../src/contract/index.ts';

/** The contract's rule for a client that does not flush when idle: ack at least every low watermark. */
const ACK_EVERY_BYTES = LOW_WATERMARK_BYTES;

const [url, origin, sessionId, totalText] = process.argv.slice(2);
if (!url || !origin || !sessionId || !totalText) {
  process.stderr.write('usage: stdio-client.ts <ws-url> <origin> <sessionId> <totalBytes>\n');
  process.exit(2);
}
const total = Number(totalText);

const ws = new WebSocket(url, { headers: { origin } });
let nextId = 1;
let received = 0;
let unacked = 0;
let peakRss = process.memoryUsage.rss();
let sampledAt = 0;

function request(channel: string, payload: unknown): number {
  const id = nextId++;
  ws.send(JSON.stringify({ t: 'req', id, channel, payload }));
  return id;
}

ws.on('open', () => {
  const attachId = request('exec.attach', { sessionId });
  ws.on('message', (data, isBinary) => {
    if (!isBinary) {
      const message = JSON.parse(String(data)) as { t: string; id?: number; ok?: boolean; error?: unknown };
      if (message.t === 'res' && message.id === attachId) {
        if (!message.ok) {
          process.stderr.write(`attach failed: ${JSON.stringify(message.error)}\n`);
          process.exit(1);
        }
        process.stdout.write('{"attached":true}\n');
      }
      return;
    }
    const chunk = decodeOutputFrame(data as Buffer);
    received += chunk.data.byteLength;
    unacked += chunk.data.byteLength;
    if (unacked >= ACK_EVERY_BYTES) {
      request('exec.ack', { sessionId, bytes: unacked });
      unacked = 0;
    }
    if (received - sampledAt >= 4 * 1024 * 1024) {
      sampledAt = received;
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
    if (received >= total) {
      process.stdout.write(`${JSON.stringify({ bytes: received, peakRssBytes: peakRss })}\n`);
      ws.close();
    }
  });
});
ws.on('close', () => process.exit(received >= total ? 0 : 1));
ws.on('error', (e) => {
  process.stderr.write(`websocket error: ${e.message}\n`);
  process.exit(1);
});
