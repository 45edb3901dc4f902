import { NotificationType } from '../hcs/index.ts';

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
