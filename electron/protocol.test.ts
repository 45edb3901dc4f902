import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
}));
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      electron.handlers.set(scheme, handler),
  },
}));
const { APP_CSP, handleAppProtocol, registerAppScheme, serveAppRequest } = await import('./protocol.ts');

let base: string;
let dir: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'hcs-proto-'));
  dir = join(base, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>HCS</title>');
  writeFileSync(join(dir, 'assets', 'a.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'secret');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme', () => {
    registerAppScheme();
    expect(electron.privileged).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      },
    ]);
  });

  it('serves the renderer with the CSP header on every response', async () => {
    handleAppProtocol(dir);
    const handler = electron.handlers.get('app')!;
    const page = await handler(new Request('app://hcs-desktop/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>HCS</title>');
    const css = await serveAppRequest('app://hcs-desktop/assets/a.css', 'GET', dir);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const missing = await serveAppRequest('app://hcs-desktop/nope.js', 'GET', dir);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain("object-src 'none'");
  });

  it('refuses traversal, other hosts and other methods', async () => {
    for (const url of [
      'app://hcs-desktop/..%2fsecret.txt',
      'app://hcs-desktop/assets/..%2f..%2fsecret.txt',
    ]) {
      const res = await serveAppRequest(url, 'GET', dir);
      expect(res.status, url).toBe(403);
      expect(await res.text()).not.toContain('secret');
    }
    expect((await serveAppRequest('app://elsewhere/index.html', 'GET', dir)).status).toBe(404);
    expect((await serveAppRequest('app://hcs-desktop/index.html', 'POST', dir)).status).toBe(405);
  });

  it("answers the build's files from what it read when it was set up, the rest from disk", async () => {
    writeFileSync(join(dir, 'assets', 'read-once.js'), 'export const v = 1;\n');
    electron.handlers.clear();
    handleAppProtocol(dir);
    const handler = electron.handlers.get('app')!;
    expect(await (await handler(new Request('app://hcs-desktop/assets/read-once.js'))).text()).toBe(
      'export const v = 1;\n',
    );
    writeFileSync(join(dir, 'assets', 'read-once.js'), 'export const v = 2;\n');
    writeFileSync(join(dir, 'assets', 'later.js'), 'export {};\n');
    const cached = await handler(new Request('app://hcs-desktop/assets/read-once.js'));
    expect([cached.status, await cached.text()]).toEqual([200, 'export const v = 1;\n']);
    expect(cached.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await (await handler(new Request('app://hcs-desktop/assets/later.js'))).text()).toBe(
      'export {};\n',
    );
    const root = await handler(new Request('app://hcs-desktop/'));
    expect(await root.text()).toContain('<title>HCS</title>');
  });
});
