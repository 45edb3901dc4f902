// The app core's public surface for the transports (Electron IPC, the web server).
export { AppCore, type AppCoreApi } from './core.ts';
export { AppError, appErrorInfo, errorInfoOf } from './error-info.ts';
export type { AppEvent } from './events.ts';
export { HcsAdapter, ensureThreadPoolSize } from './hcs-adapter.ts';
export { NOT_WINDOWS_UNAVAILABLE, WEB_MODE_UNAVAILABLE, type Elevation } from './elevation.ts';
export type { CoreConnection } from './connection.ts';
/** How a console event is sent to a process of a Windows or a Linux system, for `hcsctl kill --signal`. */
export { signalOptionsFor } from './exec/index.ts';
export type { SettingsStorage } from './settings.ts';
export type {
  DialRequest,
  DialResult,
  HostStore,
  RemoteDialer,
  RemoteSocket,
  SavedHost,
} from './hosts/index.ts';
