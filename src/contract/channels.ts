import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { HostId, SystemRef, hostEvents, hostRequests } from './hosts.ts';
import { execEvents, execRequests } from './exec.ts';
import { JsonObjectText } from './json-text.ts';
import { HcsApiName, Operation, ServiceStatus, SystemSummary } from './model.ts';
import {
  hostStatisticsEvents,
  hostStatisticsRequests,
  statisticsEvents,
  statisticsRequests,
} from './statistics.ts';
import { settingsEvents, settingsRequests } from './settings.ts';
import { timelineEvents, timelineRequests } from './timeline.ts';

/** schema1 property types (docs/hcs/schema.md#property-types); test/facts holds them to src/hcs's schema1. */
export const V1PropertyType = lazySchema(() =>
  z.enum(['Statistics', 'ProcessList', 'MappedVirtualDisk', 'GuestConnection']),
);
/** schema2 property types (docs/hcs/schema.md#property-types); test/facts holds them to src/hcs's schema2. */
export const V2PropertyType = lazySchema(() =>
  z.enum([
    'Memory',
    'Statistics',
    'ProcessList',
    'TerminateOnLastHandleClosed',
    'SharedMemoryRegion',
    'GuestConnection',
    'GuestMemory',
    'ContainerCredentialGuard',
    'ICHeartbeatStatus',
    'ProcessorTopology',
    'CpuGroup',
    'SystemGUID',
  ]),
);

const ById = lazySchema(() => z.object({ id: SystemRef }).strict());
const Nothing = lazySchema(() => z.object({}).strict());
const Ack = lazySchema(() => z.object({ opId: z.string() }).strict());

/**
 * Every request the UI can make: its payload schema and its response schema. The transports (Electron IPC
 * and the WebSocket) validate every payload against these before anything reaches the app core.
 */
export const requests = {
  'systems.list': { request: Nothing, response: lazySchema(() => z.array(SystemSummary)) },
  'systems.create': {
    request: lazySchema(() => z.object({ id: SystemRef, document: JsonObjectText }).strict()),
    response: Ack,
  },
  'systems.start': { request: ById, response: Ack },
  'systems.shutdown': { request: ById, response: Ack },
  'systems.terminate': { request: ById, response: Ack },
  'systems.pause': { request: ById, response: Ack },
  'systems.resume': { request: ById, response: Ack },
  'systems.save': {
    request: lazySchema(() => z.object({ id: SystemRef, options: JsonObjectText }).strict()),
    response: Ack,
  },
  'systems.modify': {
    request: lazySchema(() => z.object({ id: SystemRef, request: JsonObjectText }).strict()),
    response: Ack,
  },
  /** HcsCrashComputeSystem (V2 only; on V1 the operation fails saying so). Asks for confirmation first. */
  'systems.crash': { request: ById, response: Ack },
  /** An operation that completes when the system exits (HCS's exit notification, on either API). */
  'systems.waitExit': { request: ById, response: Ack },
  /** Forget a stopped system: close our handle so HCS can clean it up. */
  'systems.close': { request: ById, response: Ack },
  /**
   * Dismiss the system's last error (SystemSummary.lastError): the core forgets it, so no window shows it
   * again, a reload included. Answers once the cleared summary has been sent (`systems.changed`).
   */
  'systems.clearError': { request: ById, response: Nothing },
  'systems.properties': {
    request: lazySchema(() =>
      z.discriminatedUnion('version', [
        z
          .object({ id: SystemRef, version: z.literal('v1'), types: z.array(V1PropertyType).max(16) })
          .strict(),
        z
          .object({ id: SystemRef, version: z.literal('v2'), types: z.array(V2PropertyType).max(16) })
          .strict(),
      ]),
    ),
    response: lazySchema(() => z.object({ properties: z.unknown() }).strict()),
  },
  /**
   * The create document of a system this app created (HCS hands out no create document), as it was sent, and
   * when; `document` is null for a system created by another client or before this app started.
   */
  'systems.createDocument': {
    request: ById,
    response: lazySchema(() =>
      z.object({ document: z.string().nullable(), createdAt: z.number().nullable() }).strict(),
    ),
  },
  'operations.list': { request: Nothing, response: lazySchema(() => z.array(Operation)) },
  'service.status': { request: Nothing, response: ServiceStatus },
  /**
   * About this host: HcsGetServiceProperties (Basic: the HCS version and the schema versions the host takes),
   * with the API that answered. Fails with HCS's error.
   */
  'service.properties': {
    /** Another host's (hosts.ts) instead of this one's. */
    request: lazySchema(() => z.object({ host: HostId.optional() }).strict()),
    response: lazySchema(() => z.object({ api: HcsApiName, properties: z.unknown() }).strict()),
  },
  'settings.setPollInterval': {
    request: lazySchema(() => z.object({ ms: z.number().int().min(250).max(600_000) }).strict()),
    response: ServiceStatus,
  },
  /** Exec sessions, process lists and processes by pid (exec.ts). */
  ...execRequests,
  /** Live statistics of a system, sampled once in the core for every client that watches it (statistics.ts). */
  ...statisticsRequests,
  /** The running systems' figures for the list and the host overview (statistics.ts). */
  ...hostStatisticsRequests,
  /** The events timeline of every system (timeline.ts). */
  ...timelineRequests,
  /** The user's settings, kept by the main side and shared by every window (settings.ts). */
  ...settingsRequests,
  /** Other hosts this app connects to (hosts.ts). */
  ...hostRequests,
  /**
   * Restart the app elevated (Windows UAC prompt). Resolves once the elevated instance has started; this
   * instance then quits. Fails with an ErrorInfo where that cannot work (web mode, not Windows, already
   * elevated, the prompt declined): see ServiceStatus.canRelaunchElevated.
   */
  'app.relaunchElevated': { request: Nothing, response: Nothing },
} as const;

