/** The v1 (vmcompute) notification codes, hcsshim's callback.go (docs/hcs/vmcompute.md#notifications). */
export const NotificationType = {
  Invalid: 0x00000000,
  SystemExited: 0x00000001,
  SystemCreateCompleted: 0x00000002,
  SystemStartCompleted: 0x00000003,
  SystemPauseCompleted: 0x00000004,
  SystemResumeCompleted: 0x00000005,
  SystemCrashReport: 0x00000006,
  SystemSiloJobCreated: 0x00000007,
  SystemSaveCompleted: 0x00000008,
  SystemRdpEnhancedModeStateChanged: 0x00000009,
  SystemShutdownFailed: 0x0000000a,
  SystemGetPropertiesCompleted: 0x0000000b,
  SystemModifyCompleted: 0x0000000c,
  SystemCrashInitiated: 0x0000000d,
  SystemGuestConnectionClosed: 0x0000000e,
  ProcessExited: 0x00010000,
  ServiceDisconnect: 0x01000000,
} as const;

/** The upper 4 bits are reserved for flags (the .NET wrapper's HcsNotificationFlagsReserved). */
export const NOTIFICATION_FLAGS_MASK = 0xf0000000;

const names = new Map<number, string>(Object.entries(NotificationType).map(([name, code]) => [code, name]));

/** hcsshim's String(): the name of a code, or "Unknown: <n>" (the code is masked of its flag bits first). */
export function notificationTypeName(type: number): string {
  const code = (type & ~NOTIFICATION_FLAGS_MASK) >>> 0;
  return names.get(code) ?? `Unknown: ${code}`;
}

/**
 * The ExitType of a SystemExited notification ("GracefulExit", "ForcedExit", "UnexpectedExit", …) from its
 * SystemExitStatus document; when the document says nothing, a status of ERROR_VMCOMPUTE_UNEXPECTED_EXIT
 * (how a crash is reported then) counts as "UnexpectedExit". null when neither tells.
 */
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
  return status >>> 0 === ERROR_VMCOMPUTE_UNEXPECTED_EXIT ? 'UnexpectedExit' : null;
}

const ERROR_VMCOMPUTE_UNEXPECTED_EXIT = 0xc0370106;

/** A notification as delivered to a handle. */
export interface HcsNotification {
  /** The code with the flag bits masked off. */
  type: number;
  typeName: string;
  /** The notification's HRESULT (signed); 0 is success. */
  status: number;
  /** The JSON document that came with it, if any (e.g. SystemExitStatus, ProcessStatus). */
  data: string | null;
}

/** Which notifications each kind of handle has a channel for (hcsshim's newSystemChannels/newProcessChannels). */
export const SYSTEM_CHANNELS: ReadonlySet<number> = new Set([
  NotificationType.ServiceDisconnect,
  NotificationType.SystemExited,
  NotificationType.SystemCreateCompleted,
  NotificationType.SystemStartCompleted,
  NotificationType.SystemPauseCompleted,
  NotificationType.SystemResumeCompleted,
  NotificationType.SystemSaveCompleted,
]);
export const PROCESS_CHANNELS: ReadonlySet<number> = new Set([
  NotificationType.ServiceDisconnect,
  NotificationType.ProcessExited,
]);
