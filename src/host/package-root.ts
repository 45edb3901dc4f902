import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository / app root: the nearest directory above this module whose package.json is HCS Desktop's.
 * Works from the sources (src/app) and from the Electron bundle (dist/electron).
 */
export function packageRoot(from: string = import.meta.dirname): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'hcs-desktop')
          return dir;
      } catch {
        // An unreadable package.json on the way up is not ours.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`HCS Desktop's package.json was not found above ${from}`);
    dir = parent;
  }
}
