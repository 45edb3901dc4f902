// HTTPS and WSS clients for web-mode tests that trust only the test's own certificate.
import { request } from 'node:https';
import { WebSocket } from 'ws';

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** GET https://host:port/path, trusting `ca` only. */
export function httpsGet(host: string, port: number, path: string, ca: Buffer): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, ca }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a wss connection trusting only `ca`; resolves with the first message or the refusal. */
export function wssFirstMessage(
  url: string,
  origin: string,
  ca: Buffer,
): Promise<{ first: string } | { status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ca, headers: { origin } });
    ws.once('message', (data) => {
      resolve({ first: String(data) });
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}
