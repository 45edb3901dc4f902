import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  memo,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartColors } from './palette.ts';
import { columns, formatValue, type ChartSpec, type Timed } from './series.ts';

const HEIGHT = 150;

const useStyles = makeStyles({
  figure: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    // Off screen the browser skips the chart's style, layout and paint (and its canvas's layer): a page of
    // many charts then costs, each frame, what is in view. `auto` remembers the last size it had on screen.
    contentVisibility: 'auto',
    containIntrinsicSize: 'auto 260px',
  },
  caption: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  readout: { color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  plot: {
    minHeight: `${HEIGHT}px`,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  item: { display: 'inline-flex', alignItems: 'center', marginRight: tokens.spacingHorizontalS },
  swatch: { display: 'inline-block', width: '12px', height: '3px' },
  off: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  // Two lines reserved: a longer text alternative does not move what follows.
  description: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    margin: 0,
    minHeight: `calc(2 * ${tokens.lineHeightBase200})`,
  },
});

/**
 * A series' toggle button. Its name is the series alone (it stays the same as values change; the value is
 * written after it), and it re-renders only when it is toggled: a new sample changes the values, not it.
 */
const LegendToggle = memo(function LegendToggle({
  seriesKey,
  label,
  off,
  color,
  onToggle,
}: {
  seriesKey: string;
  label: string;
  off: boolean;
  color: string;
  onToggle(key: string): void;
}) {
  const styles = useStyles();
  return (
    <Button
      size="small"
      appearance="subtle"
      aria-pressed={!off}
      title={off ? `Show ${label}` : `Hide ${label}`}
      onClick={() => onToggle(seriesKey)}
      icon={<span className={styles.swatch} style={{ backgroundColor: color }} />}
    >
      <span className={mergeClasses(off && styles.off)}>{label}</span>
    </Button>
  );
});

interface Props<T extends Timed> {
  spec: ChartSpec<T>;
  /** The rows in the window, oldest first. */
  samples: readonly T[];
  /** The time span the x axis shows, ending at `end` (ms). */
  windowMs: number;
  end: number;
  hidden: ReadonlySet<string>;
  onToggle(key: string): void;
  /** The text alternative: the newest values and their trend. */
  description: string;
  colors: ChartColors;
  /** The level of the chart's title in the page's outline: one below the heading the charts sit under. */
  headingLevel?: 3 | 4;
}

const timeOf = (ms: number) => new Date(ms).toLocaleTimeString();

/**
 * One live time series chart (uPlot on a canvas): a crosshair with the exact values under the pointer (or the
 * arrow keys, once the plot has focus), units on the axis, and a legend of toggle buttons that hide a series.
 * Its text alternative names the newest values and their trend; the numbers are in the view's table.
 */
