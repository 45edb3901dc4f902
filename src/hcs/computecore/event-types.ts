/**
 * HCS_EVENT_TYPE (ComputeDefs.h) and how each maps onto the notification codes the rest of the HCS layer uses
 * (hcsshim's callback.go, the vmcompute codes of notification-types.ts), so one NotificationRegistry serves both
 * APIs. The V2 codes of the crash and guest events differ from the V1 ones; exits keep theirs; a lost service is
 * 0x02000000 in V2 (0x01000000, the V1 ServiceDisconnect, is V2's OperationCallback).
 */
import { NotificationType } from '../notification-types.ts';

export const HcsEventType = {
  Invalid: 0x00000000,
  SystemExited: 0x00000001,
  SystemCrashInitiated: 0x00000002,
  SystemCrashReport: 0x00000003,
  SystemRdpEnhancedModeStateChanged: 0x00000004,
  SystemSiloJobCreated: 0x00000005,
  SystemGuestConnectionClosed: 0x00000006,
  ProcessExited: 0x00010000,
  OperationCallback: 0x01000000,
  ServiceDisconnect: 0x02000000,
  GroupVmLifecycle: 0x80000002,
  GroupLiveMigration: 0x80000003,
  GroupOperationInfo: 0xc0000001,
} as const;

/** HCS_EVENT_OPTIONS (flags). */
export const HcsEventOptions = {
  None: 0,
  EnableOperationCallbacks: 1,
  EnableVmLifecycle: 2,
  EnableLiveMigrationEvents: 4,
} as const;

const toNotification = new Map<number, number>([
  [HcsEventType.SystemExited, NotificationType.SystemExited],
  [HcsEventType.SystemCrashInitiated, NotificationType.SystemCrashInitiated],
  [HcsEventType.SystemCrashReport, NotificationType.SystemCrashReport],
  [HcsEventType.SystemRdpEnhancedModeStateChanged, NotificationType.SystemRdpEnhancedModeStateChanged],
  [HcsEventType.SystemSiloJobCreated, NotificationType.SystemSiloJobCreated],
  [HcsEventType.SystemGuestConnectionClosed, NotificationType.SystemGuestConnectionClosed],
  [HcsEventType.ProcessExited, NotificationType.ProcessExited],
  [HcsEventType.ServiceDisconnect, NotificationType.ServiceDisconnect],
]);

/**
 * The notification code of an HCS event, or null for events no handle here asks for (operation callbacks, live
 * migration and VM lifecycle groups: the binding never enables them).
 */
export function notificationOfEvent(type: number): number | null {
  return toNotification.get(type >>> 0) ?? null;
}

/**
 * The status a V1 notification carries, read from a V2 event (which has none): SystemExited's document has
 * `Status` (an HRESULT, 0 for a clean exit); every other event counts as success.
 */
export function statusOfEvent(type: number, data: string | null): number {
  if (type >>> 0 !== HcsEventType.SystemExited || !data) return 0;
  try {
    const doc = JSON.parse(data) as { Status?: unknown } | null;
    return typeof doc?.Status === 'number' && Number.isInteger(doc.Status) ? doc.Status | 0 : 0;
  } catch {
    return 0;
  }
}
