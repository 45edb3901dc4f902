import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { placeOnDisplays, readWindowPlace, WindowPlaceFile } from './window-state.ts';

const DEFAULTS = { width: 1280, height: 820, minWidth: 820, minHeight: 520 };
const PRIMARY = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('placeOnDisplays', () => {
  it('no remembered place: the default size, centred on the primary display', () => {
    expect(placeOnDisplays(null, [PRIMARY], PRIMARY, DEFAULTS)).toEqual({
      bounds: { x: 320, y: 110, width: 1280, height: 820 },
      maximized: false,
      remembered: false,
    });
  });

  it('a place on a display there is now: kept as it was, maximized or not', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1500, height: 900 }, maximized: true };
    expect(placeOnDisplays(saved, [PRIMARY, RIGHT], PRIMARY, DEFAULTS)).toEqual({
      ...saved,
      remembered: true,
    });
  });

  it('a place on a display that was unplugged: back to the default on the primary display', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1500, height: 900 }, maximized: false };
    expect(placeOnDisplays(saved, [PRIMARY], PRIMARY, DEFAULTS)).toMatchObject({
      bounds: { x: 320, y: 110, width: 1280, height: 820 },
      remembered: false,
    });
  });

  it('a title bar above the top of every display cannot be reached: not used', () => {
    const saved = { bounds: { x: 100, y: -600, width: 1200, height: 800 }, maximized: false };
    expect(placeOnDisplays(saved, [PRIMARY], PRIMARY, DEFAULTS).remembered).toBe(false);
  });

  it('a window larger than its display (a smaller one now) shrinks to it and moves onto it', () => {
    const saved = { bounds: { x: 1800, y: 50, width: 3000, height: 2000 }, maximized: false };
    expect(placeOnDisplays(saved, [PRIMARY], PRIMARY, DEFAULTS)).toEqual({
      bounds: { x: 0, y: 0, width: 1920, height: 1040 },
      maximized: false,
      remembered: true,
    });
  });

  it('never below the window minimum', () => {
    const saved = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(placeOnDisplays(saved, [PRIMARY], PRIMARY, DEFAULTS).bounds).toEqual({
      x: 10,
      y: 10,
      width: 820,
      height: 520,
    });
  });
});

describe('the window-state file', () => {
  it.each([
    [{ bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false }, true],
    [{ bounds: { x: 0, y: 0, width: 10, height: 10 } }, false],
    [{ bounds: { x: 0.5, y: 0, width: 10, height: 10 }, maximized: false }, false],
    [{ bounds: { x: 0, y: 0, width: 0, height: 10 }, maximized: false }, false],
    [{ bounds: { x: 0, y: 0, width: 10, height: 10, z: 1 }, maximized: false }, false],
    [{ bounds: { x: 0, y: 0, width: 10, height: 10 }, maximized: false, extra: 1 }, false],
    [[], false],
    [null, false],
  ])('%j valid: %s', (value, valid) => {
    expect(WindowPlaceFile.safeParse(value).success).toBe(valid);
  });

  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hcs-window-state-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a bad file is not used, is kept aside and logged', () => {
    const path = join(dir, 'window-state.json');
    writeFileSync(path, '{"bounds": 3}', { mode: 0o600 });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(readWindowPlace(path)).toBeNull();
    expect(logged.mock.calls[0]?.[0]).toMatch(
      /the window's remembered place was not used: .*kept as .*\.bad-/,
    );
    const kept = /kept as (.*)\)$/.exec(String(logged.mock.calls[0]?.[0]))![1]!;
    expect(readFileSync(kept, 'utf8')).toBe('{"bounds": 3}');
    logged.mockRestore();
  });
});
