/**
 * How long a test waits for a state (vi.waitFor, expect.poll) before it fails: long enough for a shared 2-core
 * machine under full load, and below the projects' test timeouts (vitest.config.ts) so that a wait that fails
 * says what it waited for. Testing Library's waits use the same figure (test/setup/testing-library.ts).
 */
export const WAIT_MS = 20_000;
export const WAIT = { timeout: WAIT_MS, interval: 20 } as const;
