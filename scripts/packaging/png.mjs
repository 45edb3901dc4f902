// The two PNG operations the icon pipeline needs, with nothing but node:zlib: read the size of any PNG, and
// decode the 8-bit RGBA, non-interlaced PNGs that Chromium's screenshots are into raw pixels (for the BMP
// entries of the .ico). Anything else is rejected with a clear error rather than decoded wrongly.
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which the PNG format requires to come first. */
export function pngSize(png) {
  if (png.length < 24 || !png.subarray(0, 8).equals(SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function chunks(png) {
  const list = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    list.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return list;
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Decodes an 8-bit RGBA (colour type 6), non-interlaced PNG to { width, height, rgba } (rows top-down). */
export function decodeRgbaPng(png) {
  const { width, height } = pngSize(png);
  const all = chunks(png);
  const ihdr = all[0].data;
  const bitDepth = ihdr[8];
  const colorType = ihdr[9];
  const interlace = ihdr[12];
  if (bitDepth !== 8 || colorType !== 6 || interlace !== 0) {
    throw new Error(
      `unsupported PNG layout (bit depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}); ` +
        'only 8-bit RGBA without interlacing is decoded',
    );
  }
  const raw = inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * 4;
  if (raw.length !== height * (stride + 1)) throw new Error('PNG image data has the wrong length');
  const rgba = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? rgba[out + x - 4] : 0;
      const up = y > 0 ? rgba[out - stride + x] : 0;
      const upLeft = y > 0 && x >= 4 ? rgba[out - stride + x - 4] : 0;
      let value;
      switch (filter) {
        case 0:
          value = line[x];
          break;
        case 1:
          value = line[x] + left;
          break;
        case 2:
          value = line[x] + up;
          break;
        case 3:
          value = line[x] + ((left + up) >> 1);
          break;
        case 4:
          value = line[x] + paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`unknown PNG filter ${filter} on row ${y}`);
      }
      rgba[out + x] = value & 0xff;
    }
  }
  return { width, height, rgba };
}
