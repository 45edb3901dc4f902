import { NotificationType } from '../hcs/index.ts';

/**
 * How the app core reacts to each kind of notification. The codes are the HCS layer's
 * (src/hcs/notification-types.ts); these sets are the app's own decisions about them.
 */

/**
 * Completions of calls: HCS delivers them only to the handle that made the call (sim/PROTOCOL.md,
 * "Notifications"), so one on our handle answers an operation of ours.
 */
export const COMPLETION_NOTIFICATIONS: ReadonlySet<number> = new Set([
  NotificationType.SystemCreateCompleted,
  NotificationType.SystemStartCompleted,
  NotificationType.SystemPauseCompleted,
  NotificationType.SystemResumeCompleted,
  NotificationType.SystemSaveCompleted,
  NotificationType.SystemShutdownFailed,
  NotificationType.SystemGetPropertiesCompleted,
  NotificationType.SystemModifyCompleted,
]);

/** A guest crash: worth telling the user at once. */
export const CRASH_NOTIFICATIONS: ReadonlySet<number> = new Set([
  NotificationType.SystemCrashReport,
  NotificationType.SystemCrashInitiated,
]);

/** Notifications after which a system's state may have changed: the registry re-reads its properties. */
export const STATE_CHANGING_NOTIFICATIONS: ReadonlySet<number> = new Set([
  NotificationType.SystemCreateCompleted,
  NotificationType.SystemStartCompleted,
  NotificationType.SystemPauseCompleted,
  NotificationType.SystemResumeCompleted,
  NotificationType.SystemSaveCompleted,
  NotificationType.SystemShutdownFailed,
  NotificationType.SystemModifyCompleted,
]);
