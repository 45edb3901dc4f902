/** v1 notification codes the core reacts to (docs/hcs/vmcompute.md#notifications). */
export const NOTIFICATION = {
  SystemExited: 0x00000001,
  SystemCreateCompleted: 0x00000002,
  SystemStartCompleted: 0x00000003,
  SystemPauseCompleted: 0x00000004,
  SystemResumeCompleted: 0x00000005,
  SystemCrashReport: 0x00000006,
  SystemSaveCompleted: 0x00000008,
  SystemShutdownFailed: 0x0000000a,
  SystemGetPropertiesCompleted: 0x0000000b,
  SystemModifyCompleted: 0x0000000c,
  SystemCrashInitiated: 0x0000000d,
  ServiceDisconnect: 0x01000000,
} as const;

/**
 * Completions of calls: HCS delivers them only to the handle that made the call (sim/PROTOCOL.md,
 * "Notifications"), so one on our handle answers an operation of ours.
 */
export const COMPLETION_NOTIFICATIONS: ReadonlySet<number> = new Set([
  NOTIFICATION.SystemCreateCompleted,
  NOTIFICATION.SystemStartCompleted,
  NOTIFICATION.SystemPauseCompleted,
  NOTIFICATION.SystemResumeCompleted,
  NOTIFICATION.SystemSaveCompleted,
  NOTIFICATION.SystemShutdownFailed,
  NOTIFICATION.SystemGetPropertiesCompleted,
  NOTIFICATION.SystemModifyCompleted,
]);

/** A guest crash: worth telling the user at once. */
export const CRASH_NOTIFICATIONS: ReadonlySet<number> = new Set([
  NOTIFICATION.SystemCrashReport,
  NOTIFICATION.SystemCrashInitiated,
]);

/** Notifications after which the system's state may have changed: re-read its properties. */
export const STATE_CHANGING_NOTIFICATIONS: ReadonlySet<number> = new Set([
  NOTIFICATION.SystemCreateCompleted,
  NOTIFICATION.SystemStartCompleted,
  NOTIFICATION.SystemPauseCompleted,
  NOTIFICATION.SystemResumeCompleted,
  NOTIFICATION.SystemSaveCompleted,
  NOTIFICATION.SystemShutdownFailed,
  NOTIFICATION.SystemModifyCompleted,
]);

/** ExitType from SystemExited's data (`{"ExitType":"GracefulExit"|"ForcedExit"|"UnexpectedExit"}`). */
export function exitTypeOf(data: string | null, status: number): string | null {
  if (data) {
    try {
      const parsed: unknown = JSON.parse(data);
      if (
        parsed &&
        typeof parsed === 'object' &&
        'ExitType' in parsed &&
        typeof parsed.ExitType === 'string'
      ) {
        return parsed.ExitType;
      }
    } catch {
      // Malformed data from HCS: fall back on the status below.
    }
  }
  // 0xC0370106 ERROR_VMCOMPUTE_UNEXPECTED_EXIT is how a crash is reported when the data says nothing.
  return status >>> 0 === 0xc0370106 ? 'UnexpectedExit' : null;
}
