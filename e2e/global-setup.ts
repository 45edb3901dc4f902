import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary, repoRoot } from './support/paths.ts';

/** Newest modification time under `path` (files only), ignoring node_modules. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** The renderer build is stale when any of its sources is newer than the built page. */
function rendererIsStale(): boolean {
  const built = join(repoRoot, 'dist', 'renderer', 'index.html');
  if (!existsSync(built)) return true;
  const sources = [
    join(repoRoot, 'renderer'),
    join(repoRoot, 'src', 'contract'),
    join(repoRoot, 'vite.config.ts'),
  ];
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

export default function globalSetup(): void {
  if (rendererIsStale()) {
    console.log('e2e: building the renderer (dist/renderer is missing or older than its sources)…');
    const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
    const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
  }
  const electron = electronBinary();
  if ('missing' in electron) {
    console.log(
      `e2e: the electron project is skipped — Electron binary not available on this machine: ${electron.missing}`,
    );
  }
}
