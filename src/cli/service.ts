/**
 * `hcsctl service`: the HCS API in use and why, and what the service says of itself (HcsGetServiceProperties):
 * `Basic` (the schema versions it takes) through either API, and through the V2 API each other property type
 * of Microsoft's schema reference (`GetPropertyType`), one query per type so that a type this host does not
 * know costs only its own line (HCS refuses a query naming one with 0x8007000D).
 */
import {
  errorHresultHex,
  errorName,
  getServiceProperties,
  schema2,
  type HcsApiChoice,
} from '../hcs/index.ts';
import { escapeUnprintable } from '../contract/index.ts';
import type { Command } from './args.ts';
import { formatBytes } from './format.ts';
import { writeJson, type CliIo } from './io.ts';

/** The service property types besides Basic (the HCS layer's list), asked through the V2 API. */
export const OTHER_SERVICE_PROPERTY_TYPES = schema2.ServicePropertyTypes.filter((t) => t !== 'Basic');

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Dict) : {};

/** The document of a one-type answer (`{"Properties":[doc]}`). */
function firstProperties(answer: unknown): unknown {
  const list = dict(answer).Properties;
  return Array.isArray(list) ? (list[0] ?? null) : null;
}

/** "2.1" for each SupportedSchemaVersions entry of a Basic answer, oldest first. */
export function schemaVersions(properties: unknown): string[] {
  const list = dict(properties).Properties;
  const out: Array<[number, number]> = [];
  for (const entry of Array.isArray(list) ? list : []) {
    const supported = dict(entry).SupportedSchemaVersions;
    for (const v of Array.isArray(supported) ? supported : []) {
      const { Major, Minor } = dict(v);
      if (typeof Major === 'number' && typeof Minor === 'number') out.push([Major, Minor]);
    }
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([a, b]) => `${a}.${b}`);
}

interface ErrorJson {
  message: string;
  hresult: string | null;
  name: string | null;
}

function errorJson(e: unknown): ErrorJson {
  const message = e instanceof Error ? e.message : String(e);
  return {
    message: message.split('\n')[0]!,
    hresult: errorHresultHex(e) ?? null,
    name: errorName(e) ?? null,
  };
}

/** What `hcsctl service --json` prints (docs/hcsctl.md#service). */
export interface ServiceReport {
  api: 'v1' | 'v2';
  reason: string;
  /** HCS's Basic answer, as it sent it. */
  properties: unknown;
  schemaVersions: string[];
  /** Through V2: each other property type HCS answered, its document as sent; {} through V1. */
  propertyTypes: Record<string, unknown>;
  /** Through V2: each type HCS refused, and why. */
  propertyErrors: Record<string, ErrorJson>;
}

export async function serviceReport(api: HcsApiChoice): Promise<ServiceReport> {
  const properties = await getServiceProperties({ PropertyTypes: ['Basic'] });
  const report: ServiceReport = {
    api: api.api,
    reason: api.reason,
    properties,
    schemaVersions: schemaVersions(properties),
    propertyTypes: {},
    propertyErrors: {},
  };
  if (api.api !== 'v2') return report;
  const answers = await Promise.allSettled(
    OTHER_SERVICE_PROPERTY_TYPES.map((type) => getServiceProperties({ PropertyTypes: [type] })),
  );
  answers.forEach((answer, i) => {
    const type = OTHER_SERVICE_PROPERTY_TYPES[i]!;
    if (answer.status === 'fulfilled') report.propertyTypes[type] = firstProperties(answer.value);
    else report.propertyErrors[type] = errorJson(answer.reason);
  });
  return report;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line for a property type's document: what a person looks for in it, else its JSON cut short. */
export function describePropertyType(type: string, doc: unknown): string {
  const d = dict(doc);
  switch (type) {
    case 'ProcessorTopology': {
      const lps = Array.isArray(d.LogicalProcessors) ? d.LogicalProcessors.map(dict) : [];
      const count = typeof d.LogicalProcessorCount === 'number' ? d.LogicalProcessorCount : lps.length;
      const nodes = new Set(lps.map((lp) => lp.NodeNumber)).size;
      const packages = new Set(lps.map((lp) => lp.PackageId)).size;
      const where = lps.length > 0 ? ` in ${plural(packages, 'package')}, ${plural(nodes, 'NUMA node')}` : '';
      return `${plural(count, 'logical processor')}${where}`;
    }
    case 'Memory':
      if (typeof d.TotalPhysicalMemoryInMB === 'number' && typeof d.AvailablePhysicalMemoryInMB === 'number')
        return `${formatBytes(d.TotalPhysicalMemoryInMB * 1024 * 1024)} physical, ${formatBytes(d.AvailablePhysicalMemoryInMB * 1024 * 1024)} available`;
      break;
    case 'CpuGroup':
      if (Array.isArray(d.CpuGroups)) return plural(d.CpuGroups.length, 'CPU group');
      break;
    case 'ContainerCredentialGuard':
      if (Array.isArray(d.Instances)) return plural(d.Instances.length, 'instance');
      break;
    case 'QoSCapabilities':
      if (typeof d.ProcessorQoSSupported === 'boolean')
        return `processor QoS ${d.ProcessorQoSSupported ? 'supported' : 'not supported'}`;
      break;
    default: {
      const supported = d[`${type}Supported`];
      if (typeof supported === 'boolean') return supported ? 'supported' : 'not supported';
    }
  }
  const json = escapeUnprintable(JSON.stringify(doc) ?? 'null');
  return json.length > 120 ? `${json.slice(0, 119)}…` : json;
}

/** hcsctl service for people: one `name: value` line each. */
export function formatService(report: ServiceReport): string {
  const dll = report.api === 'v2' ? 'computecore.dll' : 'vmcompute.dll';
  const versions = report.schemaVersions;
  const rows: string[][] = [
    ['HCS API', `${report.api.toUpperCase()} (${dll})`],
    ['chosen because', report.reason],
    ['newest schema version', versions.at(-1) ?? 'not reported'],
    ['supported schema versions', versions.length > 0 ? versions.join(', ') : 'not reported'],
    ['crash a system', report.api === 'v2' ? 'available' : 'needs the HCS V2 API (hcsctl --api v2)'],
  ];
  if (report.api === 'v2') {
    for (const type of OTHER_SERVICE_PROPERTY_TYPES) {
      const error = report.propertyErrors[type];
      if (error) {
        const code = error.hresult ? ` (${error.hresult}${error.name ? ` ${error.name}` : ''})` : '';
        rows.push([type, `not answered: ${error.message}${code}`]);
      } else if (type in report.propertyTypes) {
        rows.push([type, describePropertyType(type, report.propertyTypes[type])]);
      }
    }
  } else {
    rows.push(['other property types', 'asked through the HCS V2 API only (hcsctl --api v2 service)']);
  }
  return rows.map(([k, v]) => `${`${k}:`.padEnd(28)}${v}`).join('\n') + '\n';
}

export async function runService(
  cmd: Extract<Command, { name: 'service' }>,
  io: CliIo,
  api: HcsApiChoice,
): Promise<number> {
  const report = await serviceReport(api);
  if (cmd.json) writeJson(io, report);
  else io.stdout.write(formatService(report));
  return 0;
}
