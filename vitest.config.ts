import { defineConfig } from 'vitest/config';

// Two projects: unit tests are pure logic (no native code, no simulator); integration tests run the real
// koffi binding against a fresh simulator per file. Each file runs in its own process (forks) because koffi
// type names are global per process and the simulator endpoint is chosen per file.
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
    ],
  },
});
