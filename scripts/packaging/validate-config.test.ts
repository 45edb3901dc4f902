import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  E2E_CONFIG,
  RELEASE_CONFIG,
  checkConfigFile,
  loadValidatedConfig,
  policyProblems,
} from './validate-config.ts';

const scratch = mkdtempSync(join(tmpdir(), 'hcs-builder-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A configuration that extends the real one with `body` (YAML) on top. */
function derived(name: string, body: string): string {
  const file = join(scratch, name);
  writeFileSync(file, `extends: ${JSON.stringify(RELEASE_CONFIG)}\n${body}`);
  return file;
}

describe('electron-builder.yml (release)', () => {
  it("passes electron-builder's own schema validation and the packaging policy", async () => {
    expect(await checkConfigFile(RELEASE_CONFIG, 'release')).toMatchObject({ problems: [] });
  });

  it('ships with the security fuses off and the integrity fuses on', async () => {
    const config = await loadValidatedConfig(RELEASE_CONFIG);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('unpacks koffi, installs per machine as the invoking user with the fixed upgrade code', async () => {
    const config = await loadValidatedConfig(RELEASE_CONFIG);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['node_modules/koffi/**', 'node_modules/@koromix/**']),
    );
    expect(config.msi).toMatchObject({
      perMachine: true,
      upgradeCode: 'C3AD2EB4-1125-469F-8925-04D5BF6EA131',
    });
    expect(config.win?.requestedExecutionLevel).toBe('asInvoker');
    expect(config.extraMetadata).toMatchObject({ main: 'dist/electron/main.cjs' });
    expect(config.directories).toMatchObject({ output: 'release', buildResources: 'assets' });
  });
});

describe('electron-builder.e2e.yml (Playwright test build)', () => {
  it('passes the schema and differs from the release only in the inspector fuse and output directory', async () => {
    expect(await checkConfigFile(E2E_CONFIG, 'e2e')).toMatchObject({ problems: [] });
    const release = await loadValidatedConfig(RELEASE_CONFIG);
    const e2e = await loadValidatedConfig(E2E_CONFIG);
    expect(e2e.electronFuses).toEqual({ ...release.electronFuses, enableNodeCliInspectArguments: true });
    expect(e2e.directories?.output).toBe('release/e2e');
    const strip = ({ electronFuses: _f, directories: _d, extends: _e, ...rest }: typeof release) => rest;
    expect(strip(e2e)).toEqual(strip(release));
  });
});

describe('a broken configuration', () => {
  it('fails when a key is misspelt, naming the key', async () => {
    const file = derived('typo.yml', 'win:\n  requestedExecutionLevl: asInvoker\n');
    await expect(loadValidatedConfig(file)).rejects.toThrow('unknown option win.requestedExecutionLevl');
    const result = await checkConfigFile(file, 'release');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain('invalid electron-builder configuration');
  });

  it('fails the policy when a fuse is flipped, the upgrade code changes or koffi stays packed', async () => {
    const config = await loadValidatedConfig(
      derived(
        'policy.yml',
        [
          'electronFuses:',
          '  runAsNode: true',
          'msi:',
          '  upgradeCode: 00000000-0000-0000-0000-000000000000',
          'win:',
          '  requestedExecutionLevel: requireAdministrator',
          '',
        ].join('\n'),
      ),
    );
    const problems = policyProblems({ ...config, asarUnpack: [] }, 'release');
    expect(problems).toEqual([
      'electronFuses.runAsNode must be false, is true',
      "asarUnpack must contain node_modules/koffi/** (koffi's native module cannot load from inside the asar)",
      "asarUnpack must contain node_modules/@koromix/** (koffi's native module cannot load from inside the asar)",
      'win.requestedExecutionLevel must be asInvoker, is "requireAdministrator"',
      'msi.upgradeCode must stay C3AD2EB4-1125-469F-8925-04D5BF6EA131, is "00000000-0000-0000-0000-000000000000"',
    ]);
  });

  it('holds the test build to the release fuses when checked as a release', async () => {
    const problems = policyProblems(await loadValidatedConfig(E2E_CONFIG), 'release');
    expect(problems).toEqual(['electronFuses.enableNodeCliInspectArguments must be false, is true']);
  });
});
