import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useStatisticsService } from '../store/context.tsx';
import type { SystemStatistics } from './statistics-store.ts';

/**
 * The live statistics of a system while the calling component is mounted: watched on mount, unwatched on
 * unmount (every view of one window shares the window's one watch). Undefined only before the first render's
 * effect ran.
 */
export function useStatistics(id: string): SystemStatistics | undefined {
  const service = useStatisticsService();
  useEffect(() => service.watch(id), [service, id]);
  return useStore(service.store, (s) => s.byId[id]);
}
