// Live statistics: one sampler per watched system, shared by every watcher (src/contract/statistics.ts).
export { StatisticsHub } from './hub.ts';
export type { StatisticsWatcher } from './sampler.ts';
export type { HostWatcher } from './host.ts';
