import { describe, expect, it } from 'vitest';
import { parseTimeoutSeconds, timeoutsFromEnv } from './timeouts.ts';

describe('HCSSHIM_TIMEOUT_* parsing (strconv.Atoi, whole seconds, > 0)', () => {
  it('accepts whole positive seconds', () => {
    expect(parseTimeoutSeconds('1')).toBe(1000);
    expect(parseTimeoutSeconds('240')).toBe(240_000);
    expect(parseTimeoutSeconds('+5')).toBe(5000);
    expect(parseTimeoutSeconds('007')).toBe(7000);
  });

  it('ignores anything Atoi rejects or that is not > 0', () => {
    for (const v of [undefined, '', '0', '-3', '1.5', '1e3', ' 5', '5 ', '5s', 'abc', '0x10']) {
      expect(parseTimeoutSeconds(v)).toBeUndefined();
    }
  });

  it("has hcsshim's defaults and applies each override to its own field only", () => {
    const defaults = timeoutsFromEnv({});
    expect(defaults.systemCreate).toBe(240_000);
    expect(defaults.systemStart).toBe(240_000);
    expect(defaults.systemPause).toBe(240_000);
    expect(defaults.systemResume).toBe(240_000);
    expect(defaults.systemSave).toBe(240_000);
    expect(defaults.syscallWatcher).toBe(240_000);
    expect(defaults.testDRetryLoop).toBe(5_000);
    expect(defaults.gcsConnectionTimeout).toBe(120_000);

    const t = timeoutsFromEnv({
      HCSSHIM_TIMEOUT_SYSTEMSTART: '3',
      HCSSHIM_TIMEOUT_SYSCALLWATCHER: '10',
      HCSSHIM_TIMEOUT_SYSTEMSAVE: '-1',
      HCSSHIM_TIMEOUT_GCSCONNECTION: '9',
    });
    expect(t.systemStart).toBe(3000);
    expect(t.syscallWatcher).toBe(10_000);
    expect(t.systemSave).toBe(240_000);
    expect(t.systemCreate).toBe(240_000);
    expect(t.gcsConnectionTimeout).toBe(9000);
  });
});
