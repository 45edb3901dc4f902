/**
 * An export the loaded computecore.dll does not have. Newer exports (live migration,
 * HcsCreateOperationWithNotifications, HcsGetOperationProperties, HcsSubmitWerReport) exist only on newer Windows
 * builds; hcsshim marks each of its computecore imports with `?` so that a missing one fails the call that needs
 * it (ERROR_PROC_NOT_FOUND), never the loading of the DLL. This is that failure, saying it in a user's terms.
 */
import { findInChain } from '../errors.ts';
import { Win32Error } from '../win32-error.ts';

/** ERROR_PROC_NOT_FOUND: a procedure lookup failed. */
const ERROR_PROC_NOT_FOUND = 0x7f;

export class ExportMissingError extends Win32Error {
  /** The export, e.g. "HcsCrashComputeSystem". */
  readonly exportName: string;
  constructor(exportName: string) {
    super(ERROR_PROC_NOT_FOUND);
    this.exportName = exportName;
    this.message = `${exportName} is not supported on this Windows build (computecore.dll has no such export)`;
  }
}

/** True when `err` is (or wraps) a call to an export this Windows build lacks. */
export function isExportMissing(err: unknown): boolean {
  return findInChain(err, (e): e is ExportMissingError => e instanceof ExportMissingError) !== undefined;
}
