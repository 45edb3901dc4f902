import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The pure JavaScript packages the main process and web mode's server use, bundled into them: one file to
 * compile instead of 109 modules (zod 95, ws 14) to find and read at start-up, and nothing for the package to ship but
 * koffi (electron-builder.yml's `files`; `npm run dist` refuses a main that requires a package it leaves out).
 * ws's optional native helpers (bufferutil, utf-8-validate) stay out; ws falls back to JavaScript without them.
 */
export const BUNDLED_PACKAGES = ['zod', 'ws'];

/**
 * The Electron main process and preload, built for Node in two passes (`--mode main`, then `--mode preload`;
 * see `npm run build:electron`) into dist/electron/:
 * - main.cjs: CommonJS, so ensureThreadPoolSize() runs before anything uses libuv's pool; `electron` and koffi
 *   (its native binary must be a real file) stay external; the other packages main uses are bundled in.
 * - preload.cjs: one self-contained CommonJS file, because a sandboxed preload can require only `electron`.
 * Two passes rather than one with two inputs: a shared chunk would make the preload require() a file.
 */
export default defineConfig(({ mode }) => {
  const preload = mode === 'preload';
  const node = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
  return {
    // Sources are TypeScript modules; nothing here is a web page.
    publicDir: false,
    build: {
      ssr: fileURLToPath(new URL(preload ? 'electron/preload.ts' : 'electron/main.ts', import.meta.url)),
      outDir: `${here}dist/electron`,
      // The main pass starts from an empty directory; the preload pass adds its file beside it.
      emptyOutDir: !preload,
      target: 'node22',
      sourcemap: true,
      minify: false,
      rolldownOptions: {
        external: preload ? ['electron'] : ['electron', ...node],
        output: {
          format: 'cjs',
          entryFileNames: preload ? 'preload.cjs' : 'main.cjs',
          codeSplitting: false,
        },
      },
    },
    // The preload bundles everything (zod for the contract's channel list); main all but koffi.
    ssr: preload
      ? { noExternal: true, target: 'webworker' }
      : { target: 'node', noExternal: BUNDLED_PACKAGES },
  };
});
