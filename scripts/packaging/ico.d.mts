// Types for ico.mjs (plain JS so render-icons.mjs runs without a TypeScript loader).
export const PNG_ENTRY_MIN_SIZE: number;

export function buildIco(pngs: Buffer[]): Buffer;

export type IcoEntry =
  | {
      width: number;
      height: number;
      format: 'png';
      bitCount: number;
      png: { width: number; height: number };
      data: Buffer;
    }
  | {
      width: number;
      height: number;
      format: 'bmp';
      bitCount: number;
      bmp: { width: number; height: number };
      rgba: Buffer;
      data: Buffer;
    };

export function readIco(ico: Buffer): IcoEntry[];
