import { UsageError } from '../base/index.ts';

export type FlagKinds = Record<string, 'string' | 'integer' | 'boolean'>;
export type ParsedFlags<K extends FlagKinds> = {
  [F in keyof K]?: K[F] extends 'integer' ? number : K[F] extends 'boolean' ? boolean : string;
};

/**
 * `--name value` and `--name=value` flags of the given kinds; a boolean flag is `--name` alone (true). Unknown flags are an error unless
 * `ignoreUnknown` (Electron's argv also carries Chromium's switches); positional arguments are ignored.
 */
export function parseFlags<K extends FlagKinds>(
  argv: readonly string[],
  kinds: K,
  options: { ignoreUnknown?: boolean } = {},
): ParsedFlags<K> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const kind = Object.prototype.hasOwnProperty.call(kinds, name) ? kinds[name] : undefined;
    if (!kind) {
      if (options.ignoreUnknown) continue;
      throw new UsageError(`unknown option --${name}`);
    }
    if (kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || (eq < 0 && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value`);
    }
    if (kind === 'integer') {
      if (!/^\d+$/.test(value))
        throw new UsageError(`--${name} must be a whole number, not ${JSON.stringify(value)}`);
      out[name] = Number(value);
    } else {
      out[name] = value;
    }
  }
  return out as ParsedFlags<K>;
}

/** The flags every entry point understands for choosing and starting the backend. */
export const BACKEND_FLAGS = {
  backend: 'string',
  'hcs-api': 'string',
  'sim-socket': 'string',
  'sim-fixture': 'string',
  'poll-ms': 'integer',
} as const satisfies FlagKinds;

export const MIN_POLL_MS = 250;
export const MAX_POLL_MS = 600_000;

export function checkPollMs(ms: number | undefined): number | undefined {
  if (ms !== undefined && (ms < MIN_POLL_MS || ms > MAX_POLL_MS)) {
    throw new UsageError(`--poll-ms must be between ${MIN_POLL_MS} and ${MAX_POLL_MS}`);
  }
  return ms;
}
