import { availableParallelism } from 'node:os';

/**
 * The host's logical processors, which a container's processor percentage is of (the app core's statistics,
 * src/app/statistics/derive.ts). HCS runs on this machine, so the count Node sees is the count HCS schedules.
 */
export function hostProcessorCount(): number {
  return availableParallelism();
}
