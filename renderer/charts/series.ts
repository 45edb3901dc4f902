import type { StatisticsSample } from '../../src/contract/index.ts';
import { formatBytes } from '../lib/format.ts';

/** How a chart's values read: the unit of its axis, its legend and its text alternative. */
export type Unit = 'percent' | 'bytes' | 'bytesPerSecond';

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'percent':
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} %`;
    case 'bytes':
      return formatBytes(value);
    case 'bytesPerSecond':
      return `${formatBytes(value)}/s`;
  }
}

/** What a chart plots: rows taken at a time (a system's samples, the host's totals). */
export interface Timed {
  /** ms since the epoch. */
  at: number;
}

export interface SeriesSpec<T extends Timed = StatisticsSample> {
  /** Stable key (for the hidden-series state) and its label in the legend. */
  key: string;
  label: string;
  /** The palette slot (charts/palette.ts): each chart's series take distinct colours. */
  color: number;
  value(row: T): number | null;
}

export interface ChartSpec<T extends Timed = StatisticsSample> {
  key: string;
  title: string;
  unit: Unit;
  /** A fixed y range (CPU: 0–100 %); auto from 0 otherwise. */
  max?: number;
  series: SeriesSpec<T>[];
}

const CPU: ChartSpec = {
  key: 'cpu',
  title: 'CPU',
  unit: 'percent',
  max: 100,
  series: [{ key: 'cpu', label: 'CPU', color: 0, value: (s) => s.cpuPercent }],
};

const STORAGE: ChartSpec = {
  key: 'storage',
  title: 'Storage',
  unit: 'bytesPerSecond',
  series: [
    { key: 'read', label: 'Read', color: 0, value: (s) => s.storage.readBytesPerSecond },
    { key: 'write', label: 'Write', color: 1, value: (s) => s.storage.writeBytesPerSecond },
  ],
};

const NETWORK: ChartSpec = {
  key: 'network',
  title: 'Network',
  unit: 'bytesPerSecond',
  series: [
    { key: 'rx', label: 'Receive', color: 0, value: (s) => s.network?.receiveBytesPerSecond ?? null },
    { key: 'tx', label: 'Transmit', color: 1, value: (s) => s.network?.transmitBytesPerSecond ?? null },
  ],
};

/** Memory: a container's working set and commit; a VM also has its assigned and available memory. */
function memoryChart(vm: boolean): ChartSpec {
  const series: SeriesSpec[] = [
    { key: 'workingSet', label: 'Working set', color: 0, value: (s) => s.memory.workingSetBytes },
    { key: 'commit', label: 'Committed', color: 1, value: (s) => s.memory.commitBytes },
  ];
  if (vm) {
    series.push(
      { key: 'assigned', label: 'Assigned', color: 2, value: (s) => s.memory.assignedBytes },
      { key: 'available', label: 'Available', color: 3, value: (s) => s.memory.availableBytes },
    );
  }
  return { key: 'memory', title: 'Memory', unit: 'bytes', series };
}

/** The charts for these samples: memory has VM series when HCS reports them; network only when it has figures. */
export function chartsFor(samples: readonly StatisticsSample[]): ChartSpec[] {
  const vm = samples.some((s) => s.memory.assignedBytes !== null || s.memory.availableBytes !== null);
  const charts = [CPU, memoryChart(vm), STORAGE];
  if (samples.some((s) => s.network !== null)) charts.push(NETWORK);
  return charts;
}

/** The rows within the window that ends at the newest one (or at `end`). */
export function inWindow<T extends Timed>(
  samples: readonly T[],
  windowMs: number,
  end = samples[samples.length - 1]?.at ?? 0,
): T[] {
  const from = end - windowMs;
  let i = samples.length;
  while (i > 0 && samples[i - 1]!.at >= from) i--;
  return samples.slice(i);
}

/** uPlot's columns: times (ms) and one array per series, null where a value is missing (a gap). */
export function columns<T extends Timed>(
  chart: ChartSpec<T>,
  samples: readonly T[],
): [number[], ...(number | null)[][]] {
  const times = samples.map((s) => s.at);
  const values = chart.series.map((series) => samples.map((s) => series.value(s)));
  return [times, ...values];
}

export type Trend = 'rising' | 'falling' | 'steady';

/**
 * Whether a series rose or fell over the window: the mean of its last fifth against its first fifth, counted
 * as a change when it moved by more than a tenth of the larger of the two (and by more than `floor`, so noise
 * around zero is steady).
 */
export function trendOf(values: readonly (number | null)[], floor: number): Trend | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length < 4) return null;
  const fifth = Math.max(1, Math.floor(present.length / 5));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean(present.slice(0, fifth));
  const last = mean(present.slice(-fifth));
  const change = last - first;
  if (Math.abs(change) <= Math.max(floor, Math.max(Math.abs(first), Math.abs(last)) * 0.1)) return 'steady';
  return change > 0 ? 'rising' : 'falling';
}

/** What moving "noticeably" means per unit: below this, a change is noise. */
const TREND_FLOOR: Record<Unit, number> = { percent: 1, bytes: 1024 * 1024, bytesPerSecond: 1024 };

/**
 * The chart's text alternative: its newest values and their trend, e.g. "CPU 12 %, rising over the last
 * 5 minutes." Hidden series are left out.
 */
export function describeChart<T extends Timed>(
  chart: ChartSpec<T>,
  samples: readonly T[],
  windowMinutes: number,
  hidden: ReadonlySet<string> = new Set(),
): string {
  const shown = chart.series.filter((s) => !hidden.has(s.key));
  const last = samples[samples.length - 1];
  if (!last || shown.length === 0) return `${chart.title}: no samples yet.`;
  const parts = shown.map((series) => {
    const values = samples.map((s) => series.value(s));
    const trend = trendOf(values, TREND_FLOOR[chart.unit]);
    const label = shown.length === 1 && series.label === chart.title ? chart.title : series.label;
    return `${label} ${formatValue(series.value(last), chart.unit)}${trend ? `, ${trend}` : ''}`;
  });
  const prefix = shown.length === 1 && shown[0]!.label === chart.title ? '' : `${chart.title}: `;
  return `${prefix}${parts.join('; ')} over the last ${windowMinutes} minutes.`;
}
