import { isErrorInvalidHandle, isServiceDisconnect } from './errors.ts';

/**
 * True when a close or unregister failed because the handle or registration died with the service
 * connection (ERROR_INVALID_HANDLE, or the service is unreachable): there is nothing left to release, so
 * the close counts as done rather than leaving a handle that can never be closed.
 */
export function isGoneWithConnection(err: Error): boolean {
  return isErrorInvalidHandle(err) || isServiceDisconnect(err);
}
