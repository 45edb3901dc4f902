// Renderer tests wait for the state a user waits for (findBy…, waitFor, renderer/test-support/dialogs.ts).
// Testing Library's default 1 s is too short on a loaded 2-core machine; a longer wait only matters when
// something is really wrong. It stays well below the unit project's test timeout (vitest.config.ts), so a
// wait that fails reports what it waited for instead of a bare test timeout.
import { WAIT_MS } from './wait.ts';

if ('document' in globalThis) {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: WAIT_MS });
}
export {};
