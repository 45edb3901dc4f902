import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { Splitter } from '../components/common/Splitter.tsx';
import { BulkActions } from '../components/list/BulkActions.tsx';
import { ListToolbar } from '../components/list/ListToolbar.tsx';
import { SystemsGrid } from '../components/list/SystemsGrid.tsx';
import { deferred } from '../lib/deferred.tsx';
import { useSettings, useSettingsStore } from '../settings/settings-store.ts';
import { useApp } from '../store/context.tsx';

// The details (with the editor and the charts behind them) are a chunk of their own, loaded when first opened.
const DetailsPane = deferred(
  () => import('../components/details/DetailsPane.tsx').then((m) => m.DetailsPane),
  'the details',
);

/** The details pane is never narrower than this, nor the list beside it. */
export const MIN_DETAILS_WIDTH = 320;
export const MIN_LIST_WIDTH = 280;
/** The details' share of the window until the person moves the divider. */
const DETAILS_SHARE = 0.4;

const useStyles = makeStyles({
  main: {
    height: '100%',
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gridTemplateRows: 'minmax(0, 1fr)',
    minHeight: 0,
  },
  // One grid cell, so the details pane takes the whole height and scrolls inside it.
  details: { display: 'grid', gridTemplateRows: 'minmax(0, 1fr)', minWidth: 0, minHeight: 0 },
  divider: { width: '8px' },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    minHeight: 0,
    minWidth: 0,
  },
});

/** How many systems the list shows of how many there are (it follows HCS live; there is no refresh). */
function ListStatus() {
  const total = useApp((s) => s.systems.size);
  const shown = useApp((s) => s.visibleIds.length);
  return (
    <Text size={200}>
      {shown === total
        ? `${total} ${total === 1 ? 'system' : 'systems'}`
        : `${shown} of ${total} systems shown`}
    </Text>
  );
}

/** The element's laid-out width, followed as the window resizes (0 until it is laid out). */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(element.offsetWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * The list of compute systems and, beside it, the details of the open one, with a divider between them that
 * a person drags or moves with the arrow keys; the details' width is remembered (settings.layout.detailsWidth).
 */
export function SystemsView() {
  const styles = useStyles();
  const detailsOpen = useApp((s) => s.detailsId !== null);
  const settings = useSettingsStore();
  const saved = useSettings((s) => s.settings.layout.detailsWidth);
  // While the divider moves, its width is shown at once; saved when the move ends.
  const [moving, setMoving] = useState<number | null>(null);
  useEffect(() => setMoving(null), [saved]);
  const mainRef = useRef<HTMLElement>(null);
  const mainWidth = useWidth(mainRef);
  const detailsId = useId();
  const max = Math.max(MIN_DETAILS_WIDTH, mainWidth - MIN_LIST_WIDTH);
  const width = Math.round(
    Math.max(MIN_DETAILS_WIDTH, Math.min(max, moving ?? saved ?? mainWidth * DETAILS_SHARE)),
  );
  const columns = !detailsOpen
    ? undefined
    : mainWidth === 0
      ? `minmax(0, 3fr) 8px minmax(${MIN_DETAILS_WIDTH}px, 2fr)`
      : `minmax(0, 1fr) 8px ${width}px`;
  return (
    <main
      ref={mainRef}
      className={styles.main}
      style={columns ? { gridTemplateColumns: columns } : undefined}
    >
      <section className={styles.list} aria-label="Systems">
        <ListToolbar />
        <BulkActions />
        <SystemsGrid />
        <ListStatus />
      </section>
      {detailsOpen && (
        <>
          <Splitter
            className={styles.divider}
            label="Width of the details pane"
            controls={detailsId}
            value={width}
            min={MIN_DETAILS_WIDTH}
            max={max}
            direction={-1}
            onResize={setMoving}
            onCommit={(w) => {
              setMoving(w);
              void settings.getState().update({ layout: { detailsWidth: w } });
            }}
          />
          <div id={detailsId} className={styles.details}>
            <DetailsPane fallback={<Spinner size="small" label="Loading the details…" />} />
          </div>
        </>
      )}
    </main>
  );
}
