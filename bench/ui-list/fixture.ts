/**
 * The 10,000-system simulator fixture of the ui-list section: deterministic ids in list order
 * (`bench-00000` … `bench-09999`, so the grid's default id sort shows `bench-00000` first), with types, OS,
 * owners and states mixed by index. Half the systems run, so a contiguous id range holds enough running
 * systems to pause for the state-change runs.
 */
import type { Fixture, FixtureSystem } from '../../sim/control/types.ts';

export const SYSTEM_COUNT = 10_000;

/** Eight states per cycle: four Running, two Paused, one Created, one Stopped. */
const STATES: NonNullable<FixtureSystem['state']>[] = [
  'Running',
  'Paused',
  'Running',
  'Created',
  'Running',
  'Stopped',
  'Running',
  'Paused',
];
const OWNERS = ['docker', 'containerd', 'WSL', 'CmService', 'buildkit', 'vmms', 'sandbox'];
/** Words for names; none is a state word, so a row's text names its state only in the state column. */
const WORDS = ['api', 'web', 'db', 'cache', 'queue', 'worker', 'build', 'test', 'proxy', 'auth', 'search'];

export function systemId(index: number): string {
  return `bench-${String(index).padStart(5, '0')}`;
}

export function benchSystem(index: number): FixtureSystem {
  const vm = index % 3 === 0;
  return {
    id: systemId(index),
    name: `${WORDS[index % WORDS.length]}-${WORDS[(index * 7) % WORDS.length]}-${index}`,
    owner: OWNERS[index % OWNERS.length]!,
    systemType: vm ? 'VirtualMachine' : 'Container',
    runtimeOsType: index % 5 === 0 ? 'linux' : 'windows',
    state: STATES[index % STATES.length]!,
  };
}

/** Completions without delay: the section measures the UI path, not simulated HCS latency. */
export function benchFixture(count = SYSTEM_COUNT): Fixture {
  return { completionDelayMs: 0, systems: Array.from({ length: count }, (_, i) => benchSystem(i)) };
}

/** The first `count` systems the fixture seeds Running, in id order. */
export function runningIds(count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < count && i < SYSTEM_COUNT; i++) {
    if (STATES[i % STATES.length] === 'Running') ids.push(systemId(i));
  }
  if (ids.length < count) throw new Error(`the fixture has fewer than ${count} running systems`);
  return ids;
}
