import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostPathUnder, parseDrivePath } from './windows-paths.ts';

describe('drive paths', () => {
  it('reads the drive and components of every spelling Windows accepts', () => {
    expect(parseDrivePath('C:\\')).toEqual({ drive: 'C', parts: [] });
    expect(parseDrivePath('c:')).toEqual({ drive: 'C', parts: [] });
    expect(parseDrivePath('C:\\app\\bin')).toEqual({ drive: 'C', parts: ['app', 'bin'] });
    expect(parseDrivePath('d:/data//x/')).toEqual({ drive: 'D', parts: ['data', 'x'] });
    expect(parseDrivePath('\\\\?\\C:\\ProgramData\\docker')).toEqual({
      drive: 'C',
      parts: ['ProgramData', 'docker'],
    });
  });

  it('resolves . and .. without ever climbing above the drive', () => {
    expect(parseDrivePath('C:\\a\\.\\b\\..\\c')).toEqual({ drive: 'C', parts: ['a', 'c'] });
    expect(parseDrivePath('C:\\..\\..\\etc\\passwd')).toEqual({ drive: 'C', parts: ['etc', 'passwd'] });
  });

  it('is not a drive path: POSIX, relative, UNC and volume paths', () => {
    for (const p of [
      '/tmp',
      'app',
      'C:app',
      '\\\\server\\share',
      '\\\\?\\Volume{66d1ef4c-7a00-11e6-8948-00155ddbef9d}\\',
    ])
      expect(parseDrivePath(p)).toBeNull();
  });
});

describe('host paths under a root', () => {
  const roots: string[] = [];
  afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('matches existing components in any case and keeps the rest as given', () => {
    const root = mkdtempSync(join(tmpdir(), 'winpaths-'));
    roots.push(root);
    mkdirSync(join(root, 'C', 'Program Files', 'App'), { recursive: true });
    expect(hostPathUnder(root, parseDrivePath('c:\\PROGRAM FILES\\app\\New\\x.txt')!)).toBe(
      join(root, 'C', 'Program Files', 'App', 'New', 'x.txt'),
    );
  });
});
