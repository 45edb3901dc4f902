import { describe, expect, it } from 'vitest';
import { notificationText, rawNotification, statusText } from './notification-text.ts';

describe('notification text (issue 12 §6: Activity showed raw names)', () => {
  it('says what happened in words', () => {
    expect(notificationText('SystemPauseCompleted')).toBe('Pause completed');
    expect(notificationText('SystemExited')).toBe('Exited');
    expect(notificationText('SystemCrashReport')).toBe('Crash report');
    expect(notificationText('SystemGetPropertiesCompleted')).toBe('Get properties completed');
    expect(notificationText('ServiceDisconnect')).toBe('Service disconnect');
    expect(notificationText('ProcessExited')).toBe('Process exited');
    expect(notificationText('SystemRdpEnhancedModeStateChanged')).toBe('Rdp enhanced mode state changed');
    expect(notificationText('SystemGuestConnectionClosed')).toBe('Guest connection closed');
    expect(notificationText('SystemOSChanged')).toBe('OS changed');
    // Not a name: as it came.
    expect(notificationText('0x1f')).toBe('0x1f');
    expect(notificationText('System')).toBe('System');
  });

  it('the status: OK, the HRESULT name, or its hex; the raw notification keeps every value', () => {
    expect(statusText({ status: 0 })).toBe('OK');
    expect(statusText({ status: 0x80370110, statusName: 'HCS_E_SYSTEM_ALREADY_STOPPED' })).toBe(
      'HCS_E_SYSTEM_ALREADY_STOPPED',
    );
    expect(statusText({ status: 0x8abc0001 })).toBe('0x8ABC0001');
    expect(rawNotification({ type: 4, typeName: 'SystemPauseCompleted', status: 0 })).toBe(
      'SystemPauseCompleted (0x4) status 0x00000000',
    );
  });
});
