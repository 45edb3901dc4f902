import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/*
 * A small JSON file this user's app keeps for itself (settings, the window's place), read and written so that
 * nothing in it is trusted for being there and nothing in it is lost:
 *
 * - Read: the file must be a regular file (not a link), no larger than MAX_STATE_FILE_BYTES, and on POSIX owned
 *   by this user and writable by nobody else; then JSON, then the caller's zod schema. A file that fails any of
 *   these is *bad*: it is renamed aside (`<name>.bad-<time>`) and the caller is told why and where it went, so
 *   the user can look at it; the caller goes on with its defaults.
 * - Write: to a new file beside it (mode 0600, in a directory made 0700), flushed, then renamed over the old
 *   one: a crash leaves the old file or the new one, never half of either.
 *
 * Synchronous on purpose: these files are read once at start, before anything else runs, and written rarely
 * (a setting changed) and small; Node's rename is atomic on one volume on both POSIX and Windows
 * (MoveFileEx with MOVEFILE_REPLACE_EXISTING).
 */

export const MAX_STATE_FILE_BYTES = 256 * 1024;

export type JsonFileRead<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; value: T }
  /** `keptAs`: where the bad file now is; null when it could not be moved (then `reason` says so too). */
  | { kind: 'bad'; reason: string; keptAs: string | null };

function isMissing(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/** What this file needs of a schema: zod's `safeParse` (the contract's schemas; the host imports no zod). */
export interface FileSchema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }> } };
}

function describeIssues(error: {
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>;
}): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Why a file's place on disk makes it untrustworthy, or null. */
function placeProblem(path: string): string | null {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return 'it is a symbolic link, not a file';
  if (!stat.isFile()) return 'it is not a regular file';
  if (stat.size > MAX_STATE_FILE_BYTES) return `it is larger than ${MAX_STATE_FILE_BYTES} bytes`;
  if (process.platform !== 'win32' && typeof process.getuid === 'function') {
    if (stat.uid !== process.getuid()) return `it belongs to another user (uid ${stat.uid})`;
    if ((stat.mode & 0o022) !== 0)
      return `other users may write it (mode ${(stat.mode & 0o777).toString(8).padStart(3, '0')})`;
  }
  return null;
}

/** `<path>.bad-YYYYMMDD-HHMMSS` (no colons: the name must be valid on Windows too). */
export function asideName(path: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${path}.bad-${stamp}`;
}

function keepAside(path: string, reason: string): JsonFileRead<never> {
  let target = asideName(path);
  for (let n = 2; exists(target); n++) target = `${asideName(path)}-${n}`;
  try {
    renameSync(path, target);
    return { kind: 'bad', reason, keptAs: target };
  } catch (e) {
    return {
      kind: 'bad',
      reason: `${reason}; it could not be moved aside (${(e as Error).message}) and is left as it is`,
      keptAs: null,
    };
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads and validates the file; a bad one is moved aside (see above). */
export function readJsonFile<T>(path: string, schema: FileSchema<T>): JsonFileRead<T> {
  let text: string;
  try {
    const problem = placeProblem(path);
    if (problem) return keepAside(path, problem);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (isMissing(e)) return { kind: 'missing' };
    return { kind: 'bad', reason: `it could not be read (${(e as Error).message})`, keptAs: null };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return keepAside(path, `it is not valid JSON (${(e as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return keepAside(path, `it does not hold valid values (${describeIssues(parsed.error)})`);
  return { kind: 'ok', value: parsed.data };
}

/** Writes `value` as the file's whole content, atomically, readable and writable by this user only. */
export function writeJsonFileAtomic(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (e) {
    // The old file is untouched; the new one never became it.
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing more to do: the error below says what failed.
    }
    throw e;
  }
}
