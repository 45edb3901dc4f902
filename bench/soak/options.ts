/** `npm run soak -- [--minutes N] [--warmup N] [--systems N] [--rounds N] [--json FILE]`: the command line. */
import { parseArgs } from 'node:util';
import { MIN_SYSTEMS } from './fixture.ts';

export const SOAK_USAGE = `usage: npm run soak -- [--minutes N (default 20)] [--warmup N (minutes; default: a tenth, 0.2 to 2)]
  [--systems N (seeded; default 300, at least ${MIN_SYSTEMS})] [--rounds N (clicks per UI figure; default 7)]
  [--quick-warmup (do not warm up until the app's timeline is full)] [--json FILE (rows and verdicts as JSON)]
  Minutes may be fractions (--minutes 0.2: a smoke of the driver, every kind of action once).`;

export interface SoakArgs {
  minutes: number;
  warmupMinutes: number;
  quickWarmup: boolean;
  systems: number;
  rounds: number;
  json?: string;
}

export class SoakUsageError extends Error {
  override name = 'SoakUsageError';
}

function number(text: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new SoakUsageError(`--${flag} must be a number from ${min} to ${max}, not "${text}"`);
  return value;
}

export function parseSoakArgs(argv: readonly string[]): SoakArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        minutes: { type: 'string' },
        warmup: { type: 'string' },
        systems: { type: 'string' },
        rounds: { type: 'string' },
        json: { type: 'string' },
        'quick-warmup': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new SoakUsageError((e as Error).message);
  }
  const minutes = number(values.minutes, 'minutes', 20, 0.05, 24 * 60);
  const warmupMinutes = number(values.warmup, 'warmup', Math.min(2, Math.max(0.2, minutes / 10)), 0.05, 60);
  const systems = Math.round(number(values.systems, 'systems', 300, MIN_SYSTEMS, 5000));
  const rounds = Math.round(number(values.rounds, 'rounds', 7, 1, 101));
  return {
    minutes,
    warmupMinutes,
    quickWarmup: values['quick-warmup'] === true,
    systems,
    rounds,
    ...(values.json === undefined ? {} : { json: values.json }),
  };
}
