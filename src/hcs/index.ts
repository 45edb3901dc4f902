/**
 * The HCS layer: hcsshim's internal/hcs in TypeScript over koffi (docs/hcs-api.md). Knows nothing of
 * Electron, the app or the simulator; it finds the simulator's library by path.
 */
export { vmcomputeLibraryPath, isSimulatorBackend } from './vmcompute/loader.ts';
export {
  ensureThreadPoolSize,
  threadPoolSize,
  hcsCallLimit,
  DEFAULT_THREADPOOL_SIZE,
  RESERVED_POOL_THREADS,
} from './ffi/threadpool.ts';
export { getComputeSystems, getServiceProperties, modifyServiceSettings } from './service.ts';
export { System } from './system.ts';
export { Process } from './process.ts';
export {
  NotificationType,
  exitTypeOf,
  notificationTypeName,
  type HcsNotification,
} from './notification-types.ts';
export * from './errors.ts';
export {
  hresultInfo,
  isServiceGoneHresult,
  knownHresults,
  type HresultInfo,
  type HresultName,
  type ServiceGoneHresultName,
} from './hresults.ts';
export * as schema1 from './schema1.ts';
export * as schema2 from './schema2.ts';
export { timeouts, type Timeouts } from './timeouts.ts';
export { setBackend, useVmcomputeLibrary, useHcsApi, hcsApi, type Backend } from './backend.ts';
export type { Vmcompute, HcsApi, HcsHandle, ProcessInformation } from './vmcompute/types.ts';
export { computecoreLibraryPath } from './computecore/loader.ts';
export { probeComputecore, type ComputecoreSupport } from './computecore/probe.ts';
export { COMPUTECORE_EXPORTS, REQUIRED_EXPORTS, type ComputecoreExport } from './computecore/export-names.ts';
export { ExportMissingError, isExportMissing } from './computecore/missing-export.ts';
export { NeedsHcsV2Error, needsHcsV2 } from './needs-v2.ts';
export {
  chooseHcsApi,
  isHcsApiRequest,
  HCS_API_REQUESTS,
  type HcsApiChoice,
  type HcsApiRequest,
  type HcsLibraries,
} from './api-choice.ts';
