#!/usr/bin/env node
// Regenerates the app icons from their SVG sources with Debian's Chromium (through Playwright, which
// downloads nothing when given an executable):
//   assets/icons/<n>x<n>.png   for n in SIZES (Linux packages take the directory)
//   assets/icon.png            the 1024 px master
//   assets/icon.ico            16…256 px, for the Windows executable and the MSI
// Sizes up to SMALL_MAX are drawn from assets/icon-small.svg, the design reduced to its shapes on a 16 px grid so
// it stays legible on a taskbar; the rest from assets/icon.svg. The generated files are committed; run this after
// editing an SVG:  node scripts/packaging/render-icons.mjs   (CHROMIUM_PATH overrides /usr/bin/chromium)
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { buildIco } from './ico.mjs';
import { pngSize } from './png.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const assets = join(root, 'assets');

export const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const SMALL_MAX = 32;

async function renderPng(page, svg, size) {
  await page.setViewportSize({ width: size, height: size });
  const html =
    '<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent;overflow:hidden}' +
    `svg{display:block;width:${size}px;height:${size}px}</style></head><body>${svg}</body></html>`;
  await page.setContent(html, { waitUntil: 'load' });
  const png = await page.screenshot({
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
  const actual = pngSize(png);
  if (actual.width !== size || actual.height !== size) {
    throw new Error(`rendered ${actual.width}x${actual.height} for ${size} px`);
  }
  return png;
}

export async function renderIcons({
  executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium',
} = {}) {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  }
  const large = await readFile(join(assets, 'icon.svg'), 'utf8');
  const small = await readFile(join(assets, 'icon-small.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const written = [];
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const pngs = new Map();
    await mkdir(join(assets, 'icons'), { recursive: true });
    for (const size of SIZES) {
      const png = await renderPng(page, size <= SMALL_MAX ? small : large, size);
      pngs.set(size, png);
      const file = join(assets, 'icons', `${size}x${size}.png`);
      await writeFile(file, png);
      written.push(file);
    }
    await writeFile(join(assets, 'icon.png'), pngs.get(1024));
    written.push(join(assets, 'icon.png'));
    await writeFile(join(assets, 'icon.ico'), buildIco(ICO_SIZES.map((size) => pngs.get(size))));
    written.push(join(assets, 'icon.ico'));
  } finally {
    await browser.close();
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  renderIcons().then(
    (files) => {
      for (const file of files) console.log(`wrote ${relative(root, file)}`);
    },
    (error) => {
      console.error(`render-icons: ${error.message}`);
      process.exit(1);
    },
  );
}
