import type { BrowserWindow, Rectangle } from 'electron';
import { readJsonFile, writeJsonFileAtomic, type JsonFileRead } from '../src/host/index.ts';

/** Where and how large the window was when it was last closed (its normal bounds, and whether maximized). */
export interface WindowPlace {
  bounds: Rectangle;
  maximized: boolean;
}

/** At least this much of the window's top (its title bar) must be on a display for it to be reachable. */
export const MIN_VISIBLE = { width: 120, height: 40 };
const MAX_DIMENSION = 100_000;

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The window-state file's schema (the file is ours, but its content is checked like any input). */
export const WindowPlaceFile = {
  safeParse(value: unknown) {
    const issue = (message: string) => ({
      success: false as const,
      error: { issues: [{ path: [] as PropertyKey[], message }] },
    });
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return issue('not an object');
    const { bounds, maximized, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return issue(`unknown keys ${Object.keys(rest).join(', ')}`);
    if (typeof maximized !== 'boolean') return issue('maximized must be true or false');
    if (typeof bounds !== 'object' || bounds === null) return issue('bounds must be an object');
    const { x, y, width, height, ...extra } = bounds as Record<string, unknown>;
    if (Object.keys(extra).length > 0) return issue(`unknown bounds keys ${Object.keys(extra).join(', ')}`);
    if (!isInt(x, -MAX_DIMENSION, MAX_DIMENSION) || !isInt(y, -MAX_DIMENSION, MAX_DIMENSION))
      return issue('bounds.x and bounds.y must be whole numbers');
    if (!isInt(width, 1, MAX_DIMENSION) || !isInt(height, 1, MAX_DIMENSION))
      return issue('bounds.width and bounds.height must be positive whole numbers');
    return { success: true as const, data: { bounds: { x, y, width, height }, maximized } };
  },
};

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * The bounds to open the window with: the remembered ones when their title bar is on one of the displays there
 * are now (a display unplugged or rearranged since leaves a window nobody can reach), shrunk to fit that
 * display's work area; otherwise the default size, centred on the primary display.
 */
export function placeOnDisplays(
  saved: WindowPlace | null,
  workAreas: readonly Rectangle[],
  primary: Rectangle,
  defaults: { width: number; height: number; minWidth: number; minHeight: number },
): { bounds: Rectangle; maximized: boolean; remembered: boolean } {
  if (saved) {
    const titleBar = { ...saved.bounds, height: Math.min(saved.bounds.height, MIN_VISIBLE.height) };
    const home = workAreas.find((area) => {
      const o = overlap(titleBar, area);
      return o.width >= MIN_VISIBLE.width && o.height >= Math.min(MIN_VISIBLE.height, titleBar.height);
    });
    if (home) {
      const width = Math.max(defaults.minWidth, Math.min(saved.bounds.width, home.width));
      const height = Math.max(defaults.minHeight, Math.min(saved.bounds.height, home.height));
      const x = Math.min(Math.max(saved.bounds.x, home.x), home.x + home.width - Math.min(width, home.width));
      const y = Math.min(
        Math.max(saved.bounds.y, home.y),
        home.y + home.height - Math.min(height, home.height),
      );
      return { bounds: { x, y, width, height }, maximized: saved.maximized, remembered: true };
    }
  }
  const width = Math.min(defaults.width, primary.width);
  const height = Math.min(defaults.height, primary.height);
  return {
    bounds: {
      x: primary.x + Math.round((primary.width - width) / 2),
      y: primary.y + Math.round((primary.height - height) / 2),
      width,
      height,
    },
    maximized: false,
    remembered: false,
  };
}

/** The remembered place, or null (none yet, or a bad file: kept aside and logged, never used). */
export function readWindowPlace(path: string): WindowPlace | null {
  const read: JsonFileRead<WindowPlace> = readJsonFile(path, WindowPlaceFile);
  if (read.kind === 'bad')
    console.error(
      `hcs-desktop: the window's remembered place was not used: ${read.reason}${read.keptAs ? ` (kept as ${read.keptAs})` : ''}`,
    );
  return read.kind === 'ok' ? read.value : null;
}

/** How long the window stays still before its place is written (moving and resizing send many events). */
const SAVE_DELAY_MS = 1000;

/**
 * Remembers the window's place: written when it has stopped moving or resizing and when it closes. The normal
 * bounds are kept (a maximized window remembers where it returns to), with whether it was maximized.
 */
export function rememberWindowPlace(win: BrowserWindow, path: string): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    try {
      writeJsonFileAtomic(path, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      console.error(`hcs-desktop: the window's place could not be saved: ${(e as Error).message}`);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  for (const event of ['resized', 'moved', 'maximize', 'unmaximize'] as const)
    win.on(event as 'moved', later);
  win.on('close', save);
}
