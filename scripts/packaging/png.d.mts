// Types for png.mjs (plain JS so render-icons.mjs runs without a TypeScript loader).
export function pngSize(png: Buffer): { width: number; height: number };
export function decodeRgbaPng(png: Buffer): { width: number; height: number; rgba: Buffer };
