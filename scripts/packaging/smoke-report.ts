/**
 * The bookkeeping of the Windows smoke script (scripts/smoke-windows.ts): every check runs isolated (a throw or
 * a hang is recorded, never aborts the rest), the results print as a table and save as the JSON a user
 * attaches to a report. Also the parsers of the Windows tools it asks (whoami, sc), kept here so they are
 * unit-tested on any machine.
 */
import {
  errorEvents,
  errorHresultHex,
  isAccessIsDenied,
  isNotExist,
  isServiceDisconnect,
} from '../../src/hcs/errors.ts';

export type Status = 'pass' | 'fail' | 'skip' | 'info';

export interface CheckResult {
  check: string;
  status: Status;
  detail: string;
  /** Structured data worth attaching (kept small: summaries, not whole documents). */
  data?: unknown;
  error?: { message: string; hresult?: string; events?: unknown[] };
  /** The check gave up waiting; its call may still be pending. */
  timedOut?: boolean;
  ms: number;
}

/** What a check returns: its status (pass unless said otherwise), a one-line detail, optional data. */
export interface Outcome {
  status?: Status;
  detail: string;
  data?: unknown;
}

export class CheckTimeout extends Error {
  constructor(seconds: number) {
    super(`no answer within ${seconds} s (the call may still be pending in HCS)`);
  }
}

function describeError(error: unknown): CheckResult['error'] {
  const message = error instanceof Error ? error.message : String(error);
  const hresult = errorHresultHex(error);
  const events = errorEvents(error);
  return { message, ...(hresult ? { hresult } : {}), ...(events.length ? { events } : {}) };
}

/** A short hint for the errors a user can do something about. */
export function hintFor(error: unknown): string {
  if (isAccessIsDenied(error))
    return ' (access denied: run from an elevated prompt, or as a member of Hyper-V Administrators)';
  if (isServiceDisconnect(error)) return ' (the vmcompute service is not answering: is it running?)';
  if (isNotExist(error))
    return ' (the system does not exist (any more): it may have gone away during the run)';
  return '';
}

export class SmokeRun {
  readonly results: CheckResult[] = [];
  readonly #timeoutSeconds: number;
  readonly #log: (result: CheckResult) => void;

  constructor(options: { timeoutSeconds: number; onResult?: (result: CheckResult) => void }) {
    this.#timeoutSeconds = options.timeoutSeconds;
    this.#log = options.onResult ?? (() => undefined);
  }

  /** Runs one check; whatever happens is recorded and returned, nothing is thrown. */
  async check<T extends Outcome>(
    name: string,
    run: () => Promise<T>,
  ): Promise<CheckResult & { outcome?: T }> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CheckTimeout(this.#timeoutSeconds)), this.#timeoutSeconds * 1000);
    });
    let result: CheckResult & { outcome?: T };
    try {
      const outcome = await Promise.race([run(), timeout]);
      result = {
        check: name,
        status: outcome.status ?? 'pass',
        detail: outcome.detail,
        ...(outcome.data !== undefined ? { data: outcome.data } : {}),
        ms: 0,
        outcome,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      result = {
        check: name,
        status: 'fail',
        detail: message + hintFor(error),
        error: describeError(error),
        ...(error instanceof CheckTimeout ? { timedOut: true } : {}),
        ms: 0,
      };
    } finally {
      clearTimeout(timer);
    }
    result.ms = Math.round(performance.now() - started);
    const { outcome: _outcome, ...recorded } = result;
    this.results.push(recorded);
    this.#log(recorded);
    return result;
  }

  /** Records a check that was not run, and why. */
  skip(name: string, why: string): void {
    const result: CheckResult = { check: name, status: 'skip', detail: why, ms: 0 };
    this.results.push(result);
    this.#log(result);
  }

  counts(): Record<Status, number> {
    const counts: Record<Status, number> = { pass: 0, fail: 0, skip: 0, info: 0 };
    for (const r of this.results) counts[r.status]++;
    return counts;
  }
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** check | result | detail, plain text, the detail clipped to fit a console. */
export function formatResults(results: CheckResult[], detailWidth = 100): string {
  const rows = results.map((r) => [r.check, r.status.toUpperCase(), clip(r.detail, detailWidth)] as const);
  const headers = ['check', 'result', 'detail'] as const;
  const widths = [0, 1].map((i) => Math.max(headers[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w)).concat('------')), ...rows.map(line)].join(
    '\n',
  );
}

// Well-known SIDs: they do not depend on the display language, unlike the group names whoami prints.
const SID_ADMINISTRATORS = 'S-1-5-32-544';
const SID_HYPERV_ADMINISTRATORS = 'S-1-5-32-578';
const MANDATORY_LEVELS: Record<string, string> = {
  'S-1-16-0': 'untrusted',
  'S-1-16-4096': 'low',
  'S-1-16-8192': 'medium',
  'S-1-16-8448': 'medium plus',
  'S-1-16-12288': 'high',
  'S-1-16-16384': 'system',
};

export interface TokenGroups {
  elevated: boolean;
  integrity: string | null;
  administratorsMember: boolean;
  hypervAdministratorsMember: boolean;
}

/**
 * Reads `whoami /groups /fo csv /nh`: one CSV line a group, its SID third. Elevated means the token's
 * mandatory label is high (or system); an administrator's filtered token under UAC is medium.
 */
export function parseWhoamiGroups(csv: string): TokenGroups {
  const sids = new Set<string>();
  for (const line of csv.split(/\r?\n/)) {
    const fields = [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
    if (fields.length >= 3) sids.add(fields[2]!.trim().toUpperCase());
  }
  const label = Object.keys(MANDATORY_LEVELS).find((sid) => sids.has(sid));
  const integrity = label ? MANDATORY_LEVELS[label]! : null;
  return {
    elevated: integrity === 'high' || integrity === 'system',
    integrity,
    administratorsMember: sids.has(SID_ADMINISTRATORS),
    hypervAdministratorsMember: sids.has(SID_HYPERV_ADMINISTRATORS),
  };
}

/** The numeric STATE of `sc query <service>` (4 = RUNNING); the number is the same in every language. */
export function parseScState(output: string): { code: number; name: string } | null {
  const m = /STATE\s*:\s*(\d+)\s+(\S+)/.exec(output);
  return m ? { code: Number(m[1]), name: m[2]! } : null;
}

/**
 * The principals `icacls <path>` lists as allowed on a file (deny entries left out: they grant nothing). Its
 * output is the path, then one `PRINCIPAL:(flags)…` entry per line, then a summary line; principals are
 * names in the system's language or `*S-…` SIDs, so callers compare with both.
 */
export function parseIcaclsPrincipals(output: string, path: string): string[] {
  const principals: string[] = [];
  for (const raw of output.split(/\r?\n/)) {
    let line = raw.trim();
    if (line.startsWith(path)) line = line.slice(path.length).trim();
    const m = /^(.+?):((?:\([^)]*\))+)$/.exec(line);
    if (!m || m[2]!.includes('(DENY)')) continue;
    principals.push(m[1]!);
  }
  return principals;
}
