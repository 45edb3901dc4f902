// Live statistics: one sampler per watched system, shared by every watcher (src/contract/statistics.ts).
export {
  StatisticsHub,
  DEFAULT_STATISTICS_GRACE_MS,
  DEFAULT_STATISTICS_INTERVAL_MS,
  type StatisticsHubDeps,
} from './hub.ts';
export type { StatisticsWatcher, WatchAnswer } from './sampler.ts';
export { deriveStatisticsSample, readStatistics, type StatisticsReading } from './derive.ts';
