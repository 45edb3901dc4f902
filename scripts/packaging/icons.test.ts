import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildIco, readIco } from './ico.mjs';
import { decodeRgbaPng, pngSize } from './png.mjs';
import { ICO_SIZES, SIZES } from './render-icons.mjs';
import { projectRoot } from './validate-config.ts';

const assets = join(projectRoot, 'assets');
const iconPng = (size: number) => readFileSync(join(assets, 'icons', `${size}x${size}.png`));

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An independent RGBA PNG encoder that uses filter (row % 5) on each row, so decoding every filter is tested. */
function encodeRgbaPng(width: number, height: number, rgba: Buffer): Buffer {
  const stride = width * 4;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const cur = rgba[y * stride + x]!;
      const left = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const upLeft = y > 0 && x >= 4 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
      raw[y * (stride + 1) + 1 + x] = (cur - predictor) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function pseudoRandomPixels(width: number, height: number, seed: number): Buffer {
  const out = Buffer.alloc(width * height * 4);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out[i] = s >> 16;
  }
  return out;
}

describe('png.mjs', () => {
  it('decodes every PNG row filter back to the exact pixels', () => {
    const pixels = pseudoRandomPixels(13, 11, 7);
    const decoded = decodeRgbaPng(encodeRgbaPng(13, 11, pixels));
    expect(decoded.width).toBe(13);
    expect(decoded.height).toBe(11);
    expect(decoded.rgba.equals(pixels)).toBe(true);
  });

  it('rejects what is not a PNG', () => {
    expect(() => pngSize(Buffer.from('GIF89a, not a png at all'))).toThrow('not a PNG');
  });
});

describe('ico.mjs', () => {
  it('stores small sizes as 32-bit BMP with an AND mask and 256 px as the PNG itself', () => {
    const small = pseudoRandomPixels(16, 16, 3);
    small[3] = 0; // pixel (0,0) fully transparent → its AND-mask bit is set
    const big = encodeRgbaPng(256, 256, pseudoRandomPixels(256, 256, 5));
    const ico = buildIco([big, encodeRgbaPng(16, 16, small)]);
    const entries = readIco(ico);
    expect(entries.map((e) => [e.width, e.format])).toEqual([
      [16, 'bmp'],
      [256, 'png'],
    ]);
    const bmp = entries[0]!;
    expect(bmp.format === 'bmp' && bmp.rgba.equals(small)).toBe(true);
    // The AND mask follows the 16 rows of 64 bytes of BGRA; (0,0) is the top-left pixel, i.e. the last mask row.
    const maskStart = 40 + 16 * 64;
    expect(bmp.data[maskStart + 15 * 4]! & 0x80).toBe(0x80);
    expect(entries[1]!.data.equals(big)).toBe(true);
  });

  it('refuses non-square, oversized and duplicate images', () => {
    const square = encodeRgbaPng(16, 16, pseudoRandomPixels(16, 16, 1));
    expect(() => buildIco([encodeRgbaPng(16, 8, pseudoRandomPixels(16, 8, 1))])).toThrow('square');
    expect(() => buildIco([encodeRgbaPng(512, 512, pseudoRandomPixels(512, 512, 1))])).toThrow('at most 256');
    expect(() => buildIco([square, square])).toThrow('two icon images of 16 px');
  });
});

describe('the committed icons', () => {
  it('has a PNG of every size for Linux, with a (nearly) transparent corner and an opaque centre', () => {
    for (const size of SIZES) {
      const { width, height, rgba } = decodeRgbaPng(iconPng(size));
      expect([width, height]).toEqual([size, size]);
      const alphaAt = (x: number, y: number) => rgba[(y * size + x) * 4 + 3];
      // The rounded tile leaves the corner pixel empty; at 16 px antialiasing may touch it.
      expect(alphaAt(0, 0), `${size} px corner`).toBeLessThan(32);
      expect(alphaAt(size >> 1, size >> 1), `${size} px centre`).toBe(255);
    }
    expect(readFileSync(join(assets, 'icon.png')).equals(iconPng(1024))).toBe(true);
  });

  it('packs 16…256 px into icon.ico, each entry identical to its PNG', () => {
    const entries = readIco(readFileSync(join(assets, 'icon.ico')));
    expect(entries.map((e) => e.width)).toEqual(ICO_SIZES);
    for (const entry of entries) {
      expect(entry.bitCount).toBe(32);
      if (entry.format === 'png') {
        expect(entry.data.equals(iconPng(entry.width))).toBe(true);
      } else {
        expect(entry.rgba.equals(decodeRgbaPng(iconPng(entry.width)).rgba)).toBe(true);
      }
    }
  });
});
