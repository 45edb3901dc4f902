import { describe, expect, it } from 'vitest';
import { Faults, malform } from './faults.ts';

describe('Faults', () => {
  it('applies service-wide faults to every system and system faults to that system only', () => {
    const f = new Faults();
    f.apply({ latencyMs: 50, accessDenied: ['StartComputeSystem'] });
    f.apply({
      system: 'VM-1',
      latencyMs: 200,
      hang: ['PauseComputeSystem'],
      malformedJson: ['GetComputeSystemProperties'],
    });
    expect(f.effective('StartComputeSystem', null)).toEqual({
      latencyMs: 50,
      hang: false,
      accessDenied: true,
      malformedJson: false,
    });
    expect(f.effective('PauseComputeSystem', 'vm-1')).toEqual({
      latencyMs: 200,
      hang: true,
      accessDenied: false,
      malformedJson: false,
    });
    expect(f.effective('PauseComputeSystem', 'vm-2')).toEqual({
      latencyMs: 50,
      hang: false,
      accessDenied: false,
      malformedJson: false,
    });
    expect(f.effective('GetComputeSystemProperties', 'vm-1').malformedJson).toBe(true);
    expect(f.effective('StartComputeSystem', 'vm-1').accessDenied).toBe(true);
  });

  it('replaces only the fields given', () => {
    const f = new Faults();
    f.apply({ latencyMs: 10, hang: ['OpenComputeSystem'] });
    f.apply({ accessDenied: ['OpenComputeSystem'] });
    expect(f.snapshot().service).toEqual({
      latencyMs: 10,
      hang: ['OpenComputeSystem'],
      accessDenied: ['OpenComputeSystem'],
      malformedJson: [],
    });
    f.apply({ hang: [] });
    expect(f.snapshot().service.hang).toEqual([]);
  });

  it('holds notifications back for one system or all, until lifted or cleared', () => {
    const f = new Faults();
    f.apply({ system: 'VM-1', holdNotifications: true });
    expect([f.holdsNotifications('vm-1'), f.holdsNotifications('vm-2')]).toEqual([true, false]);
    expect(f.snapshot().systems['vm-1']).toMatchObject({ holdNotifications: true });
    f.apply({ holdNotifications: true });
    expect(f.holdsNotifications('vm-2')).toBe(true);
    f.clear();
    expect(f.holdsNotifications('vm-1')).toBe(false);
  });

  it('releases held calls when cleared, and forgets cancelled ones', async () => {
    const f = new Faults();
    const a = f.hold();
    const b = f.hold();
    b.cancel();
    expect(f.snapshot().hungCalls).toBe(1);
    let released = false;
    void a.released.then(() => (released = true));
    f.apply({ latencyMs: 5 });
    f.clear();
    await a.released;
    expect(released).toBe(true);
    expect(f.snapshot()).toEqual({
      service: { latencyMs: 0, hang: [], accessDenied: [], malformedJson: [] },
      systems: {},
      hungCalls: 0,
    });
  });
});

describe('malform', () => {
  it('cuts JSON so that it no longer parses', () => {
    for (const json of ['{}', '[]', '{"Id":"x","State":"Running"}', JSON.stringify([{ a: 1 }, { b: 2 }])]) {
      const bad = malform(json);
      expect(bad.length).toBeLessThan(json.length);
      expect(() => JSON.parse(bad)).toThrow();
    }
  });
});
