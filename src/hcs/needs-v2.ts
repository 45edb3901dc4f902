/**
 * A capability only the HCS V2 API (computecore.dll) has, asked of a System on the V1 API (vmcompute.dll): the
 * request is not supported (ERROR_NOT_SUPPORTED, so isNotSupported() holds), and the message says what would
 * make it work.
 */
import { findInChain } from './errors.ts';
import { Win32Error } from './win32-error.ts';

const ERROR_NOT_SUPPORTED = 0x32;

export class NeedsHcsV2Error extends Win32Error {
  /** What was asked, e.g. "crashing a compute system". */
  readonly capability: string;
  constructor(capability: string) {
    super(ERROR_NOT_SUPPORTED);
    this.capability = capability;
    this.message = `${capability} needs the HCS V2 API (computecore.dll); this app instance uses V1 (vmcompute.dll)`;
  }
}

/** True when `err` is (or wraps) a request that needs the V2 API. */
export function needsHcsV2(err: unknown): boolean {
  return findInChain(err, (e): e is NeedsHcsV2Error => e instanceof NeedsHcsV2Error) !== undefined;
}
