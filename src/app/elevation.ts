import type { ServiceStatus } from '../contract/index.ts';
import { AppError, appErrorInfo } from './error-info.ts';

/**
 * HCS answers access denied to anyone but administrators (and Hyper-V Administrators), and HCS Desktop runs
 * as the user who started it. Where the app can restart itself elevated (the Windows app: a UAC prompt), the
 * entry point gives the core a `relaunch`; elsewhere the request is refused with what to do instead. Whether
 * the process runs elevated is the host's to tell (src/host/elevation.ts).
 */
export interface Elevation {
  /** Whether this process runs elevated; absent when that cannot be told. */
  readonly elevated?: boolean;
  /** Restart elevated; resolves once the elevated instance has started. Absent where it cannot work. */
  readonly relaunch?: () => Promise<void>;
  /** Why there is no `relaunch` here and what to do instead (the refusal's explanation). */
  readonly unavailable?: string;
}

export const RELAUNCH_REFUSED = 'HCS Desktop cannot restart itself as administrator here.';
export const RUN_AS_ADMINISTRATOR =
  'Close HCS Desktop and start it again with "Run as administrator" (HCS requires administrator rights or membership in Hyper-V Administrators).';
export const WEB_MODE_UNAVAILABLE =
  'In web mode the server runs as the user who started it and cannot raise itself. Stop it and start it again from a terminal opened with "Run as administrator" (HCS requires administrator rights or membership in Hyper-V Administrators).';
export const NOT_WINDOWS_UNAVAILABLE =
  'Restarting as administrator exists only on Windows. Here HCS is simulated and needs no administrator rights.';

/** What ServiceStatus says about it (fields omitted when the entry point said nothing). */
export function elevationStatus(
  elevation: Elevation | undefined,
): Pick<ServiceStatus, 'elevated' | 'canRelaunchElevated'> {
  if (!elevation) return {};
  const status: Pick<ServiceStatus, 'elevated' | 'canRelaunchElevated'> = {
    canRelaunchElevated: elevation.relaunch !== undefined && elevation.elevated !== true,
  };
  if (elevation.elevated !== undefined) status.elevated = elevation.elevated;
  return status;
}

/** The `app.relaunchElevated` request: relaunch where that works, else an AppError that says what to do. */
export async function relaunchElevated(elevation: Elevation | undefined): Promise<void> {
  if (elevation?.elevated === true) {
    throw new AppError(
      appErrorInfo(
        'HCS Desktop already runs as administrator.',
        'If HCS still answers "access denied", the account may lack the rights HCS asks for: check that it is an administrator or a member of Hyper-V Administrators.',
      ),
    );
  }
  if (!elevation?.relaunch) {
    throw new AppError(appErrorInfo(RELAUNCH_REFUSED, elevation?.unavailable ?? RUN_AS_ADMINISTRATOR));
  }
  await elevation.relaunch();
}
