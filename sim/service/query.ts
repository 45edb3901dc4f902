// The query documents: the enumerate filter (schema1 ComputeSystemQuery), the property query (answered in schema1
// or schema2 form, by the API and the query's version) and the service property query.
import { HR } from './hresult.ts';
import { describeJsonError, parseJsonText } from '../../src/base/index.ts';

export type QueryError = { ok: false; hr: number; message: string };

export interface SystemFilter {
  Ids?: string[];
  Names?: string[];
  Types?: string[];
  Owners?: string[];
}

const FILTER_KEYS = ['Ids', 'Names', 'Types', 'Owners'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseDocument(text: string | null, what: string): { ok: true; value: unknown } | QueryError {
  if (text === null || text.trim() === '') return { ok: true, value: {} };
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    return {
      ok: false,
      hr: HR.INVALID_JSON,
      message: `The ${what} is not valid JSON: ${describeJsonError(parsed)}.`,
    };
  }
  if (parsed.value === null) return { ok: true, value: {} };
  if (!isObject(parsed.value))
    return { ok: false, hr: HR.INVALID_JSON, message: `The ${what} must be a JSON object.` };
  return parsed;
}

function stringList(v: unknown, key: string, what: string): string[] | QueryError | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    return { ok: false, hr: HR.INVALID_JSON, message: `${key} in the ${what} must be an array of strings.` };
  }
  return v;
}

/** NULL, "" and "{}" all mean every system. */
export function parseEnumerateQuery(text: string | null): { ok: true; filter: SystemFilter } | QueryError {
  const doc = parseDocument(text, 'enumeration query');
  if (!doc.ok) return doc;
  const q = doc.value as Record<string, unknown>;
  const filter: SystemFilter = {};
  for (const key of FILTER_KEYS) {
    const list = stringList(q[key], key, 'enumeration query');
    if (list === undefined) continue;
    if (!Array.isArray(list)) return list;
    filter[key] = list;
  }
  return { ok: true, filter };
}

export interface FilterSubject {
  id: string;
  name: string;
  systemType: string;
  owner: string;
}

/** Every non-empty list must contain the system's value; comparisons ignore case, as HCS's do. */
export function matchesFilter(s: FilterSubject, f: SystemFilter): boolean {
  const has = (list: string[] | undefined, value: string) =>
    list === undefined || list.length === 0 || list.some((x) => x.toLowerCase() === value.toLowerCase());
  return has(f.Ids, s.id) && has(f.Names, s.name) && has(f.Types, s.systemType) && has(f.Owners, s.owner);
}

/** Property types both schemas know (docs/hcs/schema.md#property-types). */
const SHARED_TYPES = ['Statistics', 'ProcessList', 'GuestConnection'];
/** Only schema1 knows these. */
const V1_ONLY_TYPES = ['MappedVirtualDisk'];
/** Only schema2 knows these; asking for any of them gets a schema2 Properties answer. */
export const V2_ONLY_TYPES = [
  'Memory',
  'TerminateOnLastHandleClosed',
  'SharedMemoryRegion',
  'GuestMemory',
  'ContainerCredentialGuard',
  'ICHeartbeatStatus',
  'ProcessorTopology',
  'CpuGroup',
  'SystemGUID',
];

/** Which API a call came through: vmcompute.dll (V1) or computecore.dll (V2). */
export type HcsApi = 'v1' | 'v2';

export interface PropertyQuery {
  /** The schema of the answer: schema1 ContainerProperties or schema2 Properties. */
  schema: 1 | 2;
  types: string[];
  /** Schema 2.5 `Queries`: property name → its query object; answered in PropertyResponses. */
  queries?: Record<string, unknown>;
}

/** The canonical spelling of a compute-system property type, either schema's. */
export function propertyTypeNamed(t: string): string | undefined {
  return [...SHARED_TYPES, ...V1_ONLY_TYPES, ...V2_ONLY_TYPES].find(
    (k) => k.toLowerCase() === t.toLowerCase(),
  );
}

