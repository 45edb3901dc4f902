// The app core's public surface for the transports (Electron IPC, the web server).
export { AppCore, type AppCoreApi, type AppCoreOptions } from './core.ts';
export { AppError, appErrorInfo, errorInfoOf } from './error-info.ts';
export type { AppEvent, AppEventListener } from './events.ts';
export type { Backend, BackendSystem, HcsFailure, SystemListing } from './backend.ts';
export { DEFAULT_POLL_INTERVAL_MS } from './service-link.ts';
export { HcsBackend, ensureThreadPoolSize } from './hcs-backend.ts';
export { NOT_WINDOWS_UNAVAILABLE, WEB_MODE_UNAVAILABLE, type Elevation } from './elevation.ts';
export type { CoreConnection } from './exec/index.ts';
