import { describe, expect, it } from 'vitest';
import { NotificationType } from '../notification-types.ts';
import { HcsEventType, notificationOfEvent, statusOfEvent } from './event-types.ts';

describe('HCS V2 events as the HCS layer’s notifications', () => {
  it('maps every event a handle can receive onto its V1 notification code', () => {
    expect(notificationOfEvent(HcsEventType.SystemExited)).toBe(NotificationType.SystemExited);
    expect(notificationOfEvent(HcsEventType.SystemCrashInitiated)).toBe(
      NotificationType.SystemCrashInitiated,
    );
    expect(notificationOfEvent(HcsEventType.SystemCrashReport)).toBe(NotificationType.SystemCrashReport);
    expect(notificationOfEvent(HcsEventType.SystemGuestConnectionClosed)).toBe(
      NotificationType.SystemGuestConnectionClosed,
    );
    expect(notificationOfEvent(HcsEventType.ProcessExited)).toBe(NotificationType.ProcessExited);
    // V2's lost service is 0x02000000; its 0x01000000 is OperationCallback, which no handle here asks for.
    expect(notificationOfEvent(0x02000000)).toBe(NotificationType.ServiceDisconnect);
    expect(notificationOfEvent(0x01000000)).toBeNull();
    expect(notificationOfEvent(0x80000003)).toBeNull();
  });

  it('takes SystemExited’s status from its document, and counts every other event as success', () => {
    const crash = JSON.stringify({ Status: 0x80370106 | 0, ExitType: 'UnexpectedExit' });
    expect(statusOfEvent(HcsEventType.SystemExited, crash)).toBe(0x80370106 | 0);
    expect(statusOfEvent(HcsEventType.SystemExited, '{"ExitType":"GracefulExit"}')).toBe(0);
    expect(statusOfEvent(HcsEventType.SystemExited, 'not json')).toBe(0);
    expect(statusOfEvent(HcsEventType.SystemExited, null)).toBe(0);
    expect(statusOfEvent(HcsEventType.SystemCrashReport, crash)).toBe(0);
  });
});
