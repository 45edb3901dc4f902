/**
 * `hcsctl ps ID` (a system's processes: the V2 ProcessList, falling back to the V1 one) and
 * `hcsctl kill ID PID [--signal NAME]` (HcsTerminateProcess, or HcsSignalProcess with a signal).
 */
import { signalOptionsFor } from '../app/index.ts';
import type { System } from '../hcs/index.ts';
import { UsageError, closeQuietly } from '../base/index.ts';
import type { Command, SignalName } from './args.ts';
import { escapeUnprintable } from '../contract/index.ts';
import { formatBytes, formatCpuTime, formatError, formatTable } from './format.ts';
import { withSystem, writeJson, type CliIo } from './io.ts';
import { CONSOLE_SIGNALS } from './spec.ts';

/** One process as `hcsctl ps --json` prints it (docs/hcsctl.md#ps); null where HCS said nothing. */
export interface ProcessRow {
  pid: number;
  image: string | null;
  created: string | null;
  userTime100ns: number | null;
  kernelTime100ns: number | null;
  memoryCommitBytes: number | null;
  workingSetPrivateBytes: number | null;
  workingSetSharedBytes: number | null;
}

export interface ProcessListing {
  source: 'v2' | 'v1';
  processes: ProcessRow[];
  /** Why the V2 list was not used, when it was not. */
  v2Error: unknown;
}

type Dict = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The rows of a ProcessList (schema2 ProcessDetails and schema1 ProcessListItem have the same fields); null when
 * the answer has no list. Entries without a process id are left out.
 */
export function processRows(properties: unknown): ProcessRow[] | null {
  const list = (properties as Dict | null)?.ProcessList;
  if (!Array.isArray(list)) return null;
  const rows: ProcessRow[] = [];
  for (const entry of list) {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Dict;
    const pid = num(e.ProcessId);
    if (pid === null) continue;
    rows.push({
      pid,
      image: str(e.ImageName),
      created: str(e.CreateTimestamp),
      userTime100ns: num(e.UserTime100ns),
      kernelTime100ns: num(e.KernelTime100ns),
      memoryCommitBytes: num(e.MemoryCommitBytes),
      workingSetPrivateBytes: num(e.MemoryWorkingSetPrivateBytes),
      workingSetSharedBytes: num(e.MemoryWorkingSetSharedBytes),
    });
  }
  return rows.sort((a, b) => a.pid - b.pid);
}

/** The V2 ProcessList; when HCS refuses it (or answers without one), the V1 list. */
export async function listProcesses(
  system: Pick<System, 'properties' | 'propertiesV2'>,
): Promise<ProcessListing> {
  let v2Error: unknown;
  try {
    const rows = processRows(await system.propertiesV2('ProcessList'));
    if (rows) return { source: 'v2', processes: rows, v2Error: null };
    v2Error = new Error('HCS answered the V2 query without a ProcessList');
  } catch (e) {
    v2Error = e;
  }
  let v1: unknown;
  try {
    v1 = await system.properties('ProcessList');
  } catch {
    // Both failed: the V2 failure is the one to report (it was asked first).
    throw v2Error;
  }
  const rows = processRows(v1);
  if (!rows) throw v2Error;
  return { source: 'v1', processes: rows, v2Error };
}

export function formatProcesses(rows: ProcessRow[]): string {
  if (rows.length === 0) return 'No processes.\n';
  const cpu = (r: ProcessRow) =>
    r.userTime100ns === null && r.kernelTime100ns === null
      ? ''
      : formatCpuTime((r.userTime100ns ?? 0) + (r.kernelTime100ns ?? 0));
  return formatTable(
    ['Pid', 'Image', 'CPU Time', 'Memory', 'Created'],
    rows.map((r) => [
      String(r.pid),
      escapeUnprintable(r.image ?? ''),
      cpu(r),
      r.workingSetPrivateBytes === null ? '' : formatBytes(r.workingSetPrivateBytes),
      escapeUnprintable(r.created ?? ''),
    ]),
  );
}

export async function runPs(cmd: Extract<Command, { name: 'ps' }>, io: CliIo): Promise<number> {
  const listing = await withSystem(cmd.id, listProcesses);
  if (listing.source === 'v1') {
    const why = formatError(listing.v2Error)
      .replace(/^hcsctl: /gm, '')
      .trimEnd()
      .replace(/\n/g, ' ');
    io.stderr.write(`hcsctl: ps: the V2 ProcessList failed (${why}); showing the V1 list\n`);
  }
  if (cmd.json) writeJson(io, { id: cmd.id, source: listing.source, processes: listing.processes });
  else io.stdout.write(formatProcesses(listing.processes));
  return 0;
}

/**
 * HcsSignalProcess's options for `signal` in a system of `os`: a console event by name on Windows, a number
 * on Linux (console events mapped as the app maps them). A POSIX signal on a Windows system is a usage error.
 */
export function signalOptions(signal: SignalName, os: string, id: string): { Signal: string | number } {
  if (signal.kind === 'console') return signalOptionsFor(signal.name, os);
  if (os.toLowerCase() === 'linux') return { Signal: signal.number };
  throw new UsageError(
    `kill: ${id} is a Windows system, which takes console events only: --signal ${CONSOLE_SIGNALS.join('|')}`,
  );
}

export async function runKill(cmd: Extract<Command, { name: 'kill' }>, io: CliIo): Promise<number> {
  const delivered = await withSystem(cmd.id, async (sys) => {
    const options = cmd.signal === null ? null : signalOptions(cmd.signal, sys.os(), cmd.id);
    const proc = await sys.openProcess(cmd.pid);
    try {
      return options === null ? await proc.kill() : await proc.signal(options);
    } finally {
      await closeQuietly(proc);
    }
  });
  if (!delivered) io.stderr.write(`hcsctl: kill: process ${cmd.pid} had already exited\n`);
  if (cmd.json) writeJson(io, { id: cmd.id, pid: cmd.pid, signal: cmd.signal?.name ?? null, delivered });
  else io.stdout.write(`${cmd.pid}\n`);
  return 0;
}
