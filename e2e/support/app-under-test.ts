import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { Fixture } from '../../sim/control/types.ts';
import type { SimControl } from '../../sim/control/client.ts';

/** What a spec drives: the simulator behind the app, and windows of the app. */
export interface AppUnderTest {
  /** The simulator service's socket (for hcsctl: HCS_SIM_SOCKET). */
  readonly socketPath: string;
  readonly control: SimControl;
  /** The seeded fixture (sim/fixtures/test.json). */
  readonly fixture: Fixture;
  /** The pid whose simulator client is the app core (the web server, or Electron's main process). */
  readonly appPid: number;
  /** The window a spec starts with, freshly loaded: a new page on the web server, or Electron's first window. */
  mainWindow(context: BrowserContext): Promise<Page>;
  /**
   * Another window of the same app (a second page on the server); null for the desktop app, which has one
   * window per instance (a second instance only focuses it). The caller closes it.
   */
  extraWindow: ((context: BrowserContext) => Promise<Page>) | null;
  /** Puts the user's settings back to the defaults (the app keeps them in a file of the test's own). */
  resetSettings(): Promise<void>;
  stop(): Promise<void>;
}

export function readFixture(path: string): Fixture {
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

/** Waits until `check` holds, polling; returns whether it did within the time. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 100,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return true;
    } catch {
      // Not ready yet (e.g. the control socket is still coming up).
    }
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Back to the seeded fixture for the next spec. A reset drops every client's handles without telling the
 * clients (nothing in HCS does that), so the service connection is then dropped briefly too: the app core
 * takes the ServiceDisconnect path it takes in real life, and reopens and re-registers every system. We
 * wait for that, so the spec does not race the recovery.
 */
export async function resetAppUnderTest(
  appUnderTest: AppUnderTest,
  fixture: Fixture = appUnderTest.fixture,
): Promise<void> {
  await appUnderTest.control.clearFaults();
  await appUnderTest.control.reset(fixture);
  await appUnderTest.control.disconnect(100);
  const ids = fixture.systems.map((s) => s.id);
  const resynced = await eventually(async () => {
    const app = (await appUnderTest.control.clients()).filter((c) => c.pid === appUnderTest.appPid);
    const handles = new Map(app.flatMap((c) => c.systemHandles.map((h) => [h.handle, h.systemId] as const)));
    const registered = new Set(app.flatMap((c) => c.registrations.map((r) => handles.get(r.handle))));
    return ids.every((id) => registered.has(id));
  }, 20_000);
  if (!resynced) {
    throw new Error(
      `the app did not reopen and register the seeded systems (${ids.join(', ')}) within 20 s of a reset`,
    );
  }
}
