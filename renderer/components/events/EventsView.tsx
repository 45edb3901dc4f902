import {
  Button,
  Dropdown,
  Link,
  MessageBar,
  MessageBarBody,
  Option,
  SearchBox,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { TimelineKind, TimelineResult, type TimelineEntry } from '../../../src/contract/index.ts';
import { useExecServices } from '../../exec/context.tsx';
import { downloadText } from '../../lib/export.ts';
import { formatTime } from '../../lib/format.ts';
import { useAppStore, useTimelineService } from '../../store/context.tsx';
import { ACTOR_LABEL, KIND_LABEL, RESULT_LABEL } from '../../timeline/describe.ts';
import { NO_FILTER, filterEntries, toCsv, toJson, type TimelineFilter } from '../../timeline/filter.ts';
import { showSystem } from '../../views/show-system.ts';
import { ErrorDetails } from '../common/ErrorDetails.tsx';
import { NotificationsControl } from './NotificationsControl.tsx';

const ROW_HEIGHT = 32;
const GRID =
  'minmax(104px, 0.7fr) minmax(140px, 1.4fr) minmax(96px, 0.8fr) minmax(110px, 0.9fr) minmax(180px, 2.4fr) minmax(84px, 0.7fr)';

const useStyles = makeStyles({
  view: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    boxSizing: 'border-box',
    minHeight: 0,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  search: { minWidth: '200px', flex: '1 1 200px', maxWidth: '360px' },
  filter: { minWidth: '150px' },
  table: { display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 },
  row: {
    display: 'grid',
    gridTemplateColumns: GRID,
    alignItems: 'center',
    height: `${ROW_HEIGHT}px`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  header: { fontWeight: tokens.fontWeightSemibold, borderBottom: `1px solid ${tokens.colorNeutralStroke1}` },
  body: { flex: 1, overflow: 'auto', position: 'relative', minHeight: '120px' },
  bodyRow: { position: 'absolute', top: 0, left: 0, width: '100%', cursor: 'pointer' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  cell: {
    padding: `0 ${tokens.spacingHorizontalS}`,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  failed: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  details: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
    maxHeight: '30%',
    overflow: 'auto',
  },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3 },
});

function MultiFilter<T extends string>({
  label,
  placeholder,
  options,
  chosen,
  name,
  onChange,
}: {
  label: string;
  placeholder: string;
  options: readonly T[];
  chosen: readonly T[];
  name: (value: T) => string;
  onChange: (values: T[]) => void;
}) {
  const styles = useStyles();
  return (
    <Dropdown
      className={styles.filter}
      aria-label={label}
      multiselect
      placeholder={placeholder}
      value={chosen.map(name).join(', ')}
      selectedOptions={[...chosen]}
      onOptionSelect={(_, data) =>
        onChange(data.selectedOptions.filter((v) => options.includes(v as T)) as T[])
      }
    >
      {options.map((value) => (
        <Option key={value} value={value} text={name(value)}>
          {name(value)}
        </Option>
      ))}
    </Dropdown>
  );
}

/**
 * Every HCS notification and every operation across all systems, newest first, from the app core's log (the
 * same in every window): filters by system, kind and result, a search over every field, export as JSON or CSV
 * (what the filters show), and an entry's full detail — HCS's error and its events — below the list.
 */
export function EventsView() {
  const styles = useStyles();
  const timeline = useTimelineService();
  const entries = useStore(timeline.store, (s) => s.entries);
  const error = useStore(timeline.store, (s) => s.error);
  const store = useAppStore();
  const { store: exec } = useExecServices();
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER);
  const [selected, setSelected] = useState<number | null>(null);
  const shown = useMemo(() => filterEntries(entries, filter), [entries, filter]);
  const systems = useMemo(() => [...new Set(entries.map((e) => e.systemId))].sort(), [entries]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => shown[i]?.seq ?? i,
    overscan: 10,
  });
  const chosen = selected === null ? undefined : entries.find((e) => e.seq === selected);
  const set = (patch: Partial<TimelineFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

  return (
    <main className={styles.view} aria-labelledby="events-heading">
      <h2 id="events-heading" className={styles.heading}>
        Events
      </h2>
      <div className={styles.bar} role="search" aria-label="Find events">
        <SearchBox
          className={styles.search}
          aria-label="Search events"
          placeholder="Search events"
          value={filter.search}
          onChange={(_, data) => set({ search: data.value })}
        />
        <MultiFilter
          label="Filter by system"
          placeholder="All systems"
          options={systems}
          chosen={filter.systems}
          name={(id) => id}
          onChange={(values) => set({ systems: values })}
        />
        <MultiFilter
          label="Filter by kind"
          placeholder="All kinds"
          options={TimelineKind.options}
          chosen={filter.kinds}
          name={(kind) => KIND_LABEL[kind]}
          onChange={(values) => set({ kinds: values })}
        />
        <MultiFilter
          label="Filter by result"
          placeholder="All results"
          options={TimelineResult.options}
          chosen={filter.results}
          name={(result) => (result === 'info' ? 'No result' : RESULT_LABEL[result])}
          onChange={(values) => set({ results: values })}
        />
        <Button
          icon={<ArrowDownloadRegular />}
          disabled={shown.length === 0}
          onClick={() => downloadText(`hcs-events-${stamp()}.json`, toJson(shown, filter))}
        >
          Export JSON
        </Button>
        <Button
          icon={<ArrowDownloadRegular />}
          disabled={shown.length === 0}
          onClick={() => downloadText(`hcs-events-${stamp()}.csv`, toCsv(shown), 'text/csv')}
        >
          Export CSV
        </Button>
      </div>
      <NotificationsControl />
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{`The events could not be read: ${error.message}`}</MessageBarBody>
        </MessageBar>
      )}
      <Text size={200} role="status">
        {shown.length === entries.length
          ? `${entries.length} ${entries.length === 1 ? 'event' : 'events'}`
          : `${shown.length} of ${entries.length} events shown`}
      </Text>
      {shown.length === 0 ? (
        <p className={styles.empty}>
          {entries.length === 0
            ? 'Nothing has happened since HCS Desktop started.'
            : 'No events match the search or filters.'}
        </p>
      ) : (
        <div role="table" aria-label="Events" aria-rowcount={shown.length + 1} className={styles.table}>
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} className={mergeClasses(styles.row, styles.header)}>
              {['Time', 'System', 'Kind', 'Who', 'What', 'Result'].map((h) => (
                <div key={h} role="columnheader" className={styles.cell}>
                  {h}
                </div>
              ))}
            </div>
          </div>
          <div
            role="rowgroup"
            ref={scrollRef}
            className={styles.body}
            tabIndex={0}
            aria-label="Events, newest first"
          >
            <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const e = shown[item.index];
                return e ? (
                  <EventRow
                    key={e.seq}
                    entry={e}
                    index={item.index}
                    start={item.start}
                    selected={e.seq === selected}
                    onSelect={() => setSelected(e.seq === selected ? null : e.seq)}
                    onShowSystem={() => showSystem(store, exec, e.systemId)}
                  />
                ) : null;
              })}
            </div>
          </div>
        </div>
      )}
      {chosen && <EntryDetails entry={chosen} />}
    </main>
  );
}

