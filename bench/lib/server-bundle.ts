import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../e2e/support/paths.ts';

/**
 * The web-mode server as users run it (`npm run serve`): the bundle, dist/server/main.cjs, JavaScript with no
 * TypeScript loader. The sections' servers run it, so that what they time is the shipped server: under tsx a
 * module loaded lazily (the first properties call, the first exec) is transpiled at that moment, through the
 * loader's own thread, while the benchmark watches the loop.
 */
export const SERVER_BUNDLE = join(repoRoot, 'dist', 'server', 'main.cjs');

let built = false;

/** Builds the bundle as `npm run build:server` does, once per benchmark run (a few seconds; never timed). */
export function buildServerBundle(): void {
  if (built) return;
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '-c', 'vite.server.config.ts', '--logLevel', 'warn'],
    { cwd: repoRoot, stdio: ['ignore', 2, 2] },
  );
  if (r.status !== 0) throw new Error(`vite build of the server failed (exit ${r.status ?? r.signal})`);
  built = true;
}
