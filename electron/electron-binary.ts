import { join } from 'node:path';

export interface ElectronLookup {
  env: NodeJS.ProcessEnv;
  /** node_modules/electron */
  electronDir: string;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  read(path: string): string;
}

/**
 * The Electron executable, found the way the electron package finds it (path.txt, dist/,
 * ELECTRON_OVERRIDE_DIST_PATH) but without its fallback of downloading from GitHub; null if absent.
 */
export function electronBinary(lookup: ElectronLookup): string | null {
  const pathFile = join(lookup.electronDir, 'path.txt');
  const relative = lookup.exists(pathFile) ? lookup.read(pathFile).trim() : '';
  const override = lookup.env.ELECTRON_OVERRIDE_DIST_PATH;
  const name = relative || (lookup.platform === 'win32' ? 'electron.exe' : 'electron');
  const candidate = override
    ? join(override, name)
    : relative
      ? join(lookup.electronDir, 'dist', relative)
      : null;
  return candidate && lookup.exists(candidate) ? candidate : null;
}

export function missingElectronMessage(env: NodeJS.ProcessEnv): string {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  return [
    override
      ? `hcs-desktop: no Electron executable in ELECTRON_OVERRIDE_DIST_PATH (${override}).`
      : 'hcs-desktop: the Electron binary is not installed (node_modules/electron has no dist/).',
    '  Electron 45 downloads its binary from GitHub on first use, which this machine cannot reach.',
    '  To run the desktop app, point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 build,',
    '  or run `npx install-electron` on a machine with GitHub access.',
    '  To run HCS Desktop here without Electron: `npm run serve` (web mode, in any browser).',
  ].join('\n');
}