function EventRow({
  entry: e,
  index,
  start,
  selected,
  onSelect,
  onShowSystem,
}: {
  entry: TimelineEntry;
  index: number;
  start: number;
  selected: boolean;
  onSelect: () => void;
  onShowSystem: () => void;
}) {
  const styles = useStyles();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={mergeClasses(styles.row, styles.bodyRow, selected && styles.selected)}
      style={{ transform: `translateY(${start}px)` }}
      onClick={onSelect}
    >
      <div role="cell" className={styles.cell} title={new Date(e.at).toISOString()}>
        {formatTime(e.at)}
      </div>
      <div role="cell" className={mergeClasses(styles.cell, styles.mono)} title={e.systemId}>
        <Link
          as="button"
          onClick={(ev) => {
            ev.stopPropagation();
            onShowSystem();
          }}
        >
          {e.systemId}
        </Link>
      </div>
      <div role="cell" className={styles.cell}>
        {KIND_LABEL[e.kind]}
      </div>
      <div role="cell" className={styles.cell}>
        {ACTOR_LABEL[e.who]}
      </div>
      <div role="cell" className={styles.cell} title={e.detail ? `${e.what} (${e.detail})` : e.what}>
        {e.what}
        {e.detail ? ` — ${e.detail}` : ''}
      </div>
      <div role="cell" className={mergeClasses(styles.cell, e.result === 'failed' && styles.failed)}>
        <Button
          size="small"
          appearance="transparent"
          aria-expanded={selected}
          onClick={(ev) => {
            ev.stopPropagation();
            onSelect();
          }}
        >
          {RESULT_LABEL[e.result]}
        </Button>
      </div>
    </div>
  );
}

function EntryDetails({ entry: e }: { entry: TimelineEntry }) {
  const styles = useStyles();
  return (
    <section className={styles.details} aria-label="Event details">
      <Text weight="semibold">
        {formatTime(e.at)} · {e.systemId} · {KIND_LABEL[e.kind]} by {ACTOR_LABEL[e.who]}
      </Text>
      <p>
        {e.what}: {RESULT_LABEL[e.result]}
        {e.detail ? ` (${e.detail})` : ''}
      </p>
      {e.error && (
        <div>
          {e.error.message}
          <ErrorDetails error={e.error} />
        </div>
      )}
    </section>
  );
}
