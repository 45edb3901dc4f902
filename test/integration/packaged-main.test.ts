/**
 * The Electron main process as `npm run build:electron` builds it, checked against what the package ships:
 * every package the bundle still requires at run time must be in electron-builder.yml's `files`. `npm run dist`
 * makes the same check, but only when someone packages; this runs it on every CI run. (The remote-host dialer's
 * ws once slipped past: main required it, the package left it out, and `dist` would have refused.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filePatterns, requiredPackages, unshippedPackages } from '../../scripts/packaging/preflight.ts';
import { RELEASE_CONFIG, loadValidatedConfig } from '../../scripts/packaging/validate-config.ts';

const root = join(import.meta.dirname, '..', '..');
let outDir = '';
let main = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'hcs-main-bundle-'));
  await build({
    configFile: join(root, 'vite.electron.config.ts'),
    mode: 'main',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  main = readFileSync(join(outDir, 'main.cjs'), 'utf8');
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the built Electron main process', () => {
  it('requires at run time only packages the package ships', async () => {
    const config = await loadValidatedConfig(RELEASE_CONFIG);
    const required = requiredPackages(main);
    expect(required).toContain('koffi');
    expect(unshippedPackages(required, filePatterns(config.files))).toEqual([]);
  });

  it('carries zod and ws inside it', () => {
    expect(requiredPackages(main)).not.toContain('zod');
    expect(requiredPackages(main)).not.toContain('ws');
    // Their code is there: zod's error class and ws's server.
    expect(main).toContain('ZodError');
    expect(main).toContain('WebSocketServer');
  });
});
