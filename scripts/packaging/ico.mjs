// Writes and reads Windows .ico containers. An .ico is a 6-byte header, one 16-byte directory entry per image,
// then the images: a PNG file as is (used for 256 px, where Windows expects it), or a 32-bit BMP without its
// file header (BITMAPINFOHEADER, bottom-up BGRA pixels, then a 1-bit AND mask), which every Windows icon
// consumer reads, old resource compilers included.
import { decodeRgbaPng, pngSize } from './png.mjs';

const HEADER = 6;
const ENTRY = 16;
const BITMAPINFOHEADER = 40;

/** Sizes at or above this are stored as PNG; smaller ones as BMP. */
export const PNG_ENTRY_MIN_SIZE = 256;

function bmpEntry({ width, height, rgba }) {
  const xorStride = width * 4;
  const andStride = Math.ceil(width / 32) * 4; // 1 bit a pixel, rows padded to 32 bits
  const image = Buffer.alloc(BITMAPINFOHEADER + height * xorStride + height * andStride);
  image.writeUInt32LE(BITMAPINFOHEADER, 0);
  image.writeInt32LE(width, 4);
  image.writeInt32LE(height * 2, 8); // XOR bitmap + AND mask, as the icon format defines
  image.writeUInt16LE(1, 12); // planes
  image.writeUInt16LE(32, 14); // bits per pixel
  image.writeUInt32LE(0, 16); // BI_RGB
  image.writeUInt32LE(height * (xorStride + andStride), 20);
  const andStart = BITMAPINFOHEADER + height * xorStride;
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y; // bottom-up
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = BITMAPINFOHEADER + row * xorStride + x * 4;
      image[to] = rgba[from + 2];
      image[to + 1] = rgba[from + 1];
      image[to + 2] = rgba[from];
      image[to + 3] = rgba[from + 3];
      if (rgba[from + 3] === 0) image[andStart + row * andStride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return image;
}

/**
 * Builds an .ico from PNG files (one per size, square, at most 256 px). Entries are written smallest first.
 * @param {Buffer[]} pngs
 */
export function buildIco(pngs) {
  const images = pngs
    .map((png) => ({ png, ...pngSize(png) }))
    .sort((a, b) => a.width - b.width)
    .map(({ png, width, height }) => {
      if (width !== height) throw new Error(`icon images must be square, got ${width}x${height}`);
      if (width > 256) throw new Error(`an .ico image can be at most 256 px, got ${width}`);
      const data = width >= PNG_ENTRY_MIN_SIZE ? png : bmpEntry(decodeRgbaPng(png));
      return { width, height, data };
    });
  const seen = new Set();
  for (const { width } of images) {
    if (seen.has(width)) throw new Error(`two icon images of ${width} px`);
    seen.add(width);
  }
  const header = Buffer.alloc(HEADER + ENTRY * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const at = HEADER + ENTRY * i;
    header[at] = image.width === 256 ? 0 : image.width; // 0 means 256
    header[at + 1] = image.height === 256 ? 0 : image.height;
    header[at + 2] = 0; // no palette
    header[at + 3] = 0;
    header.writeUInt16LE(1, at + 4); // planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(image.data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += image.data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

/**
 * Reads an .ico's directory and says what each entry holds; for BMP entries it also returns the pixels as
 * top-down RGBA, so callers can compare them with the source PNGs.
 * @param {Buffer} ico
 */
export function readIco(ico) {
  if (ico.length < HEADER || ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) {
    throw new Error('not an .ico file');
  }
  const count = ico.readUInt16LE(4);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const at = HEADER + ENTRY * i;
    const width = ico[at] || 256;
    const height = ico[at + 1] || 256;
    const size = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    if (offset + size > ico.length) throw new Error(`entry ${i} runs past the end of the file`);
    const data = ico.subarray(offset, offset + size);
    if (data.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))) {
      const png = pngSize(data);
      entries.push({ width, height, format: 'png', bitCount: ico.readUInt16LE(at + 6), png, data });
      continue;
    }
    const headerSize = data.readUInt32LE(0);
    const bmpWidth = data.readInt32LE(4);
    const bmpHeight = data.readInt32LE(8) / 2;
    const bitCount = data.readUInt16LE(14);
    if (headerSize !== BITMAPINFOHEADER || bitCount !== 32) throw new Error(`entry ${i}: unsupported bitmap`);
    const rgba = Buffer.alloc(bmpWidth * bmpHeight * 4);
    for (let y = 0; y < bmpHeight; y++) {
      for (let x = 0; x < bmpWidth; x++) {
        const from = BITMAPINFOHEADER + ((bmpHeight - 1 - y) * bmpWidth + x) * 4;
        const to = (y * bmpWidth + x) * 4;
        rgba[to] = data[from + 2];
        rgba[to + 1] = data[from + 1];
        rgba[to + 2] = data[from];
        rgba[to + 3] = data[from + 3];
      }
    }
    entries.push({
      width,
      height,
      format: 'bmp',
      bitCount,
      bmp: { width: bmpWidth, height: bmpHeight },
      rgba,
      data,
    });
  }
  return entries;
}
