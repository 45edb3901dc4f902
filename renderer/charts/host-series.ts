import type { HostTotals } from '../../src/contract/index.ts';
import type { ChartSpec } from './series.ts';

/** The host view's charts: the running systems' total CPU and memory (the charts and their table). */
export const HOST_CHARTS: readonly ChartSpec<HostTotals>[] = [
  {
    key: 'cpu',
    title: 'CPU of running systems',
    unit: 'percent',
    max: 100,
    series: [{ key: 'cpu', label: 'Share of the host', color: 0, value: (t) => t.cpuPercent }],
  },
  {
    key: 'memory',
    title: 'Memory of running systems',
    unit: 'bytes',
    series: [
      {
        key: 'memory',
        label: 'Working sets',
        color: 1,
        value: (t) => (t.sampled > 0 ? t.memoryBytes : null),
      },
    ],
  },
];
