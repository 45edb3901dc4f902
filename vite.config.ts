import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { pageCspMetaTag } from './src/host/page-csp.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer. `base: './'` keeps every asset URL relative, so the same build works under Electron's
 * app:// protocol and from the web-mode server. `npm run dev` serves it with hot reload and forwards the
 * WebSocket to a running web-mode server (HCS_DESKTOP_DEV_SERVER, default http://127.0.0.1:7380); open
 * the dev page with that server's `?token=`.
 */
const devServer = process.env.HCS_DESKTOP_DEV_SERVER ?? 'http://127.0.0.1:7380';

/**
 * The built page also carries its Content-Security-Policy in a <meta> tag: the page's one policy
 * (src/host/page-csp.ts), which both the app:// protocol and the web server also send as a header. The tag is a
 * second line that travels with the file itself (and lets static checkers such as Electronegativity see it).
 * Not in dev: Vite's hot reload injects inline scripts.
 */
const BUILT_PAGE_CSP = pageCspMetaTag();

function cspMetaTag(): Plugin {
  return {
    name: 'hcs-desktop-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: BUILT_PAGE_CSP },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The page's first script, `boot.ts`, is an entry of its own, put before the app's entry in the built page: it
 * opens the web-mode WebSocket while the app's code loads (renderer/transport/early-link.ts). Written into
 * index.html it would be folded into the app's entry and run after the whole module graph. In dev the app opens
 * its link itself, as it does when the first script did not.
 */
function bootScript(): Plugin {
  return {
    name: 'hcs-desktop-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => {
        const boot = Object.values(ctx.bundle ?? {}).find(
          (chunk) => chunk.type === 'chunk' && chunk.isEntry && chunk.name === 'boot',
        );
        if (!boot)
          throw new Error('the renderer build has no boot entry (vite.config.ts, rolldownOptions.input)');
        // Right before the app's entry: after the CSP <meta>, which covers only what follows it, and first of the
        // module scripts, which run in document order.
        const entry = html.indexOf('<script type="module"');
        if (entry < 0) throw new Error('the built index.html has no module script');
        const tag = `<script type="module" crossorigin src="./${boot.fileName}"></script>\n    `;
        return html.slice(0, entry) + tag + html.slice(entry);
      },
    },
  };
}

export default defineConfig({
  root: `${here}renderer`,
  base: './',
  plugins: [react(), cspMetaTag(), bootScript()],
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    // Fluent UI and CodeMirror make one large chunk; it is loaded from disk or localhost, not a network.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      input: { index: `${here}renderer/index.html`, boot: `${here}renderer/boot.ts` },
      output: {
        codeSplitting: {
          groups: [
            {
              // What the first view runs on, in one file: React, Fluent UI and its styling and focus libraries,
              // zod, zustand, the list's virtualizer. Split by what each lazy chunk shares, they were 27 files
              // of the first view's 31, fetched in waves of six; one file paints 10,000 systems ~80 ms sooner
              // (docs/benchmarks.md, "The first view's files"). The editor, the terminal, the charts and the
              // command palette stay chunks of their own, loaded when first used.
              name: 'framework',
              test: /node_modules[\\/](react|react-dom|scheduler|@fluentui|@griffel|tabster|keyborg|@floating-ui|zod|zustand|stylis|@tanstack|use-sync-external-store|@swc[\\/]helpers|tslib|rtl-css-js)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [here] },
    proxy: {
      '/ws': {
        target: devServer,
        ws: true,
        // The server accepts a WebSocket only from its own origin; present that origin through the proxy.
        headers: { origin: devServer },
      },
    },
  },
});
