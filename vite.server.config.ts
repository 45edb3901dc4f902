import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { BUNDLED_PACKAGES } from './vite.electron.config.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Web mode's server (`src/server/main.ts`), built for Node as the Electron main process is
 * (vite.electron.config.ts), into dist/server/main.cjs: `npm run serve` runs JavaScript, so start-up does not
 * transpile TypeScript (tsx) at run time. CommonJS like the main process: `--require ./src/server/threadpool.cjs`
 * still sizes libuv's pool before anything uses it. zod and ws are bundled in: loaded from node_modules they were
 * 109 modules (zod 95, ws 14) to find, read and compile one by one at every start (`npm run bench -- startup`,
 * start → URL printed: 258 ms, then 217). koffi stays external: its native binary loads from node_modules.
 */
export default defineConfig({
  // Sources are TypeScript modules; nothing here is a web page.
  publicDir: false,
  build: {
    ssr: fileURLToPath(new URL('src/server/main.ts', import.meta.url)),
    outDir: `${here}dist/server`,
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'cjs', entryFileNames: 'main.cjs', codeSplitting: false },
    },
  },
  ssr: { target: 'node', noExternal: BUNDLED_PACKAGES },
});
