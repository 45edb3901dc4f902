import { formatHresult } from '../../src/base/index.ts';
import type { EventOf } from '../../src/contract/index.ts';

type Notification = Pick<EventOf<'systems.notification'>, 'type' | 'typeName' | 'status' | 'statusName'>;

/**
 * A notification's name as a person reads it: "SystemPauseCompleted" → "Pause completed",
 * "SystemCrashReport" → "Crash report", "ServiceDisconnect" → "Service disconnect". A name that is not a
 * CamelCase word (an unknown code, "0x1f") stays as it came.
 */
export function notificationText(typeName: string): string {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(typeName)) return typeName;
  const words = typeName.replace(/^System(?=[A-Z])/, '').match(/[A-Z]+(?![a-z])|[A-Z][a-z0-9]*/g);
  if (!words) return typeName;
  return words
    .map((w, i) => (i === 0 ? w : w.length > 1 && w === w.toUpperCase() ? w : w.toLowerCase()))
    .join(' ');
}

/** The status as a person reads it: "OK", or the HRESULT's name (its hex where HCS's table has none). */
export function statusText(n: Pick<Notification, 'status' | 'statusName'>): string {
  if (n.status === 0) return 'OK';
  return n.statusName ?? formatHresult(n.status);
}

/** The notification as HCS sent it, for those who need the raw values. */
export function rawNotification(n: Notification): string {
  return `${n.typeName} (0x${(n.type >>> 0).toString(16)}) status ${formatHresult(n.status)}`;
}