export function TimeSeriesChart<T extends Timed>({
  spec,
  samples,
  windowMs,
  end,
  hidden,
  onToggle,
  description,
  colors,
  headingLevel = 4,
}: Props<T>) {
  const styles = useStyles();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const baseId = useId();
  const figureRef = useRef<HTMLElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const latest = useRef({ samples, end, windowMs });
  latest.current = { samples, end, windowMs };
  /** Whether the browser renders the chart (true until it says it skips it as off screen), and what it shows. */
  const visible = useRef(true);
  const drawn = useRef<typeof latest.current | null>(null);

  /** Shows the latest data and window, unless the chart shows them already. */
  const draw = useCallback(() => {
    const chart = chartRef.current;
    const now = latest.current;
    if (!chart || drawn.current === now) return;
    drawn.current = now;
    chart.batch(() => {
      // Resetting the scales ranges y again (from 0, through `range`); x then gets the window.
      chart.setData(columns(spec, now.samples), true);
      chart.setScale('x', { min: now.end - now.windowMs, max: now.end });
    });
  }, [spec]);

  // The chart is made once per series layout and colour set; data and window changes go through setData.
  useLayoutEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const axis = {
      stroke: colors.axis,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid },
    };
    const options: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      ms: 1,
      legend: { show: false },
      cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 6 } },
      scales: {
        x: { time: true },
        y: {
          range: (_u, _min, max) => [0, spec.max ?? (max > 0 ? max * 1.15 : 1)],
        },
      },
      axes: [
        axis,
        { ...axis, size: 84, values: (_u, splits) => splits.map((v) => formatValue(v, spec.unit)) },
      ],
      series: [
        {},
        ...spec.series.map((series) => ({
          label: series.label,
          stroke: colors.series[series.color % colors.series.length],
          width: 1.5,
          spanGaps: false,
          show: !hidden.has(series.key),
        })),
      ],
      hooks: { setCursor: [(u: uPlot) => setCursor(u.cursor.idx ?? null)] },
    };
    const { samples: now, end: right, windowMs: span } = latest.current;
    const chart = new uPlot(options, columns(spec, now), el);
    chart.setScale('x', { min: right - span, max: right });
    chartRef.current = chart;
    drawn.current = latest.current;
    const resize = new ResizeObserver(() =>
      chart.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    // Off screen (scrolled away) the browser skips the figure's content (`content-visibility: auto`) and
    // says so with this event: the chart is then not redrawn, and catches up when it shows. The browser keeps
    // one observer for all such elements; one IntersectionObserver per chart cost a page of 200 charts more
    // each frame (`npm run bench -- ui-charts`). Where the event does not exist the chart always draws.
    const figure = figureRef.current;
    const onSkipChange = (event: Event) => {
      visible.current = !(event as Event & { skipped?: boolean }).skipped;
      if (visible.current) draw();
    };
    figure?.addEventListener('contentvisibilityautostatechange', onSkipChange);
    return () => {
      figure?.removeEventListener('contentvisibilityautostatechange', onSkipChange);
      resize.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
    // `hidden` is applied by the effect below; a new chart only for a new layout or theme.
  }, [spec, colors]);

  useEffect(() => {
    if (visible.current) draw();
  }, [spec, samples, end, windowMs, draw]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    spec.series.forEach((series, i) => {
      const show = !hidden.has(series.key);
      if (chart.series[i + 1]?.show !== show) chart.setSeries(i + 1, { show });
    });
  }, [spec, hidden]);

  // Arrow keys walk the crosshair over the samples; Escape hides it.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const chart = chartRef.current;
    if (!chart || samples.length === 0) return;
    const current = cursor ?? samples.length;
    let next: number | null;
    if (e.key === 'ArrowLeft') next = Math.max(0, current - 1);
    else if (e.key === 'ArrowRight') next = Math.min(samples.length - 1, current + 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = samples.length - 1;
    else if (e.key === 'Escape') next = null;
    else return;
    e.preventDefault();
    if (next === null) chart.setCursor({ left: -10, top: -10 });
    else chart.setCursor({ left: chart.valToPos(samples[next]!.at, 'x'), top: chart.bbox.height / 4 });
  };

  const at = cursor !== null ? samples[cursor] : undefined;
  const shown = at ?? samples[samples.length - 1];
  const titleId = `${baseId}-title`;
  const descriptionId = `${baseId}-description`;
  return (
    <figure ref={figureRef} className={styles.figure} aria-labelledby={titleId}>
      <figcaption className={styles.caption}>
        <Heading className={styles.title} id={titleId}>
          {spec.title}
        </Heading>
        <Text size={200} className={styles.readout}>
          {at ? `at ${timeOf(at.at)}` : shown ? 'now' : ''}
        </Text>
      </figcaption>
      <div
        ref={plotRef}
        className={styles.plot}
        role="img"
        tabIndex={0}
        aria-label={`${spec.title} chart. ${description} Arrow keys move the crosshair.`}
        aria-describedby={descriptionId}
        onKeyDown={onKeyDown}
      />
      <div role="group" aria-label={`${spec.title} series`} className={styles.legend}>
        {spec.series.map((series) => {
          const off = hidden.has(series.key);
          const value = shown ? formatValue(series.value(shown), spec.unit) : '—';
          // The button's name is the series alone (it stays the same as values change); the value follows it.
          return (
            <span key={series.key} className={styles.item}>
              <LegendToggle
                seriesKey={series.key}
                label={series.label}
                off={off}
                color={colors.series[series.color % colors.series.length]!}
                onToggle={onToggle}
              />
              <Text size={200} className={styles.readout}>
                {off ? 'hidden' : value}
              </Text>
            </span>
          );
        })}
      </div>
      <p id={descriptionId} className={styles.description}>
        {description}
      </p>
    </figure>
  );
}
