import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

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
export function rendererIsStale(): boolean {
  const built = join(repoRoot, 'dist', 'renderer', 'index.html');
  if (!existsSync(built)) return true;
  const sources = [
    join(repoRoot, 'renderer'),
    join(repoRoot, 'src', 'contract'),
    join(repoRoot, 'vite.config.ts'),
  ];
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/**
 * Builds dist/renderer (vite) when it is missing or older than its sources; `who` prefixes the notice. Its
 * messages go to stderr (a benchmark's report is on stdout).
 */
export function ensureRendererBuilt(who: string): void {
  if (!rendererIsStale()) return;
  console.error(`${who}: building the renderer (dist/renderer is missing or older than its sources)…`);
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
}