/**
 * Reads a property query and decides the schema of the answer (sim/PROTOCOL.md "Property answers"): through the
 * V2 API always schema2; through the V1 API by the query's version: schema1 for a query only schema1 could have
 * written (no types, or Statistics, ProcessList, GuestConnection, MappedVirtualDisk), schema2 for one naming a
 * schema2-only type or carrying schema 2.5 `Queries`.
 */
export function parsePropertyQuery(
  text: string | null,
  api: HcsApi = 'v1',
): { ok: true; query: PropertyQuery } | QueryError {
  const doc = parseDocument(text, 'property query');
  if (!doc.ok) return doc;
  const q = doc.value as Record<string, unknown>;
  const raw = stringList(q.PropertyTypes, 'PropertyTypes', 'property query') ?? [];
  if (!Array.isArray(raw)) return raw;
  const types: string[] = [];
  for (const t of raw) {
    const known = propertyTypeNamed(t);
    if (!known)
      return { ok: false, hr: HR.INVALID_JSON, message: `The property type '${t}' is not supported.` };
    if (!types.includes(known)) types.push(known);
  }
  let queries: Record<string, unknown> | undefined;
  if (q.Queries !== undefined && q.Queries !== null) {
    if (!isObject(q.Queries))
      return {
        ok: false,
        hr: HR.INVALID_JSON,
        message: 'Queries must be an object of property name to query.',
      };
    queries = q.Queries;
  }
  const withQueries = queries === undefined ? {} : { queries };
  const wantsV1 = types.some((t) => V1_ONLY_TYPES.includes(t));
  if (api === 'v2') {
    if (wantsV1) {
      return {
        ok: false,
        hr: HR.INVALID_JSON,
        message: 'MappedVirtualDisk is a schema 1 property type; the V2 API answers in schema 2 only.',
      };
    }
    return { ok: true, query: { schema: 2, types, ...withQueries } };
  }
  const wantsV2 = types.some((t) => V2_ONLY_TYPES.includes(t)) || queries !== undefined;
  if (wantsV1 && wantsV2) {
    return {
      ok: false,
      hr: HR.INVALID_JSON,
      message: 'The property query mixes schema 1 types (MappedVirtualDisk) with schema 2 types.',
    };
  }
  return { ok: true, query: { schema: wantsV2 ? 2 : 1, types, ...withQueries } };
}

/**
 * Service property types (HcsGetServiceProperties): the GetPropertyType / Service_PropertyType values of
 * Microsoft's HCS schema reference, current and earlier editions.
 */
export const SERVICE_PROPERTY_TYPES = [
  'Basic',
  'Memory',
  'CpuGroup',
  'ProcessorTopology',
  'CacheAllocation',
  'CacheMonitoring',
  'ContainerCredentialGuard',
  'QoSCapabilities',
  'MemoryBwAllocation',
];

/**
 * NULL, "" and "{}" ask for Basic. A type HCS does not know is refused as HCS refuses a document its schema cannot
 * read: ERROR_INVALID_DATA, naming the JSON path, as in the result document of a refused create
 * (MicrosoftDocs/Virtualization-Documentation issue 1702). `PropertyQueries` (schema 2.5) and `FilteredQueries`
 * are accepted; the simulator has nothing to filter.
 */
export function parseServicePropertyQuery(text: string | null): { ok: true; types: string[] } | QueryError {
  const doc = parseDocument(text, 'service property query');
  if (!doc.ok) return doc;
  const q = doc.value as Record<string, unknown>;
  const raw = stringList(q.PropertyTypes, 'PropertyTypes', 'service property query') ?? ['Basic'];
  if (!Array.isArray(raw)) return raw;
  const types: string[] = [];
  for (const [i, t] of (raw.length === 0 ? ['Basic'] : raw).entries()) {
    const known = SERVICE_PROPERTY_TYPES.find((k) => k.toLowerCase() === t.toLowerCase());
    if (!known)
      return {
        ok: false,
        hr: HR.INVALID_DATA,
        message: `The service property query is invalid: The data is invalid. (0x8007000D, 'Invalid JSON document '$.PropertyTypes[${i}]''): '${t}' is not a service property type.`,
      };
    types.push(known);
  }
  return { ok: true, types };
}
