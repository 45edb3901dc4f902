// Each simulated Windows system's root directory (sim/PROTOCOL.md "Windows systems"), where its drive paths live:
// made when the system is created, holding the directories every Windows image has plus the layer folders, VM
// files and mapped directories its document names, and removed when the system is cleaned up. Linux systems have
// none: their paths are host paths.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { documentPaths } from '../document-paths.ts';
import type { SimSystem } from '../model.ts';
import { hostPathUnder, parseDrivePath } from '../windows-paths.ts';

/** The directories of a Windows container image or guest that a process may expect (nanoserver has them all). */
const IMAGE_DIRECTORIES = [
  'C:\\Windows\\System32',
  'C:\\Windows\\Temp',
  'C:\\Users\\ContainerAdministrator',
  'C:\\Users\\ContainerUser',
  'C:\\Users\\Public',
  'C:\\ProgramData',
  'C:\\Program Files',
];

export interface WindowsRootsOptions {
  /** Where the roots go (default: a new directory under the OS's temporary directory, made on first use). */
  baseDir?: string;
  log: (message: string) => void;
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40) || 'system';
}

export class WindowsRoots {
  private base: string | null;
  private readonly ownsBase: boolean;

  constructor(private readonly o: WindowsRootsOptions) {
    this.base = o.baseDir ?? null;
    this.ownsBase = o.baseDir === undefined;
  }

  private baseDir(): string {
    this.base ??= mkdtempSync(join(tmpdir(), 'hcs-sim-roots-'));
    return this.base;
  }

  /**
   * The path on this host of `path` as system `s` sees it: a drive path of a Windows system is under its root;
   * anything else (a Linux system's path, a POSIX path) is a host path as it stands.
   */
  resolve(s: SimSystem, path: string): string {
    const drive = s.root === null ? null : parseDrivePath(path);
    return drive ? hostPathUnder(s.root!, drive) : path;
  }

  /**
   * A process's environment as the host shell needs it: a Windows system's `Path` (any case, `;`-separated) names
   * the mapped directories, then the host's own search path, so that a Windows image's
   * `PATH=C:\Windows\system32;C:\Windows` neither hides the host's commands nor names nothing.
   */
  environment(s: SimSystem, env: Record<string, string>, hostPath: string): Record<string, string> {
    if (s.root === null) return env;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) {
      if (k.toUpperCase() !== 'PATH') {
        out[k] = v;
        continue;
      }
      const dirs = v.split(';').filter((d) => d !== '' && parseDrivePath(d) !== null);
      out.PATH = [...dirs.map((d) => this.resolve(s, d)), hostPath].join(':');
    }
    return out;
  }

  /** Gives a Windows system its root and fills it from its document; throws the file system's error. */
  prepare(s: SimSystem): void {
    if (s.runtimeOsType !== 'windows' || s.root !== null) return;
    s.root = mkdtempSync(join(this.baseDir(), `${safeName(s.id)}-`));
    const paths = documentPaths(s.document);
    const directory = (p: string) => mkdirSync(this.resolve(s, p), { recursive: true });
    for (const d of [...IMAGE_DIRECTORIES, ...paths.directories]) if (parseDrivePath(d)) directory(d);
    for (const f of paths.files)
      if (parseDrivePath(f)) mkdirSync(dirname(this.resolve(s, f)), { recursive: true });
    for (const m of paths.mappedDirectories) {
      if (!parseDrivePath(m.containerPath)) continue;
      if (parseDrivePath(m.hostPath)) directory(m.hostPath);
      const target = this.resolve(s, m.hostPath);
      const at = this.resolve(s, m.containerPath);
      if (existsSync(at) || !existsSync(target)) {
        this.o.log(`system ${s.id}: mapped directory ${m.hostPath} -> ${m.containerPath} not made`);
        continue;
      }
      mkdirSync(dirname(at), { recursive: true });
      symlinkSync(target, at, 'dir');
    }
  }

  /** Removes a cleaned-up system's root. */
  release(s: SimSystem): void {
    if (s.root === null) return;
    rmSync(s.root, { recursive: true, force: true });
  }

  /** Removes every root (service stop). */
  dispose(): void {
    if (this.base !== null && this.ownsBase) rmSync(this.base, { recursive: true, force: true });
    this.base = this.ownsBase ? null : this.base;
  }
}
