/**
 * HCS schema 1.0 documents (hcsshim's internal/hcs/schema1; docs/hcs/schema.md#schema-1). Every field is optional as
 * HCS may omit it, and every object type has an index signature so fields this file does not know survive a
 * round trip (documents are shown and edited as JSON text).
 */

import type { MemoryStats, ProcessorStats, StorageStats } from './schema2.ts';

type Extra = { [key: string]: unknown };

/** Property types for a V1 properties query (docs/hcs/schema.md#property-types). */
export const PropertyTypes = ['Statistics', 'ProcessList', 'MappedVirtualDisk', 'GuestConnection'] as const;
export type PropertyType = (typeof PropertyTypes)[number];

/** The V1 properties query: `{"PropertyTypes":[...]}`, or `{}` for the basic properties. */
export interface PropertyQuery extends Extra {
  PropertyTypes?: PropertyType[];
}

/** The filter of HcsEnumerateComputeSystems; `{}` lists everything. */
export interface ComputeSystemQuery extends Extra {
  Ids?: string[];
  Types?: string[];
  Names?: string[];
  Owners?: string[];
}

/** The memory, processor and storage statistics are the same documents in both schemas. */
export type { MemoryStats, ProcessorStats, StorageStats };

export interface NetworkStats extends Extra {
  BytesReceived?: number;
  BytesSent?: number;
  PacketsReceived?: number;
  PacketsSent?: number;
  DroppedPacketsIncoming?: number;
  DroppedPacketsOutgoing?: number;
  EndpointId?: string;
  InstanceId?: string;
}

export interface Statistics extends Extra {
  Timestamp?: string;
  ContainerStartTime?: string;
  Uptime100ns?: number;
  Memory?: MemoryStats;
  Processor?: ProcessorStats;
  Storage?: StorageStats;
  Network?: NetworkStats[];
}

export interface ProcessListItem extends Extra {
  CreateTimestamp?: string;
  ImageName?: string;
  KernelTime100ns?: number;
  MemoryCommitBytes?: number;
  MemoryWorkingSetPrivateBytes?: number;
  MemoryWorkingSetSharedBytes?: number;
  ProcessId?: number;
  UserTime100ns?: number;
}

export interface MappedVirtualDisk extends Extra {
  HostPath?: string;
  ContainerPath?: string;
  CreateInUtilityVM?: boolean;
  ReadOnly?: boolean;
  Cache?: string;
  AttachOnly?: boolean;
}

export interface MappedVirtualDiskController extends Extra {
  MappedVirtualDisks?: { [lun: string]: MappedVirtualDisk };
}

export interface GuestDefinedCapabilities extends Extra {
  NamespaceAddRequestSupported?: boolean;
  SignalProcessSupported?: boolean;
  DumpStacksSupported?: boolean;
  DeleteContainerStateSupported?: boolean;
  UpdateContainerSupported?: boolean;
  LogForwardingSupported?: boolean;
  HostProcessContainerSupported?: boolean;
}

export interface SchemaVersion extends Extra {
  Major?: number;
  Minor?: number;
}

export interface GuestConnectionInfo extends Extra {
  SupportedSchemaVersions?: SchemaVersion[];
  ProtocolVersion?: number;
  GuestDefinedCapabilities?: GuestDefinedCapabilities;
}

/** What Properties and Enumerate return for a compute system. */
export interface ContainerProperties extends Extra {
  Id?: string;
  State?: string;
  Name?: string;
  SystemType?: string;
  RuntimeOsType?: string;
  Owner?: string;
  SiloGuid?: string;
  RuntimeId?: string;
  IsRuntimeTemplate?: boolean;
  RuntimeImagePath?: string;
  Stopped?: boolean;
  ExitType?: string;
  AreUpdatesPending?: boolean;
  ObRoot?: string;
  Statistics?: Statistics;
  ProcessList?: ProcessListItem[];
  MappedVirtualDiskControllers?: { [controller: string]: MappedVirtualDiskController };
  GuestConnectionInfo?: GuestConnectionInfo;
}

/** The v1 HcsCreateProcess document. */
export interface ProcessConfig extends Extra {
  ApplicationName?: string;
  CommandLine?: string;
  /** LCOW. */
  CommandArgs?: string[];
  User?: string;
  WorkingDirectory?: string;
  Environment?: { [name: string]: string };
  EmulateConsole?: boolean;
  CreateStdInPipe?: boolean;
  CreateStdOutPipe?: boolean;
  CreateStdErrPipe?: boolean;
  /** [height, width]. */
  ConsoleSize?: [number, number];
  /** LCOW. */
  CreateInUtilityVm?: boolean;
  /** LCOW: the OCI process specification. */
  OCISpecification?: unknown;
}

export interface Layer extends Extra {
  ID?: string;
  Path?: string;
}

export interface MappedDir extends Extra {
  HostPath?: string;
  ContainerPath?: string;
  ReadOnly?: boolean;
  BandwidthMaximum?: number;
  IOPSMaximum?: number;
  CreateInUtilityVM?: boolean;
  LinuxMetadata?: boolean;
}

export interface MappedPipe extends Extra {
  HostPath?: string;
  ContainerPipeName?: string;
}

export interface HvRuntime extends Extra {
  ImagePath?: string;
  SkipTemplate?: boolean;
  LinuxInitrdFile?: string;
  LinuxKernelFile?: string;
  LinuxBootParameters?: string;
  BootSource?: string;
  WritableBootSource?: boolean;
}

export interface AssignedDevice extends Extra {
  InterfaceClassGuid?: string;
}

/** The v1 HcsCreateComputeSystem document for a container. */
export interface ContainerConfig extends Extra {
  SystemType?: string;
  Name?: string;
  Owner?: string;
  VolumePath?: string;
  IgnoreFlushesDuringBoot?: boolean;
  LayerFolderPath?: string;
  Layers?: Layer[];
  Credentials?: string;
  ProcessorCount?: number;
  ProcessorWeight?: number;
  ProcessorMaximum?: number;
  StorageIOPSMaximum?: number;
  StorageBandwidthMaximum?: number;
  StorageSandboxSize?: number;
  MemoryMaximumInMB?: number;
  HostName?: string;
  MappedDirectories?: MappedDir[];
  MappedPipes?: MappedPipe[];
  HvPartition?: boolean;
  NetworkSharedContainerName?: string;
  EndpointList?: string[];
  HvRuntime?: HvRuntime;
  Servicing?: boolean;
  AllowUnqualifiedDNSQuery?: boolean;
  DNSSearchList?: string;
  ContainerType?: string;
  TerminateOnLastHandleClosed?: boolean;
  MappedVirtualDisks?: MappedVirtualDisk[];
  AssignedDevices?: AssignedDevice[];
}

/** The v1 Modify request. */
export interface ResourceModificationRequestResponse extends Extra {
  ResourceType?: string;
  RequestType?: 'Add' | 'Remove' | string;
  Settings?: unknown;
}
