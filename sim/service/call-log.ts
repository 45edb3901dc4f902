// The call log per client (GET /calls): what was asked, what was answered, when. Bounded: the oldest entries go
// first, so a long-running service does not grow without limit.
import type { CallLogEntry } from '../control/types.ts';
import { formatHresult } from '../../src/base/index.ts';

const MAX_ARG_CHARS = 300;

/** Documents are cut to a readable length; other values are kept as they are. */
export function summarizeArg(v: unknown): unknown {
  if (typeof v === 'string' && v.length > MAX_ARG_CHARS)
    return `${v.slice(0, MAX_ARG_CHARS)}… (${v.length} chars)`;
  if (typeof v === 'bigint') return v.toString();
  return v;
}

export class CallLog {
  private entries: CallLogEntry[] = [];

  constructor(private readonly capacity = 10_000) {}

  add(
    client: number,
    op: string,
    args: Record<string, unknown>,
    hresult: number,
    t: number,
    durationMs: number,
  ): void {
    const summary: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) summary[k] = summarizeArg(v);
    this.entries.push({
      client,
      op,
      args: summary,
      hresult: hresult >>> 0,
      hresultHex: formatHresult(hresult),
      t,
      durationMs,
    });
    if (this.entries.length > this.capacity)
      this.entries = this.entries.slice(-Math.floor(this.capacity * 0.9));
  }

  list(client?: number): CallLogEntry[] {
    return client === undefined ? [...this.entries] : this.entries.filter((e) => e.client === client);
  }

  clear(): void {
    this.entries = [];
  }
}
