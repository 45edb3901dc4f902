import { defineConfig } from 'vitest/config';

// Three projects: unit tests are pure logic (no native code, no simulator); integration tests run the real
// koffi binding against a fresh simulator per file; integration-v2 runs the HCS suites again through V2. Each file runs in its own process (forks) because koffi
// type names are global per process and the simulator endpoint is chosen per file.
//
// Timeouts are a safety net for a test that hangs, never a way to wait: they are sized for a shared 2-core
// machine under full load (scripts/flake-check.sh runs the suites beside a busy loop per core), where starting
// a Node child process alone can take seconds. Testing Library's own wait (test/setup/testing-library.ts)
// stays well below the unit timeout, so a wait that fails says what it was waiting for.

// The integration suites that drive System and Process, run against both HCS APIs (integration-v2).
const HCS_SUITES = [
  'test/integration/hcs-*.test.ts',
  'test/integration/app-core.test.ts',
  'test/integration/exec-core.test.ts',
  'test/integration/exec-lifecycle.test.ts',
  'test/integration/hcsctl-cli.test.ts',
  'test/integration/hcsctl-follow.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.ts',
            'sim/**/*.test.ts',
            'electron/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'scripts/**/*.test.ts',
            'test/facts/**/*.test.ts',
            'bench/**/*.test.ts',
            'test/architecture/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', 'e2e/**'],
          setupFiles: ['test/setup/testing-library.ts'],
          pool: 'forks',
          // Vitest's default is one worker fewer than the cores: one, on CI's 2-core machines. Two: 190 s → 125 s.
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['test/setup/config-home.ts'],
          pool: 'forks',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        // The soak's short run (bench/soak.ts for one minute, docs/soak.md): `npm run test:soak`, after the
        // renderer build. Not in `npm test` (it alone takes minutes, and CI has 15); its verdict logic is unit
        // tested with planted leaks (bench/soak/verdict.test.ts), which `npm test` runs.
        test: {
          name: 'soak',
          include: ['test/soak/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 30 * 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The suites of System and Process (and the app core and exec on top of them) once more, through the
        // HCS V2 binding: one suite, two backends; a test that differs by API asks hcsApi().
        test: {
          name: 'integration-v2',
          include: HCS_SUITES,
          setupFiles: ['test/setup/config-home.ts', 'test/setup/hcs-api-v2.ts'],
          pool: 'forks',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
