// Types for render-icons.mjs.
export const SIZES: number[];
export const ICO_SIZES: number[];
export const SMALL_MAX: number;
export function renderIcons(options?: { executablePath?: string }): Promise<string[]>;
