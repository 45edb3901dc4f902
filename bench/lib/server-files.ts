import { join } from 'node:path';

/**
 * The web server's files for a bench or soak run: a settings file in the run's own directory and no hosts
 * file. Without them the server would read and write the user's own settings (its default), and a run would
 * leave its pages' choices (the view, the details tab) in them.
 */
export function benchServerFiles(dir: string): string[] {
  return ['--settings-file', join(dir, 'settings.json'), '--hosts-file', 'none'];
}
