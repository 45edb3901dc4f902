import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary, missingElectronMessage } from './electron-binary.ts';

const dir = '/repo/node_modules/electron';
function lookup(files: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  return {
    env,
    electronDir: dir,
    platform: 'linux' as const,
    exists: (p: string) => p in files,
    read: (p: string) => files[p] ?? '',
  };
}

describe('finding the Electron binary without downloading it', () => {
  it('uses dist/ when the package has its binary', () => {
    const files = { [join(dir, 'path.txt')]: 'electron', [join(dir, 'dist', 'electron')]: '' };
    expect(electronBinary(lookup(files))).toBe(join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const files = { '/opt/electron/electron': '' };
    expect(electronBinary(lookup(files, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }))).toBe(
      '/opt/electron/electron',
    );
  });

  it('answers null when nothing is there, with a message that says what to do', () => {
    expect(electronBinary(lookup({}))).toBeNull();
    expect(electronBinary(lookup({}, { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }))).toBeNull();
    const message = missingElectronMessage({});
    expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(message).toContain('npm run serve');
    expect(missingElectronMessage({ ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' })).toContain('/nowhere');
  });
});
