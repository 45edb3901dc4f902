// Windows drive paths on the simulator's Linux host (sim/PROTOCOL.md "Windows systems"): every simulated Windows
// system has a root directory, and a drive path (`C:\app`, `c:/app`, `\\?\C:\app`) names the file under
// `<root>/<DRIVE>/…`. Windows compares names without regard to case, so each component matches an existing entry
// of any case; `.` and `..` are resolved first and never climb above the drive.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface DrivePath {
  /** Upper-case drive letter. */
  drive: string;
  /** The components below the drive root, `.` and `..` resolved. */
  parts: string[];
}

const DRIVE_PATH = /^(?:\\\\\?\\)?([A-Za-z]):(?:[\\/](.*))?$/s;

/** A drive path's drive and components; null for anything else (a POSIX path, a UNC or volume path, a relative one). */
export function parseDrivePath(path: string): DrivePath | null {
  const m = DRIVE_PATH.exec(path);
  if (!m) return null;
  const parts: string[] = [];
  for (const part of (m[2] ?? '').split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return { drive: m[1]!.toUpperCase(), parts };
}

/** The entry of `dir` named `name` in any case, or `name` itself when there is none. */
function matchCase(dir: string, name: string): string {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return name;
  }
  if (entries.includes(name)) return name;
  const lower = name.toLowerCase();
  return entries.find((e) => e.toLowerCase() === lower) ?? name;
}

/** Where a drive path lives under `root` (components matched in any case against what exists). */
export function hostPathUnder(root: string, p: DrivePath): string {
  let at = join(root, p.drive);
  for (const part of p.parts) at = join(at, matchCase(at, part));
  return at;
}
