import { describe, expect, it } from 'vitest';
import { FlowControl } from './flow-control.ts';

function flow() {
  const changes: boolean[] = [];
  const control = new FlowControl<string>(100, 10, (paused) => changes.push(paused));
  return { control, changes };
}

describe('FlowControl', () => {
  it('pauses above the high watermark and resumes only at or below the low one (hysteresis)', () => {
    const { control, changes } = flow();
    control.add('a');
    control.sent('a', 100);
    expect(control.paused).toBe(false);
    control.sent('a', 1);
    expect(changes).toEqual([true]);
    control.ack('a', 50); // 51 unacked: between the watermarks, still paused
    expect(control.paused).toBe(true);
    control.ack('a', 41); // 10: resumes
    expect(changes).toEqual([true, false]);
    control.ack('a', 1000); // more than owed counts as all of it
    expect(control.unackedOf('a')).toBe(0);
  });

  it('any client above the high watermark holds the output; removing it releases', () => {
    const { control, changes } = flow();
    control.add('fast');
    control.add('slow');
    control.sent('fast', 150);
    control.sent('slow', 150);
    control.ack('fast', 150);
    expect(control.paused).toBe(true);
    control.remove('slow');
    expect(changes).toEqual([true, false]);
    expect(control.clients).toBe(1);
  });

  it('a re-added client starts from zero; counts for unknown clients are ignored', () => {
    const { control, changes } = flow();
    control.add('a');
    control.sent('a', 500);
    control.add('a');
    expect(changes).toEqual([true, false]);
    control.sent('ghost', 1000);
    control.ack('ghost', 1000);
    expect(control.paused).toBe(false);
    expect(control.keys()).toEqual(['a']);
  });

  it('refuses watermarks in the wrong order', () => {
    expect(() => new FlowControl(10, 10, () => undefined)).toThrow(RangeError);
  });
});
