import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import {
  chooseBackendKind,
  chooseHcsApiRequest,
  computecoreSimulatorLibraryPath,
  simSocketPath,
  simulatorLibraryPath,
} from './backend-select.ts';
import { UsageError } from '../base/index.ts';
import { BACKEND_FLAGS, parseFlags } from './cli-flags.ts';
import { simulatorAnswers } from './sim-child.ts';

describe('backend choice', () => {
  it('defaults to vmcompute on Windows and the simulator elsewhere', () => {
    expect(chooseBackendKind(undefined, {}, 'win32')).toBe('vmcompute');
    expect(chooseBackendKind(undefined, {}, 'linux')).toBe('simulator');
    expect(chooseBackendKind(undefined, {}, 'darwin')).toBe('simulator');
  });

  it('takes --backend over HCS_DESKTOP_BACKEND over the platform', () => {
    expect(chooseBackendKind(undefined, { HCS_DESKTOP_BACKEND: 'simulator' }, 'linux')).toBe('simulator');
    expect(chooseBackendKind('vmcompute', { HCS_DESKTOP_BACKEND: 'simulator' }, 'win32')).toBe('vmcompute');
    expect(chooseBackendKind(undefined, { HCS_DESKTOP_BACKEND: '' }, 'win32')).toBe('vmcompute');
  });

  it('says clearly what is wrong with an impossible choice', () => {
    expect(() => chooseBackendKind('docker', {}, 'linux')).toThrow(UsageError);
    expect(() => chooseBackendKind(undefined, { HCS_DESKTOP_BACKEND: 'x' }, 'linux')).toThrow(
      'HCS_DESKTOP_BACKEND must be',
    );
    expect(() => chooseBackendKind('vmcompute', {}, 'linux')).toThrow('needs Windows');
    expect(() => chooseBackendKind('simulator', {}, 'win32')).toThrow('Linux and macOS only');
  });

  it('finds the simulator socket: flag, then HCS_SIM_SOCKET, then the private directory of the user', () => {
    expect(simSocketPath('/a/b.sock', { HCS_SIM_SOCKET: '/c.sock' })).toBe('/a/b.sock');
    expect(simSocketPath(undefined, { HCS_SIM_SOCKET: '/c.sock' })).toBe('/c.sock');
    // Never the old predictable name in the world-writable /tmp.
    expect(simSocketPath(undefined, { HOME: '/h/u' })).toBe('/h/u/.cache/hcs-desktop/sim.sock');
    expect(simSocketPath(undefined, { HOME: '/h/u' })).not.toMatch(/^\/tmp\//);
  });

  it('names the simulator library: HCS_VMCOMPUTE_LIBRARY, else the package build, else none', () => {
    const built = join('/pkg', 'build', 'native', 'libvmcompute_sim.so');
    const env = { HCS_VMCOMPUTE_LIBRARY: 'other/lib.so' };
    expect(simulatorLibraryPath('/pkg', env, () => true)).toBe(resolve('other/lib.so'));
    expect(simulatorLibraryPath('/pkg', {}, (p) => p === built)).toBe(built);
    expect(simulatorLibraryPath('/pkg', {}, () => false)).toBeNull();
  });

  it('takes --hcs-api over HCS_DESKTOP_HCS_API over auto, and says what is wrong with anything else', () => {
    expect(chooseHcsApiRequest(undefined, {})).toBe('auto');
    expect(chooseHcsApiRequest(undefined, { HCS_DESKTOP_HCS_API: '' })).toBe('auto');
    expect(chooseHcsApiRequest(undefined, { HCS_DESKTOP_HCS_API: 'v2' })).toBe('v2');
    expect(chooseHcsApiRequest('v1', { HCS_DESKTOP_HCS_API: 'v2' })).toBe('v1');
    expect(() => chooseHcsApiRequest('v3', {})).toThrow(UsageError);
    // The user's setting applies only where neither the flag nor the variable says.
    expect(chooseHcsApiRequest(undefined, {}, 'v1')).toBe('v1');
    expect(chooseHcsApiRequest(undefined, { HCS_DESKTOP_HCS_API: 'v2' }, 'v1')).toBe('v2');
    expect(chooseHcsApiRequest('auto', {}, 'v1')).toBe('auto');
    expect(() => chooseHcsApiRequest(undefined, { HCS_DESKTOP_HCS_API: 'V2' })).toThrow(
      /HCS_DESKTOP_HCS_API must be "auto", "v1" \(vmcompute\.dll\) or "v2" \(computecore\.dll\)/,
    );
  });

  it('names the computecore simulator library: HCS_COMPUTECORE_LIBRARY, else the package build, else none', () => {
    const built = join('/pkg', 'build', 'native', 'libcomputecore_sim.so');
    const env = { HCS_COMPUTECORE_LIBRARY: 'base/lib.so' };
    expect(computecoreSimulatorLibraryPath('/pkg', env, () => true)).toBe(resolve('base/lib.so'));
    expect(computecoreSimulatorLibraryPath('/pkg', {}, (p) => p === built)).toBe(built);
    expect(computecoreSimulatorLibraryPath('/pkg', {}, () => false)).toBeNull();
  });

  it('knows when no simulator answers', async () => {
    expect(await simulatorAnswers('/nonexistent/dir/hcs.sock')).toBe(false);
  });
});

describe('flags', () => {
  it('skips what Electron and Chromium add when asked to', () => {
    const argv = [
      'dist/electron/main.cjs',
      '--no-sandbox',
      '--sim-fixture=demo.json',
      '--backend',
      'simulator',
      '--poll-ms',
      '750',
    ];
    expect(parseFlags(argv, BACKEND_FLAGS, { ignoreUnknown: true })).toEqual({
      'sim-fixture': 'demo.json',
      backend: 'simulator',
      'poll-ms': 750,
    });
    expect(() => parseFlags(argv, BACKEND_FLAGS)).toThrow('unknown option --no-sandbox');
  });

  it('refuses a flag without its value', () => {
    expect(() => parseFlags(['--backend'], BACKEND_FLAGS)).toThrow('--backend needs a value');
    expect(() => parseFlags(['--backend', '--poll-ms', '5'], BACKEND_FLAGS)).toThrow(
      '--backend needs a value',
    );
  });
});
