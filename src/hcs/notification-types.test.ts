import { describe, expect, it } from 'vitest';
import { NotificationType, exitTypeOf, notificationTypeName } from './notification-types.ts';

describe('notification types', () => {
  it('reads the exit type of SystemExited, falling back on the crash status', () => {
    expect(exitTypeOf('{"ExitType":"GracefulExit"}', 0)).toBe('GracefulExit');
    expect(exitTypeOf('not json', 0xc0370106 | 0)).toBe('UnexpectedExit');
    expect(exitTypeOf(null, 0)).toBeNull();
  });

  it('names codes with the flag bits masked off, and unknown ones by number', () => {
    expect(notificationTypeName(NotificationType.SystemExited | 0x80000000)).toBe('SystemExited');
    expect(notificationTypeName(0x1234)).toBe('Unknown: 4660');
  });
});
