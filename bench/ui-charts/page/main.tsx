/**
 * The page of the ui-charts section: 50 running systems' statistics, each system a panel with the app's own
 * summary figures and (mode `charts`) the app's statistics charts (renderer/charts/StatisticsCharts.tsx, uPlot),
 * or (mode `plain`) the figures alone: the same page, the same updates, without charts. History: five minutes
 * a second apart per system, as the core's sampler hands a new view; then one new sample per system per second,
 * the systems spread over the second as their samplers are.
 *
 * Measuring: a requestAnimationFrame loop applies the samples that are due (flushSync: React renders and the
 * charts' effects run inside the callback), and the frame's time is from the start of that callback to a task
 * posted from it, which runs once the browser has produced the frame (style, layout, paint). Frames with no
 * update are not counted. `window.__charts.measure(ms)` resolves with the frame times of that span.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { StatisticsSample } from '../../../src/contract/index.ts';
import StatisticsCharts from '../../../renderer/charts/StatisticsCharts.tsx';
import { formatBytes, formatDuration100ns } from '../../../renderer/lib/format.ts';
import { ThemeValuesContext } from '../../../renderer/theme.ts';

const SYSTEMS = 50;
const HISTORY = 300;
const INTERVAL_MS = 1000;
const MiB = 1024 * 1024;

/** A deterministic sample: CPU and rates wander, memory drifts, counters grow. */
function sample(system: number, seq: number, at: number): StatisticsSample {
  const phase = system * 0.37 + seq * 0.05;
  const wave = (k: number) => (Math.sin(phase * k) + 1) / 2;
  return {
    seq,
    at,
    uptime100ns: (seq + 60) * 1e7,
    processorCount: 2,
    cpuPercent: 5 + 60 * wave(1) * wave(0.3),
    cpuTime100ns: seq * 3e6,
    memory: {
      commitBytes: (300 + 50 * wave(0.2)) * MiB,
      commitPeakBytes: 400 * MiB,
      workingSetBytes: (200 + 40 * wave(0.2)) * MiB,
      assignedBytes: null,
      availableBytes: null,
    },
    storage: {
      readBytes: seq * 4096,
      writeBytes: seq * 2048,
      readBytesPerSecond: 200_000 * wave(1.7),
      writeBytesPerSecond: 90_000 * wave(2.3),
    },
    network: {
      receivedBytes: seq * 10_000,
      sentBytes: seq * 5_000,
      receiveBytesPerSecond: 50_000 * wave(0.9),
      transmitBytesPerSecond: 20_000 * wave(1.1),
    },
  };
}

/** Each system's samples, and who listens to them. */
const samples: StatisticsSample[][] = [];
const listeners: Array<Set<() => void>> = [];
const start = Date.now();
for (let i = 0; i < SYSTEMS; i++) {
  samples.push(Array.from({ length: HISTORY }, (_, s) => sample(i, s, start - (HISTORY - s) * INTERVAL_MS)));
  listeners.push(new Set());
}

function push(i: number): void {
  const list = samples[i]!;
  const next = sample(i, list[list.length - 1]!.seq + 1, Date.now());
  samples[i] = [...list.slice(1), next];
  for (const listener of listeners[i]!) listener();
}

function useSamples(i: number): StatisticsSample[] {
  return useSyncExternalStore(
    (listener) => {
      listeners[i]!.add(listener);
      return () => listeners[i]!.delete(listener);
    },
    () => samples[i]!,
  );
}

function Panel({ index, charts }: { index: number; charts: boolean }) {
  const list = useSamples(index);
  const last = list[list.length - 1]!;
  const figures: Array<[string, string]> = [
    ['Uptime', formatDuration100ns(last.uptime100ns)],
    ['CPU', `${last.cpuPercent?.toFixed(1) ?? '—'} %`],
    ['Memory commit', formatBytes(last.memory.commitBytes)],
    ['Private working set', formatBytes(last.memory.workingSetBytes)],
    ['Storage read', formatBytes(last.storage.readBytes)],
    ['Storage written', formatBytes(last.storage.writeBytes)],
  ];
  return (
    <section aria-label={`system ${index}`} style={{ padding: 8, borderBottom: '1px solid #ccc' }}>
      <h2 style={{ margin: 0, fontSize: 16 }}>system-{index}</h2>
      <dl style={{ display: 'flex', gap: 16, margin: '4px 0' }}>
        {figures.map(([term, value]) => (
          <div key={term}>
            <dt style={{ fontSize: 12 }}>{term}</dt>
            <dd style={{ margin: 0 }}>{value}</dd>
          </div>
        ))}
      </dl>
      {charts && <StatisticsCharts samples={list} windowMinutes={5} />}
    </section>
  );
}

const mode = new URLSearchParams(location.search).get('mode');
if (mode !== 'charts' && mode !== 'plain')
  throw new Error(`unknown mode ${mode ?? '(none)'}: use ?mode=charts or plain`);
const charts = mode === 'charts';

/** When each system's next sample is due (spread over the second). */
const due = Array.from({ length: SYSTEMS }, (_, i) => performance.now() + (i * INTERVAL_MS) / SYSTEMS);
let frames: number[] | null = null;
const channel = new MessageChannel();
let pendingStart: number | null = null;
channel.port1.onmessage = () => {
  if (pendingStart !== null && frames) frames.push(performance.now() - pendingStart);
  pendingStart = null;
};

function frame(): void {
  const t0 = performance.now();
  const ready: number[] = [];
  for (let i = 0; i < SYSTEMS; i++) {
    if (t0 >= due[i]!) {
      ready.push(i);
      due[i] = due[i]! + INTERVAL_MS;
      if (due[i]! < t0) due[i] = t0 + INTERVAL_MS;
    }
  }
  if (ready.length > 0) {
    flushSync(() => {
      for (const i of ready) push(i);
    });
    if (frames && pendingStart === null) {
      pendingStart = t0;
      channel.port2.postMessage(null);
    }
  }
  requestAnimationFrame(frame);
}

function App() {
  return (
    <FluentProvider theme={webLightTheme}>
      <ThemeValuesContext.Provider value={webLightTheme}>
        <main>
          {Array.from({ length: SYSTEMS }, (_, i) => (
            <Panel key={i} index={i} charts={charts} />
          ))}
        </main>
      </ThemeValuesContext.Provider>
    </FluentProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(<App />);
requestAnimationFrame(frame);

(window as unknown as { __charts: unknown }).__charts = {
  ready: () =>
    document.querySelectorAll('section[aria-label^="system "]').length === SYSTEMS &&
    (!charts || document.querySelectorAll('canvas').length >= SYSTEMS * 4),
  measure: (ms: number) =>
    new Promise<number[]>((resolve) => {
      frames = [];
      setTimeout(() => {
        const result = frames ?? [];
        frames = null;
        resolve(result);
      }, ms);
    }),
};