/** Every event the app core sends to every open window. */
export const events = {
  /**
   * The whole list of one host, sent on connect and after a reconnect: the local host's (no `host`), or a
   * remote host's (hosts.ts; its systems' keys are qualified). It replaces that host's systems only.
   */
  'systems.snapshot': lazySchema(() =>
    z.object({ systems: z.array(SystemSummary), host: HostId.optional() }).strict(),
  ),
  'systems.changed': lazySchema(() => z.object({ system: SystemSummary }).strict()),
  'systems.removed': lazySchema(() => z.object({ id: z.string() }).strict()),
  'operations.changed': lazySchema(() => z.object({ operation: Operation }).strict()),
  'service.changed': lazySchema(() => z.object({ status: ServiceStatus }).strict()),
  /** A notification HCS delivered for a system (for the activity view). */
  'systems.notification': lazySchema(() =>
    z
      .object({
        id: z.string(),
        type: z.number(),
        typeName: z.string(),
        status: z.number(),
        /** The name of a failed status's HRESULT (e.g. "HCS_E_TERMINATED") where HCS's table knows it. */
        statusName: z.string().optional(),
        /** The document that came with it (a crash report, an exit status), cut at 64 KiB; absent when none. */
        data: z.string().max(65_536).optional(),
      })
      .strict(),
  ),
  /** Exec sessions (exec.ts). */
  ...execEvents,
  /** Statistics samples, to the clients that watch the system (statistics.ts). */
  ...statisticsEvents,
  ...hostStatisticsEvents,
  ...timelineEvents,
  ...settingsEvents,
  ...hostEvents,
  /**
   * Show this system (the desktop app sends it to its window when the user clicks a desktop notification about
   * it). Never broadcast by the core.
   */
  'app.showSystem': lazySchema(() => z.object({ id: SystemRef }).strict()),
} as const;

export type RequestChannel = keyof typeof requests;
export type EventChannel = keyof typeof events;
export type RequestOf<C extends RequestChannel> = z.infer<(typeof requests)[C]['request']>;
export type ResponseOf<C extends RequestChannel> = z.infer<(typeof requests)[C]['response']>;
export type EventOf<C extends EventChannel> = z.infer<(typeof events)[C]>;

export const requestChannels = Object.keys(requests) as RequestChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
