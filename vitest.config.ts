import { defineConfig } from 'vitest/config';

// Two projects: unit tests are pure logic (no native code, no simulator); integration tests run the real
// koffi binding against a fresh simulator per file. Each file runs in its own process (forks) because koffi
// type names are global per process and the simulator endpoint is chosen per file.
// The integration suites that drive System and Process, run against both HCS APIs.
const HCS_SUITES = [
  'test/integration/hcs-*.test.ts',
  'test/integration/app-core.test.ts',
  'test/integration/exec-core.test.ts',
  'test/integration/exec-lifecycle.test.ts',
  'test/integration/hcsctl-cli.test.ts',
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
            'test/architecture/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', 'e2e/**'],
          setupFiles: ['test/setup/testing-library.ts'],
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        // The suites of System and Process (and the app core and exec on top of them) once more, through the
        // HCS V2 binding: one suite, two backends; a test that differs by API asks hcsApi().
        test: {
          name: 'integration-v2',
          include: HCS_SUITES,
          setupFiles: ['test/setup/hcs-api-v2.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
