// electron-builder run for real (offline, on a stand-in app with a stand-in Electron carrying a fuse wire): the
// packages contain what docs/packaging.md says, and each configuration flips the fuses it must.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dryRun, type DryRunResult } from './dry-run.ts';
import { E2E_CONFIG, RELEASE_CONFIG } from './validate-config.ts';

let release: DryRunResult;
let e2e: DryRunResult;
beforeAll(async () => {
  [release, e2e] = await Promise.all([dryRun(RELEASE_CONFIG), dryRun(E2E_CONFIG)]);
}, 180_000);
afterAll(async () => {
  await Promise.all([release?.cleanup(), e2e?.cleanup()]);
});

describe('the packaged app (electron-builder --linux dir)', () => {
  it('starts the built main process', () => {
    expect(release.manifest).toMatchObject({ name: 'hcs-desktop', main: 'dist/electron/main.cjs' });
    expect(release.asar).toEqual(
      expect.arrayContaining([
        'dist/electron/main.cjs',
        'dist/electron/preload.cjs',
        'dist/renderer/index.html',
        'package.json',
      ]),
    );
  });

  it('ships only the runtime packages of the main bundle, and no source maps', () => {
    const packages = new Set(
      release.asar
        .filter((p) => p.startsWith('node_modules/'))
        .map((p) =>
          p
            .split('/')
            .slice(1, p.startsWith('node_modules/@') ? 3 : 2)
            .join('/'),
        )
        .filter((name) => name && !name.endsWith('@koromix')),
    );
    expect([...packages].sort()).toEqual(['@koromix/koffi-linux-x64', 'koffi']);
    expect(release.asar.filter((p) => p.endsWith('.map'))).toEqual([]);
  });

  it('keeps koffi and its native module outside the asar, where they load', () => {
    expect(release.unpacked).toEqual(
      expect.arrayContaining([
        'node_modules/koffi/index.cjs',
        'node_modules/koffi/src/koffi/src/static.cjs',
        `node_modules/@koromix/koffi-linux-${process.arch}/linux_${process.arch}/koffi.node`,
      ]),
    );
    expect(release.unpacked.filter((p) => /\.(cc|hh|asm|S)$/.test(p))).toEqual([]);
    // In a separate process (koffi is native code): the unpacked copy loads on its own.
    const koffi = join(release.appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'koffi');
    const probe = spawnSync(
      process.execPath,
      ['-e', `console.log(require(${JSON.stringify(koffi)}).version)`],
      {
        encoding: 'utf8',
      },
    );
    expect(probe.stderr).toBe('');
    expect(probe.stdout.trim()).toBe('3.3.4');
  });

  it('ships the simulated HCS as resources laid out like the checkout', () => {
    expect(release.resources).toEqual(
      expect.arrayContaining([
        'build/native/libvmcompute_sim.so',
        'build/native/libsimhost.so',
        'sim/service/main.mjs',
        'sim/fixtures/demo.json',
        'sim/service/node_modules/koffi/package.json',
      ]),
    );
    expect(release.resources).not.toContain('build/native/.build-stamp');
  });
});

describe('the fuses electron-builder flips', () => {
  it('switches off Node entry points and on asar integrity in the release build', () => {
    expect(release.fuses).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
      // Not configurable in electron-builder 26.17.0: Electron's default stays.
      WasmTrapHandlers: '1',
    });
  });

  it('leaves the inspector arguments on in the e2e build only', () => {
    expect(e2e.fuses).toEqual({ ...release.fuses, EnableNodeCliInspectArguments: '1' });
    expect(e2e.appDir).toContain(join('release', 'e2e', 'linux-unpacked'));
  });
});
