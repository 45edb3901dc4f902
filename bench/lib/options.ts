/**
 * The command line of `npm run bench`:
 *   npm run bench [-- SECTION...] [--profile] [--profile-dir DIR] [--json FILE] [--churn-minutes N]
 * --profile keeps Chromium CPU profiles (DevTools protocol Profiler) of the app's page during the slow rows
 * in bench-results/profiles (or --profile-dir DIR) and prints where their time went; --json writes every row with the
 * machine and the commit; --churn-minutes sets how long the memory section churns (default 10).
 */
import { resolve } from 'node:path';

export interface BenchOptions {
  sections: string[];
  /** Where CPU profiles go; null: no profiling. */
  profileDir: string | null;
  jsonFile: string | null;
  churnMinutes: number;
}

export const DEFAULT_PROFILE_DIR = 'bench-results/profiles';
const DEFAULT_CHURN_MINUTES = 10;

export class BenchUsageError extends Error {}

export function parseBenchArgs(argv: readonly string[], cwd = process.cwd()): BenchOptions {
  const options: BenchOptions = {
    sections: [],
    profileDir: null,
    jsonFile: null,
    churnMinutes: DEFAULT_CHURN_MINUTES,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new BenchUsageError(`${arg} needs a value`);
      i++;
      return next;
    };
    if (arg === '--profile') options.profileDir ??= resolve(cwd, DEFAULT_PROFILE_DIR);
    else if (arg === '--profile-dir') options.profileDir = resolve(cwd, value());
    else if (arg === '--json') options.jsonFile = resolve(cwd, value());
    else if (arg === '--churn-minutes') {
      const minutes = Number(value());
      if (!Number.isFinite(minutes) || minutes <= 0)
        throw new BenchUsageError('--churn-minutes must be a number above 0');
      options.churnMinutes = minutes;
    } else if (arg.startsWith('--')) throw new BenchUsageError(`unknown option ${arg}`);
    else options.sections.push(arg);
  }
  return options;
}
