// The property documents HCS answers with: schema1 ContainerProperties (enumerate, V1 queries) and schema2
// Properties (V2 queries, and every query through the V2 API); query.ts decides which. Field names follow docs/hcs/schema.md#containerproperties and
// docs/hcs/schema.md#properties.
import { guidFromName } from './guid.ts';
import type { SimProcess, SimSystem } from './model.ts';
import type { ProcSample } from './procfs.ts';
import { errorEvent, hresultMessage, HR, signedHr } from './hresult.ts';
import { propertyTypeNamed, type PropertyQuery } from './query.ts';

type Doc = Record<string, unknown>;

/** HCS spells OS types with a capital (clients lower-case them, docs/hcs/system-and-process.md#system). */
export function osTypeName(os: 'windows' | 'linux'): string {
  return os === 'linux' ? 'Linux' : 'Windows';
}

/** The fields every answer carries: what enumerate returns per system. */
export function basicProperties(s: SimSystem): Doc {
  const doc: Doc = {
    Id: s.id,
    State: s.state,
    Name: s.name,
    SystemType: s.systemType,
    RuntimeOsType: osTypeName(s.runtimeOsType),
    Owner: s.owner,
  };
  // A process-isolated Windows container is a silo on the host.
  if (s.systemType === 'Container' && s.runtimeOsType === 'windows' && s.hostingSystemId === null) {
    const isolated = s.schema === 1 && s.document.HvPartition === true;
    if (!isolated) doc.SiloGuid = guidFromName(s.id, 'silo');
  }
  doc.RuntimeId = s.runtimeId;
  if (s.state === 'SavedAsTemplate') doc.IsRuntimeTemplate = true;
  if (s.state === 'Stopped') {
    doc.Stopped = true;
    if (s.exitType) doc.ExitType = s.exitType;
  }
  if (s.hostingSystemId !== null) doc.HostingSystemId = s.hostingSystemId;
  return doc;
}

export function processListItem(p: SimProcess, sample: ProcSample | null): Doc {
  return {
    CreateTimestamp: new Date(p.createdAt).toISOString(),
    ImageName: sample?.imageName ?? p.imageHint,
    KernelTime100ns: sample?.kernel100ns ?? 0,
    MemoryCommitBytes: sample?.commitBytes ?? 0,
    MemoryWorkingSetPrivateBytes: sample ? Math.max(0, sample.residentBytes - sample.sharedBytes) : 0,
    MemoryWorkingSetSharedBytes: sample?.sharedBytes ?? 0,
    ProcessId: p.pid,
    UserTime100ns: sample?.user100ns ?? 0,
  };
}

function guestConnectionInfo(s: SimSystem): Doc | undefined {
  // Only a running (or paused) system has a guest to talk to.
  if (s.state !== 'Running' && s.state !== 'Paused') return undefined;
  return {
    SupportedSchemaVersions: [{ Major: 2, Minor: 1 }],
    ProtocolVersion: 4,
    GuestDefinedCapabilities: {
      NamespaceAddRequestSupported: true,
      SignalProcessSupported: true,
      DumpStacksSupported: true,
      DeleteContainerStateSupported: true,
      UpdateContainerSupported: true,
    },
  };
}

/** schema1 MappedVirtualDiskControllers: controller index → { MappedVirtualDisks: lun → disk }. */
function mappedVirtualDiskControllers(s: SimSystem): Doc {
  const disks: Doc = {};
  s.mappedVirtualDisks.forEach((d, lun) => {
    disks[String(lun)] = d;
  });
  return { '0': { MappedVirtualDisks: disks } };
}

function extraResponse(type: string, s: SimSystem): unknown {
  switch (type) {
    case 'ProcessorTopology':
      return {
        LogicalProcessorCount: s.processorCount ?? 1,
        LogicalProcessors: Array.from({ length: s.processorCount ?? 1 }, (_, i) => ({
          LpIndex: i,
          NodeNumber: 0,
          PackageId: 0,
          CoreId: i,
          RootVpIndex: -1,
        })),
      };
    case 'ICHeartbeatStatus':
      return { Status: s.state === 'Running' ? 'OK' : 'NoContact' };
    case 'ContainerCredentialGuard':
      return { Instances: [] };
    default:
      return {};
  }
}

