import type { SurfaceFactory } from './surface.ts';

/**
 * xterm.js (and its CSS) in a chunk of its own, loaded the first time a terminal is made: the first view of
 * the app (the systems list) loads no terminal code. Later terminals reuse the loaded module.
 */
export const createLazyXtermSurface: SurfaceFactory = async (host, options) => {
  const { createXtermSurface } = await import('./xterm-surface.ts');
  return createXtermSurface(host, options);
};
