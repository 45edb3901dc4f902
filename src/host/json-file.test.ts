import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { asideName, MAX_STATE_FILE_BYTES, readJsonFile, writeJsonFileAtomic } from './json-file.ts';

const Schema = z.object({ n: z.number().int().min(0) }).strict();
const posix = process.platform !== 'win32';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hcs-json-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readJsonFile', () => {
  it('a missing file is missing, not bad', () => {
    expect(readJsonFile(join(dir, 'none.json'), Schema)).toEqual({ kind: 'missing' });
  });

  it('reads what writeJsonFileAtomic wrote', () => {
    const path = join(dir, 'a', 'b', 'state.json');
    writeJsonFileAtomic(path, { n: 3 });
    expect(readJsonFile(path, Schema)).toEqual({ kind: 'ok', value: { n: 3 } });
  });

  it.each([
    ['not JSON', '{"n": 3', /^it is not valid JSON/],
    ['a value out of range', '{"n": -1}', /^it does not hold valid values \(n: /],
    ['an unknown key', '{"n": 1, "x": 2}', /^it does not hold valid values/],
  ])('%s: kept aside under a dated name, content untouched, and the reason given', (_, text, reason) => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, text, { mode: 0o600 });
    const read = readJsonFile(path, Schema);
    expect(read.kind).toBe('bad');
    if (read.kind !== 'bad') return;
    expect(read.reason).toMatch(reason);
    expect(read.keptAs).toMatch(/settings\.json\.bad-\d{8}-\d{6}$/);
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(read.keptAs!, 'utf8')).toBe(text);
  });

  it('a second bad file on the same second gets its own name (the first is not overwritten)', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, 'first', { mode: 0o600 });
    const first = readJsonFile(path, Schema);
    writeFileSync(path, 'second', { mode: 0o600 });
    const second = readJsonFile(path, Schema);
    const kept = [first, second].map((r) => (r.kind === 'bad' ? r.keptAs : null));
    expect(new Set(kept).size).toBe(2);
    expect(kept.map((p) => readFileSync(p!, 'utf8')).sort()).toEqual(['first', 'second']);
  });

  it('a file larger than the limit is bad without being read', () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, `{"n": 1${' '.repeat(MAX_STATE_FILE_BYTES)}}`, { mode: 0o600 });
    const read = readJsonFile(path, Schema);
    expect(read).toMatchObject({ kind: 'bad', reason: `it is larger than ${MAX_STATE_FILE_BYTES} bytes` });
  });

  it.runIf(posix)('a symbolic link is not followed: it is kept aside, its target untouched', () => {
    const target = join(dir, 'elsewhere.json');
    writeFileSync(target, '{"n": 1}', { mode: 0o600 });
    const path = join(dir, 'settings.json');
    symlinkSync(target, path);
    expect(readJsonFile(path, Schema)).toMatchObject({
      kind: 'bad',
      reason: 'it is a symbolic link, not a file',
    });
    expect(readFileSync(target, 'utf8')).toBe('{"n": 1}');
  });

  it.runIf(posix)('a file other users may write is not trusted', () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{"n": 1}');
    chmodSync(path, 0o666);
    expect(readJsonFile(path, Schema)).toMatchObject({
      kind: 'bad',
      reason: 'other users may write it (mode 666)',
    });
  });
});

describe('writeJsonFileAtomic', () => {
  it.runIf(posix)('writes a file only its user can read, in a directory only its user can enter', () => {
    const path = join(dir, 'made', 'settings.json');
    writeJsonFileAtomic(path, { n: 1 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'made')).mode & 0o777).toBe(0o700);
  });

  it('replaces the old file whole and leaves no temporary file behind', () => {
    const path = join(dir, 'settings.json');
    writeJsonFileAtomic(path, { n: 1 });
    writeJsonFileAtomic(path, { n: 2 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ n: 2 });
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('a failed rename leaves the old file as it was and no temporary file', () => {
    const path = join(dir, 'settings.json');
    writeJsonFileAtomic(path, { n: 1 });
    // A directory where the file should go: rename onto it fails.
    const blocked = join(dir, 'blocked');
    writeJsonFileAtomic(join(blocked, 'x.json'), { n: 0 });
    expect(() => writeJsonFileAtomic(blocked, { n: 2 })).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'settings.json']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ n: 1 });
  });
});

describe('asideName', () => {
  it('dates the bad file without characters Windows refuses', () => {
    expect(asideName('/c/settings.json', new Date('2026-03-04T05:06:07.890Z'))).toBe(
      '/c/settings.json.bad-20260304-050607',
    );
  });
});
