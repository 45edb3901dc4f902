/**
 * The transport's own limit, for `ui-stdio`: a WebSocket server in the bench process that sends a page the same
 * amount of the same kind of text as the app's runs (base64 lines with CRLF), in binary messages of the app's
 * frame size (MAX_FRAME_DATA_BYTES), with no framing, no acknowledgements and no flow control. The page writes
 * each message into xterm.js as it arrives. What separates that from xterm.js writing bytes it already holds is
 * the browser's WebSocket (the network service, the IPC to the page, a message event per frame); what separates
 * the app from it is the app's own cost (session, framing, acks, the renderer's transport and dedup).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_DATA_BYTES } from '../../src/contract/index.ts';

/**
 * `bytes` of base64 text in 76-character lines ending in CRLF, the last one `marker`, as a console's output of
 * the bench's command.
 */
function base64Lines(bytes: number, marker: string): Buffer {
  const markerLine = `${marker}\r\n`;
  const lines: string[] = [];
  let size = 0;
  while (size < bytes - markerLine.length) {
    const line = `${randomBytes(57).toString('base64')}\r\n`;
    lines.push(line);
    size += line.length;
  }
  const text = Buffer.from(lines.join('')).subarray(0, bytes - markerLine.length);
  return Buffer.concat([text, Buffer.from(markerLine)]);
}

export interface ByteServer {
  /** ws://127.0.0.1:PORT/ : a client sends "go", then receives the bytes. */
  url: string;
  close(): Promise<void>;
}

/** Serves `bytes` of text ending in `marker` to every client that says "go", in MAX_FRAME_DATA_BYTES messages. */
export async function startByteServer(bytes: number, marker: string): Promise<ByteServer> {
  const data = base64Lines(bytes, marker);
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(wss, 'listening');
  wss.on('connection', (socket) => {
    socket.on('message', () => {
      for (let offset = 0; offset < data.byteLength; offset += MAX_FRAME_DATA_BYTES)
        socket.send(data.subarray(offset, offset + MAX_FRAME_DATA_BYTES));
    });
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
