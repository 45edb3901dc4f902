// The simulator sends the notification codes HCS sends; it may not import src/, so it keeps its own copy
// (sim/service/ops.ts). This test holds that copy to the HCS layer's table (src/hcs/notification-types.ts).
import { describe, expect, it } from 'vitest';
import { NotificationType } from '../../src/hcs/index.ts';
import { Notification } from '../../sim/service/ops.ts';

describe("the simulator's notification codes agree with the HCS layer's", () => {
  it('every code the simulator sends has the same name and value in src/hcs', () => {
    const sent = Object.entries(Notification);
    expect(sent.length).toBeGreaterThan(5);
    for (const [name, code] of sent) {
      expect(NotificationType[name as keyof typeof NotificationType], name).toBe(code);
    }
  });
});
