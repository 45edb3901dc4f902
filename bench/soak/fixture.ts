/**
 * The systems the soak seeds through the simulator's control API, in groups that the workload's lanes keep to
 * (so that no lane undoes another's step, and the world can be put back as it was):
 *  - two probe systems, Running, only ever clicked for the responsiveness figures;
 *  - the UI's bulk group, Running, paused and resumed from a browser's bulk actions;
 *  - exec targets, Running Linux systems, where processes run;
 *  - the rest, in mixed states, paused and resumed by hundreds through the contract and watched for
 *    statistics.
 * Systems the soak creates itself (create → … → close) are not seeded: they have ids of their own
 * (`soak-new-…`) and must all be gone when the run ends.
 */
import type { Fixture, FixtureSystem } from '../../sim/control/types.ts';

export const PROBE_IDS = ['soak-probe-a', 'soak-probe-b'] as const;
export const UI_BULK_PREFIX = 'soak-ui-';
export const UI_BULK_COUNT = 12;
export const EXEC_PREFIX = 'soak-exec-';
export const EXEC_COUNT = 8;
export const MIN_SYSTEMS = PROBE_IDS.length + UI_BULK_COUNT + EXEC_COUNT + 10;

const STATES: NonNullable<FixtureSystem['state']>[] = [
  'Running',
  'Running',
  'Paused',
  'Running',
  'Created',
  'Running',
  'Running',
  'Stopped',
];
const OWNERS = ['docker', 'containerd', 'WSL', 'CmService', 'buildkit'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export interface SoakWorld {
  fixture: Fixture;
  /** Every seeded id and the state it was seeded in: what the world is put back to before each measurement. */
  seeded: Map<string, NonNullable<FixtureSystem['state']>>;
  uiBulkIds: string[];
  execIds: string[];
  /** The mixed group. */
  poolIds: string[];
}

function system(
  id: string,
  index: number,
  state: NonNullable<FixtureSystem['state']>,
  vm: boolean,
): FixtureSystem {
  return {
    id,
    name: `${id.replace(/^soak-/, '')}-${OWNERS[index % OWNERS.length]}`,
    owner: OWNERS[index % OWNERS.length]!,
    systemType: vm ? 'VirtualMachine' : 'Container',
    // Linux: an exec runs its command line on the simulator's host as written.
    runtimeOsType: 'linux',
    state,
    uptimeSeconds: 60 + index,
  };
}

/** `total` systems (at least MIN_SYSTEMS), completions after `completionDelayMs`. */
export function soakWorld(total: number, completionDelayMs: number): SoakWorld {
  if (total < MIN_SYSTEMS) throw new Error(`the soak needs at least ${MIN_SYSTEMS} systems`);
  const systems: FixtureSystem[] = [];
  PROBE_IDS.forEach((id, i) => systems.push(system(id, i, 'Running', true)));
  const uiBulkIds = Array.from({ length: UI_BULK_COUNT }, (_, i) => `${UI_BULK_PREFIX}${pad(i, 2)}`);
  uiBulkIds.forEach((id, i) => systems.push(system(id, i, 'Running', false)));
  const execIds = Array.from({ length: EXEC_COUNT }, (_, i) => `${EXEC_PREFIX}${pad(i, 2)}`);
  execIds.forEach((id, i) => systems.push(system(id, i, 'Running', i % 2 === 0)));
  const poolCount = total - systems.length;
  const poolIds = Array.from({ length: poolCount }, (_, i) => `soak-sys-${pad(i, 3)}`);
  poolIds.forEach((id, i) => systems.push(system(id, i, STATES[i % STATES.length]!, i % 3 === 0)));
  return {
    fixture: { completionDelayMs, systems },
    seeded: new Map(systems.map((s) => [s.id, s.state!])),
    uiBulkIds,
    execIds,
    poolIds,
  };
}
