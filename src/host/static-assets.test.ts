import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, openStaticFile, readStaticFile, resolveStaticPath } from './static-assets.ts';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'hcs-static-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>HCS</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app.js.map'), '{"version":3}');
  writeFileSync(join(base, 'secret.txt'), 'secret');
  symlinkSync(join(base, 'secret.txt'), join(root, 'escape.txt'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('static assets', () => {
  it('serves index.html for / and files with their content types', async () => {
    const index = await readStaticFile(root, '/');
    expect(index).toMatchObject({ kind: 'file', contentType: 'text/html; charset=utf-8' });
    const js = await readStaticFile(root, '/assets/app.js');
    expect(js).toMatchObject({ kind: 'file', contentType: 'text/javascript; charset=utf-8' });
    if (js.kind === 'file') expect(js.body.toString()).toBe('console.log(1)');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });

  it('refuses paths that leave the root, however they are spelled', async () => {
    for (const p of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..\\secret.txt',
      '/a%00b',
      '/%zz',
    ]) {
      expect(resolveStaticPath(root, p), p).toBeNull();
      expect((await readStaticFile(root, p)).kind, p).toBe('forbidden');
    }
  });

  it('refuses a symbolic link that points outside the root', async () => {
    expect(await readStaticFile(root, '/escape.txt')).toEqual({ kind: 'forbidden' });
  });

  it('answers not-found for missing files and directories', async () => {
    expect(await readStaticFile(root, '/missing.js')).toEqual({ kind: 'not-found' });
    expect(await readStaticFile(root, '/assets')).toEqual({ kind: 'not-found' });
  });

  it('opens a file without reading it, and refuses source maps unless asked for', async () => {
    const js = await openStaticFile(root, '/assets/app.js');
    expect(js).toMatchObject({ kind: 'file', size: 14, contentType: 'text/javascript; charset=utf-8' });
    if (js.kind === 'file') {
      expect(js.etag).toMatch(/^W\/"e-[0-9a-f]+"$/);
      expect((await js.handle.readFile()).toString()).toBe('console.log(1)');
      await js.handle.close();
    }
    expect(await openStaticFile(root, '/assets/app.js.map')).toEqual({ kind: 'not-found' });
    const map = await openStaticFile(root, '/assets/app.js.map', { sourceMaps: true });
    expect(map.kind).toBe('file');
    if (map.kind === 'file') await map.handle.close();
    // Electron's app:// reads whole files and keeps the maps for the app's own developer tools.
    expect(await readStaticFile(root, '/assets/app.js.map')).toMatchObject({ kind: 'file' });
    expect(await readStaticFile(root, '/assets/app.js.map', { sourceMaps: false })).toEqual({
      kind: 'not-found',
    });
  });
});