/** Where a property type's answer goes: a field of the properties document, or (null) PropertyResponses. */
interface TypeAnswer {
  field: string | null;
  value: unknown;
}

/** The answer to one property type; undefined when there is nothing to say (no guest connection yet). */
function typeAnswer(
  type: string,
  s: SimSystem,
  schema: 1 | 2,
  metrics: ReturnType<SimSystem['metricsInput']>,
  samples: Map<number, ProcSample>,
): TypeAnswer | undefined {
  switch (type) {
    case 'Statistics': {
      const stats: Doc = { ...s.metrics.statistics(metrics) };
      if (schema === 1) stats.Network = s.metrics.network(metrics);
      return { field: 'Statistics', value: stats };
    }
    case 'ProcessList':
      return {
        field: 'ProcessList',
        value: s.liveProcesses().map((p) => processListItem(p, samples.get(p.pid) ?? null)),
      };
    case 'GuestConnection': {
      const info = guestConnectionInfo(s);
      return info ? { field: 'GuestConnectionInfo', value: info } : undefined;
    }
    case 'MappedVirtualDisk':
      return { field: 'MappedVirtualDiskControllers', value: mappedVirtualDiskControllers(s) };
    case 'Memory':
      return { field: 'Memory', value: s.metrics.memoryInformation(metrics, s.memoryOvercommit) };
    case 'TerminateOnLastHandleClosed':
      return { field: 'TerminateOnLastHandleClosed', value: s.terminateOnLastHandleClosed };
    case 'SystemGUID':
      return { field: 'SystemGUID', value: guidFromName(s.id, 'system') };
    case 'SharedMemoryRegion':
      return { field: 'SharedMemoryRegionInfo', value: [] };
    case 'CpuGroup':
      return { field: 'CpuGroupId', value: '00000000-0000-0000-0000-000000000000' };
    default:
      return { field: null, value: extraResponse(type, s) };
  }
}

/** The answer to a schema 2.5 query by name: a property type's, or hcsshim's live-migration CompatibilityInfo. */
function namedResponse(
  name: string,
  s: SimSystem,
  metrics: ReturnType<SimSystem['metricsInput']>,
  samples: Map<number, ProcSample>,
): Doc {
  const type = propertyTypeNamed(name);
  if (type !== undefined) return { Response: typeAnswer(type, s, 2, metrics, samples)?.value ?? null };
  if (name.toLowerCase() === 'compatibilityinfo') {
    const blob = JSON.stringify({ Id: s.id, RuntimeId: s.runtimeId, Processors: s.processorCount ?? 0 });
    return { Response: { Data: Buffer.from(blob).toString('base64') } };
  }
  return {
    Error: {
      Error: signedHr(HR.INVALID_DATA),
      ErrorMessage: hresultMessage(HR.INVALID_DATA),
      ErrorEvents: [errorEvent(`'${name}' is not a property this compute system has.`)],
    },
  };
}

/**
 * Answers HcsGetComputeSystemProperties in the schema query.ts chose. `samples` holds a /proc sample per live
 * process (absent when /proc had none); ProcessList lists only processes still running. A schema 2.5 query
 * (`Queries`) is answered name by name in PropertyResponses, each with its Response or its Error.
 */
export function computeSystemProperties(
  s: SimSystem,
  query: PropertyQuery,
  now: number,
  samples: Map<number, ProcSample>,
): Doc {
  const doc = basicProperties(s);
  const metrics = s.metricsInput(now, [...samples.values()]);
  const responses: Doc = {};
  for (const type of query.types) {
    const a = typeAnswer(type, s, query.schema, metrics, samples);
    if (a === undefined) continue;
    if (a.field !== null) doc[a.field] = a.value;
    else responses[type] = { Response: a.value };
  }
  for (const name of Object.keys(query.queries ?? {}))
    responses[name] = namedResponse(name, s, metrics, samples);
  if (Object.keys(responses).length > 0) doc.PropertyResponses = responses;
  return doc;
}
