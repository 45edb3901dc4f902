import { parseEvent, type EventChannel, type EventOf } from '../../contract/index.ts';
import type { SystemListing } from '../hcs-port.ts';
import { AppCore, type AppCoreOptions } from '../core.ts';
import type { AppEvent } from '../events.ts';
import { FakeHcsPort } from './fake-hcs-port.ts';

/** The notification codes a test plays through the fake, for transport tests that may not import src/hcs. */
export { NotificationType } from '../../hcs/index.ts';

/** Let every queued promise and immediate run (the fake HCS answers without timers). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * A core over a fake HCS whose timers never fire on their own during a test (polls are driven with
 * `pollNow`), recording every event after checking it against the contract's schema.
 */
export function coreWithFake(listings: SystemListing[] = [], options: AppCoreOptions = {}) {
  const hcs = new FakeHcsPort(listings);
  const core = new AppCore(hcs, {
    pollIntervalMs: 600_000,
    retryInitialMs: 600_000,
    retryMaxMs: 600_000,
    ...options,
  });
  const events: AppEvent[] = [];
  core.subscribe((event) => {
    parseEvent(event.channel, event.payload); // throws if the core ever emits something off-contract
    events.push(event);
  });
  const of = <C extends EventChannel>(channel: C): EventOf<C>[] =>
    events.filter((e) => e.channel === channel).map((e) => e.payload as EventOf<C>);
  return { hcs, core, events, of, clear: () => events.splice(0) };
}

export const CONTAINER: SystemListing = {
  Id: 'c1',
  Name: 'web',
  SystemType: 'Container',
  Owner: 'docker',
  RuntimeOsType: 'windows',
  State: 'Running',
  RuntimeId: '00000000-0000-0000-0000-000000000001',
};

export const VM: SystemListing = {
  Id: 'vm1',
  Name: 'utility vm',
  SystemType: 'VirtualMachine',
  Owner: 'wsl',
  RuntimeOsType: 'linux',
  State: 'Created',
};
