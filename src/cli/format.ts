/** Text output of hcsctl: the systems table, property listings and error reports. Pure functions. */
import { errorHresultHex, errorName, isServiceDisconnect, isSimulatorBackend } from '../hcs/index.ts';
import type { schema1 } from '../hcs/index.ts';
import { displaySystemId, escapeUnprintable } from '../contract/index.ts';

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
/** hcsctl service: the API in use and why, then what HCS says of itself (Basic service properties). */
export function formatService(api: { api: string; reason: string }, properties: unknown): string {
  const dll = api.api === 'v2' ? 'computecore.dll' : 'vmcompute.dll';
  const versions = schemaVersions(properties);
  const rows: string[][] = [
    ['HCS API', `${api.api.toUpperCase()} (${dll})`],
    ['chosen because', api.reason],
    ['newest schema version', versions.at(-1) ?? 'not reported'],
    ['supported schema versions', versions.length > 0 ? versions.join(', ') : 'not reported'],
    ['crash a system', api.api === 'v2' ? 'available' : 'needs the HCS V2 API (hcsctl --api v2)'],
  ];
  return rows.map(([k, v]) => `${`${k}:`.padEnd(28)}${v}`).join('\n') + '\n';
}

/** "2.1" for each SupportedSchemaVersions entry of a Basic answer, oldest first. */
function schemaVersions(properties: unknown): string[] {
  const list = (properties as { Properties?: unknown } | null)?.Properties;
  const out: Array<[number, number]> = [];
  for (const entry of Array.isArray(list) ? list : []) {
    const supported = (entry as { SupportedSchemaVersions?: unknown } | null)?.SupportedSchemaVersions;
    for (const v of Array.isArray(supported) ? supported : []) {
      const { Major, Minor } = (v ?? {}) as { Major?: unknown; Minor?: unknown };
      if (typeof Major === 'number' && typeof Minor === 'number') out.push([Major, Minor]);
    }
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([a, b]) => `${a}.${b}`);
}

export function formatError(e: unknown): string {
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
