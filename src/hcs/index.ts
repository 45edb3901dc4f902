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
export { setBackend, useVmcomputeLibrary, type Backend } from './backend.ts';
export type { Vmcompute, HcsHandle, ProcessInformation } from './vmcompute/types.ts';
