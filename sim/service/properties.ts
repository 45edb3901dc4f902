// The property documents HCS answers with: schema1 ContainerProperties (enumerate, V1 queries) and schema2
// Properties (queries naming schema2-only types). Field names follow docs/hcs/schema.md#containerproperties and
// docs/hcs/schema.md#properties.
import { guidFromName } from './guid.ts';
import type { SimProcess, SimSystem } from './model.ts';
import type { ProcSample } from './procfs.ts';
import type { PropertyQuery } from './query.ts';

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

/**
 * Answers HcsGetComputeSystemProperties. `samples` holds a /proc sample per live process (absent when /proc had
 * none); ProcessList lists only processes still running.
 */
export function computeSystemProperties(
  s: SimSystem,
  query: PropertyQuery,
  now: number,
  samples: Map<number, ProcSample>,
): Doc {
  const doc = basicProperties(s);
  const metrics = s.metricsInput(now, [...samples.values()]);
  for (const type of query.types) {
    switch (type) {
      case 'Statistics': {
        const stats: Doc = { ...s.metrics.statistics(metrics) };
        if (query.schema === 1) stats.Network = s.metrics.network(metrics);
        doc.Statistics = stats;
        break;
      }
      case 'ProcessList':
        doc.ProcessList = s.liveProcesses().map((p) => processListItem(p, samples.get(p.pid) ?? null));
        break;
      case 'GuestConnection': {
        const info = guestConnectionInfo(s);
        if (info) doc.GuestConnectionInfo = info;
        break;
      }
      case 'MappedVirtualDisk':
        doc.MappedVirtualDiskControllers = mappedVirtualDiskControllers(s);
        break;
      case 'Memory':
        doc.Memory = s.metrics.memoryInformation(metrics, s.memoryOvercommit);
        break;
      case 'TerminateOnLastHandleClosed':
        doc.TerminateOnLastHandleClosed = s.terminateOnLastHandleClosed;
        break;
      case 'SystemGUID':
        doc.SystemGUID = guidFromName(s.id, 'system');
        break;
      case 'SharedMemoryRegion':
        doc.SharedMemoryRegionInfo = [];
        break;
      case 'CpuGroup':
        doc.CpuGroupId = '00000000-0000-0000-0000-000000000000';
        break;
      default: {
        const responses = (doc.PropertyResponses ?? {}) as Doc;
        responses[type] = { Response: extraResponse(type, s) };
        doc.PropertyResponses = responses;
      }
    }
  }
  return doc;
}
