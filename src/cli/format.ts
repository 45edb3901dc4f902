/** Text output of hcsctl: the systems table, property listings and error reports. Pure functions. */
import { AppError } from '../app/index.ts';
import {
  errorHresultHex,
  errorName,
  formatErrorEvent,
  isServiceDisconnect,
  isSimulatorBackend,
} from '../hcs/index.ts';
import type { schema1 } from '../hcs/index.ts';
import { displaySystemId, escapeUnprintable, type ErrorInfo } from '../contract/index.ts';

/** Left-aligned columns separated by two spaces; the header is upper case, as hcsdiag-like tools print. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers.map((h) => h.toUpperCase())), ...rows.map(line)].join('\n') + '\n';
}

/** A field of HCS's answer as a table cell: text with nothing a terminal would act on. */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return escapeUnprintable(typeof value === 'string' ? value : JSON.stringify(value));
}

/**
 * `hcsctl list`: one row per compute system, every one HCS lists. An id that hcsctl would refuse as an
 * operand (src/contract/ids.ts) is shown escaped, so that no id can rewrite the terminal.
 */
export function formatSystems(systems: schema1.ContainerProperties[]): string {
  if (systems.length === 0) return 'No compute systems.\n';
  const rows = systems.map((s) => [
    typeof s.Id === 'string' ? displaySystemId(s.Id) : cell(s.Id),
    cell(s.Name),
    cell(s.SystemType),
    cell(s.State),
    cell(s.Owner),
    cell(s.RuntimeId),
  ]);
  return formatTable(['Id', 'Name', 'Type', 'State', 'Owner', 'Runtime Id'], rows);
}

/** A properties document for people: scalars as `Key: value`, nested values as indented JSON. */
export function formatProperties(props: Record<string, unknown>): string {
  const keys = Object.keys(props);
  const isNested = (v: unknown) => v !== null && typeof v === 'object';
  const width = Math.max(0, ...keys.filter((k) => !isNested(props[k])).map((k) => k.length));
  let out = '';
  for (const key of keys) {
    const value = props[key];
    if (isNested(value)) {
      const json = JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
      out += `${key}:\n  ${json}\n`;
    } else {
      out += `${(key + ':').padEnd(width + 1)} ${String(value)}\n`;
    }
  }
  return out;
}

/**
 * An error for stderr: the message (HCS's, with its ErrorEvents on the lines after, as hcsshim formats
 * them), then the HRESULT and its name when there is one, and a hint when the service is not reachable.
 */
export function formatError(e: unknown): string {
  // A failure the app core reported (events, stats): as it described it.
  if (e instanceof AppError) return formatErrorInfo(e.info);
  const err = e instanceof Error ? e : new Error(String(e));
  let out = `hcsctl: ${err.message}\n`;
  const hr = errorHresultHex(err);
  if (hr) {
    const name = errorName(err);
    out += `hcsctl: HRESULT ${hr}${name ? ` (${name})` : ''}\n`;
  }
  if (isServiceDisconnect(err)) {
    out += isSimulatorBackend()
      ? 'hcsctl: the simulated compute service is not reachable; start it with `npm run sim` (or set HCS_SIM_SOCKET).\n'
      : 'hcsctl: the Host Compute Service (vmcompute) is not reachable; check that the service is running.\n';
  }
  return out;
}

/** A failure as the app core describes it (ErrorInfo), in formatError's form; `prefix` follows "hcsctl: ". */
export function formatErrorInfo(info: ErrorInfo, prefix = ''): string {
  let out = `hcsctl: ${prefix}${info.message}\n`;
  for (const event of info.events) out += `${formatErrorEvent(event)}\n`;
  if (info.hresult) out += `hcsctl: HRESULT ${info.hresult}${info.name ? ` (${info.name})` : ''}\n`;
  return out;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** A byte count in binary units, three significant digits: "512B", "1.50KiB", "212MiB". */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)}B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${BYTE_UNITS[unit]}`;
}

/** A rate in bytes per second, or "--" when there is none yet. */
export function formatRate(bytesPerSecond: number | null): string {
  return bytesPerSecond === null ? '--' : `${formatBytes(bytesPerSecond)}/s`;
}

/** Processor time (100 ns units) as h:mm:ss.ss, as Task Manager and ps show it. */
export function formatCpuTime(time100ns: number): string {
  const totalSeconds = Math.max(0, time100ns) / 1e7;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${seconds.toFixed(2).padStart(5, '0')}`;
}
