import { describe, expect, it, vi } from 'vitest';
import { detectElevated } from './elevation.ts';

describe('detecting elevation', () => {
  const groups = (level: string) =>
    `"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"\r\n"Mandatory Label\\${level} Mandatory Level","Label","${level === 'High' ? 'S-1-16-12288' : 'S-1-16-8192'}",""\r\n`;

  it('reads the integrity level from whoami in System32, by SID', async () => {
    const run = vi.fn(async () => groups('High'));
    expect(await detectElevated('win32', { SystemRoot: 'D:\\Win' }, run)).toBe(true);
    expect(run).toHaveBeenCalledWith('D:\\Win\\System32\\whoami.exe', ['/groups', '/fo', 'csv', '/nh']);
    expect(await detectElevated('win32', {}, async () => groups('Medium'))).toBe(false);
  });

  it('answers "unknown" when whoami fails or says nothing usable', async () => {
    expect(
      await detectElevated('win32', {}, async () => {
        throw new Error('spawn ENOENT');
      }),
    ).toBeUndefined();
    expect(await detectElevated('win32', {}, async () => 'garbage')).toBeUndefined();
  });

  it('elsewhere, elevated means root', async () => {
    const run = vi.fn(async () => '');
    expect(await detectElevated('linux', {}, run, () => 0)).toBe(true);
    expect(await detectElevated('linux', {}, run, () => 1000)).toBe(false);
    expect(await detectElevated('linux', {}, run, null)).toBeUndefined();
    expect(run).not.toHaveBeenCalled();
  });
});
