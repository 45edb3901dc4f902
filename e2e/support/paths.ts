import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Debian's Chromium (Playwright's own browsers cannot be downloaded here); HCS_E2E_CHROMIUM overrides. */
export const chromiumPath = process.env.HCS_E2E_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The deterministic simulator fixture the specs are written against. */
export const testFixturePath = join(repoRoot, 'sim', 'fixtures', 'test.json');

/**
 * The Electron executable, or why there is none. Found without `require('electron')`, which in Electron 45
 * tries to download the binary when it is missing.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe =
    process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  if (override) {
    const path = join(override, exe);
    return existsSync(path)
      ? { path }
      : { missing: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} does not exist` };
  }
  const pkg = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile))
    return { missing: `node_modules/electron has no downloaded binary (no ${pathFile})` };
  const path = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `${path} does not exist` };
}

/** The built Electron main process (`npm run build:electron`); HCS_E2E_ELECTRON_MAIN overrides. */
export function electronMainEntry(): string {
  return resolve(process.env.HCS_E2E_ELECTRON_MAIN ?? join(repoRoot, 'dist', 'electron', 'main.cjs'));
}
