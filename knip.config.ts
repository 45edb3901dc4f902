import type { KnipConfig } from 'knip';

/**
 * Unused files, exports and dependencies, found by knip in `npm test` (step "unused"). Entries besides
 * those knip's plugins find by themselves (package.json scripts and bin, vite, vitest, playwright,
 * eslint): what runs without being imported.
 */
const config: KnipConfig = {
  entry: [
    // The Electron main process and its preload (vite.electron.config.ts builds both from these files).
    'electron/main.ts',
    'electron/preload.ts',
    // The HCS layer is a library with a documented public API (docs/hcs-api.md, after hcsshim's
    // internal/hcs): everything its index exports is API, whether or not this app calls it today.
    'src/hcs/index.ts',
    // Spawned by path: the web client of the stdio benchmark, the page of the list benchmark, the soak's
    // probe (loaded with --import into the soak's server and simulator).
    'bench/stdio-client.ts',
    'bench/soak/process-probe.ts',
    // Run by path inside a network namespace by server-tls.test.ts.
    'test/helpers/netns-tls-probe.ts',
    'bench/ui-list/page/main.tsx',
    'bench/ui-charts/page/main.tsx',
    // Preloaded by path into the web-mode server by the core and memory benchmarks (node --import).
    'bench/core/loop-lag.mjs',
    'bench/memory/heap-probe.mjs',
    // Run by hand or by CI: `node scripts/….mjs`, `node --import tsx scripts/….ts`.
    'scripts/*.{mjs,ts}',
    'scripts/packaging/*.{mjs,ts}',
    'scripts/ci/*.{mjs,ts}',
  ],
  project: [
    'src/**',
    'electron/**',
    'renderer/**',
    'sim/**',
    'bin/**',
    'bench/**',
    'scripts/**',
    'test/**',
    'e2e/**',
  ],
  ignore: [
    // Type declarations of the .mjs scripts: TypeScript reads them for the imports of those scripts.
    'scripts/**/*.d.mts',
    // Apps the Electronegativity tests scan as data, never run.
    'scripts/packaging/fixtures/**',
  ],
  // openssl makes the test certificate in server-tls.test.ts; that test skips, saying why, without it.
  // The CI scripts (scripts/ci/) run Windows' and the Linux runner's own tools: msiexec and taskkill on the
  // Windows runner, xdotool and ImageMagick's import under Xvfb on the Linux runner.
  // unshare makes the network namespace of test/helpers/netns.ts. util-linux script gives hcsctl a terminal in
  // test/integration/hcsctl-follow.test.ts (skipped, saying why, without it). icacls reads a file's ACL in
  // smoke:windows's unattended checks (scripts/packaging/unattended-checks.ts), on Windows.
  ignoreBinaries: [
    'openssl',
    'unshare',
    'msiexec.exe',
    'taskkill.exe',
    'xdotool',
    'import',
    'script',
    'icacls',
  ],
  // Run by path (node_modules/@action-validator/cli/cli.mjs) from scripts/ci/lint-workflows.ts, which
  // knip cannot follow.
  ignoreDependencies: ['@action-validator/cli'],
  // An export used in its own file is live code (a constant a test may also name); knip is here for code
  // nobody uses.
  ignoreExportsUsedInFile: true,
};

export default config;
