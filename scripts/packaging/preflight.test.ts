import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  WIN32_KOFFI_BINARY,
  filePatterns,
  packageOf,
  requiredPackages,
  unshippedPackages,
  win32KoffiProblem,
} from './preflight.ts';
import { RELEASE_CONFIG, loadValidatedConfig } from './validate-config.ts';

describe('win32KoffiProblem', () => {
  it("is silent when koffi's Windows binary is installed", () => {
    expect(win32KoffiProblem('/repo', (p) => p === join('/repo', WIN32_KOFFI_BINARY))).toBeNull();
  });

  it('says how to install it when it is not', () => {
    const problem = win32KoffiProblem('/repo', () => false);
    expect(problem).toContain('@koromix/koffi-win32-x64 is not installed');
    expect(problem).toContain('npm ci --os=win32 --cpu=x64');
  });
});

describe('requiredPackages', () => {
  it('lists the packages a CommonJS bundle requires, not builtins, electron or relative files', () => {
    const bundle = [
      "const electron = require('electron');",
      'const fs = require("node:fs"); const path = require("path");',
      'const koffi = require("koffi");',
      'const zod = require("zod"); const again = require("zod");',
      'const deep = require("@scope/pkg/sub/file.js");',
      'const local = require("./chunk.cjs");',
    ].join('\n');
    expect(requiredPackages(bundle)).toEqual(['@scope/pkg', 'koffi', 'zod']);
  });

  it('names the package of a specifier', () => {
    expect(packageOf('@koromix/koffi-win32-x64/index.js')).toBe('@koromix/koffi-win32-x64');
    expect(packageOf('fs/promises')).toBeNull();
    expect(packageOf('../x')).toBeNull();
  });
});

describe('unshippedPackages', () => {
  it("finds nothing missing for koffi in the real configuration's files", async () => {
    const config = await loadValidatedConfig(RELEASE_CONFIG);
    expect(unshippedPackages(['koffi'], filePatterns(config.files))).toEqual([]);
  });

  it('reports a required package the files leave out', async () => {
    const config = await loadValidatedConfig(RELEASE_CONFIG);
    expect(unshippedPackages(['koffi', 'ws', '@scope/pkg'], filePatterns(config.files))).toEqual([
      'ws',
      '@scope/pkg',
    ]);
  });

  it('does not count an exclusion as shipping', () => {
    expect(unshippedPackages(['zod'], ['!node_modules/zod/**'])).toEqual(['zod']);
  });
});
