import { Button, Link, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { SystemState, type SystemSummary } from '../../../src/contract/index.ts';
import { ChartTable } from '../../charts/ChartTable.tsx';
import { HOST_CHARTS } from '../../charts/host-series.ts';
import { useExecServices } from '../../exec/context.tsx';
import { formatBytes, formatTime } from '../../lib/format.ts';
import { HCS_API_LABEL, formatSchemaVersion, supportedSchemaVersions } from '../../lib/hcs-api.ts';
import { ownerInfo } from '../../lib/owners.ts';
import { usePreferences } from '../../preferences/preferences-store.ts';
import { useApi, useApp, useAppStore, useHostStatistics, useTimelineService } from '../../store/context.tsx';
import { makeAllSystemsSelector } from '../../store/selectors.ts';
import { ACTOR_LABEL, entrySummary } from '../../timeline/describe.ts';
import { OwnerMark } from '../common/OwnerMark.tsx';

// uPlot loads with the first chart, in its own chunk.
const HostCharts = lazy(() => import('../../charts/HostCharts.tsx'));

const LATEST_EVENTS = 8;

const useStyles = makeStyles({
  view: { height: '100%', overflow: 'auto', padding: tokens.spacingHorizontalL, boxSizing: 'border-box' },
  heading: { margin: `0 0 ${tokens.spacingVerticalM}`, fontSize: tokens.fontSizeBase500 },
  sections: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
  },
  section: { minWidth: 0 },
  subheading: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase400 },
  counts: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  count: { justifyContent: 'flex-start', width: '100%', minWidth: 0 },
  countLabel: {
    flex: 1,
    textAlign: 'left',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  number: {
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
    marginLeft: tokens.spacingHorizontalS,
  },
  markSlot: { marginRight: tokens.spacingHorizontalS, display: 'inline-flex' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: '4px',
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, wordBreak: 'break-word' },
  events: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground3 },
  tableToggle: { marginLeft: tokens.spacingHorizontalS },
});

interface Count {
  key: string;
  label: string;
  count: number;
  owner?: string;
}

function countBy(
  systems: readonly SystemSummary[],
  keyOf: (s: SystemSummary) => string,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of systems) counts.set(keyOf(s), (counts.get(keyOf(s)) ?? 0) + 1);
  return counts;
}

/** A list of counts; each one shows those systems in the list. */
function CountList({
  label,
  counts,
  onPick,
}: {
  label: string;
  counts: Count[];
  onPick: (c: Count) => void;
}) {
  const styles = useStyles();
  if (counts.length === 0) return <Text className={styles.muted}>No systems.</Text>;
  return (
    <ul className={styles.counts} aria-label={label}>
      {counts.map((c) => (
        <li key={c.key}>
          <Button
            appearance="subtle"
            className={styles.count}
            onClick={() => onPick(c)}
            title="Show them in the list"
          >
            {c.owner !== undefined && (
              <span className={styles.markSlot}>
                <OwnerMark owner={c.owner} />
              </span>
            )}
            <span className={styles.countLabel}>{c.label}</span>{' '}
            <span className={styles.number}>{c.count}</span>
          </Button>
        </li>
      ))}
    </ul>
  );
}

/** What HCS says of itself (`service.properties`, as About this host asks it): its schema versions. */
function useSchemaVersions(): string {
  const api = useApi();
  const connected = useApp((s) => s.service?.connected ?? false);
  const [text, setText] = useState('asking HCS…');
  useEffect(() => {
    if (!connected) return;
    let current = true;
    api.invoke('service.properties', {}).then(
      (r) => {
        const versions = supportedSchemaVersions(r.properties);
        if (current)
          setText(versions.length > 0 ? versions.map(formatSchemaVersion).join(', ') : 'not reported');
      },
      (e: unknown) => current && setText(`HCS did not say (${(e as Error).message})`),
    );
    return () => {
      current = false;
    };
  }, [api, connected]);
  return text;
}

function ServiceFacts() {
  const styles = useStyles();
  const service = useApp((s) => s.service);
  const schemaVersions = useSchemaVersions();
  const connection = useApp((s) => s.connection);
  const hostProcessors = useStore(useHostStatistics().store, (s) => s.hostProcessors);
  const interval = useStore(useHostStatistics().store, (s) => s.intervalMs);
  if (!service) return <Spinner size="tiny" label="Asking the app core…" />;
  const rows: Array<[string, string]> = [
    ['HCS', service.backend === 'simulator' ? 'Simulated HCS' : 'Host Compute Service'],
    ['API', HCS_API_LABEL[service.hcsApi]],
    ['Schema versions', schemaVersions],
    [
      'Service',
      service.connected ? 'Connected' : `Not available${service.message ? `: ${service.message}` : ''}`,
    ],
    ['This window', connection === 'open' ? 'Connected to the app core' : 'Reconnecting to the app core'],
    ['Logical processors', String(hostProcessors)],
    ['List refresh', `every ${service.pollIntervalMs / 1000} s (HCS announces no new systems)`],
    ['Statistics', `every ${interval / 1000} s per running system`],
  ];
  if (service.elevated !== undefined)
    rows.push(['Administrator', service.elevated ? 'Yes' : 'No (HCS may refuse some calls)']);
  return (
    <dl className={styles.facts} aria-label="HCS service">
      {rows.map(([term, value]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function LatestEvents() {
  const styles = useStyles();
  const entries = useStore(useTimelineService().store, (s) => s.entries);
  const { store: exec } = useExecServices();
  const latest = entries.slice(-LATEST_EVENTS).reverse();
  return (
    <>
      {latest.length === 0 ? (
        <Text className={styles.muted}>Nothing has happened since HCS Desktop started.</Text>
      ) : (
        <ol className={styles.events} aria-label="Latest events">
          {latest.map((e) => (
            <li key={e.seq}>
              {formatTime(e.at)} <strong>{e.systemId}</strong>: {entrySummary(e)} — {ACTOR_LABEL[e.who]}
            </li>
          ))}
        </ol>
      )}
      <Link as="button" onClick={() => exec.getState().setView('events')}>
        All events
      </Link>
    </>
  );
}

function Totals() {
  const styles = useStyles();
  const totals = useStore(useHostStatistics().store, (s) => s.totals);
  const windowMinutes = usePreferences((p) => p.chartWindowMinutes);
  const charts = usePreferences((p) => p.charts);
  const [table, setTable] = useState(false);
  const last = totals[totals.length - 1];
  return (
    <>
      <Text>
        {last
          ? `${last.running} running; CPU ${last.cpuPercent === null ? '—' : `${last.cpuPercent.toFixed(1)} %`} of the host, ${formatBytes(last.memoryBytes)} in working sets (${last.sampled} of ${last.running} sampled).`
          : 'Waiting for the first figures…'}
      </Text>
      {charts && (
        <Button
          size="small"
          className={styles.tableToggle}
          aria-expanded={table}
          onClick={() => setTable((t) => !t)}
        >
          {table ? 'Hide table' : 'Show table'}
        </Button>
      )}
      {charts && totals.length > 0 && (
        <Suspense fallback={<Spinner size="tiny" label="Loading charts…" />}>
          <HostCharts totals={totals} windowMinutes={windowMinutes} />
        </Suspense>
      )}
      {!charts && (
        <Text className={styles.muted}> Charts are off (Statistics tab): the figures as a table.</Text>
      )}
      {(!charts || table) && (
        <ChartTable
          label="Table of the running systems together"
          charts={HOST_CHARTS}
          samples={totals}
          windowMinutes={windowMinutes}
        />
      )}
    </>
  );
}

/** "What is on this host": counts by state, type and owner (each one filters the list), totals, HCS, events. */
export function HostView() {
  const styles = useStyles();
  const store = useAppStore();
  const { store: exec } = useExecServices();
  const selectAll = useMemo(makeAllSystemsSelector, []);
  const list = useApp(selectAll);
  const states = useMemo(() => {
    const counts = countBy(list, (s) => s.state);
    return SystemState.options
      .filter((state) => counts.has(state))
      .map((state) => ({ key: state, label: state, count: counts.get(state)! }));
  }, [list]);
  const types = useMemo(
    () =>
      [...countBy(list, (s) => s.type)]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([type, count]) => ({ key: type, label: type || 'No type', count })),
    [list],
  );
  const owners = useMemo(
    () =>
      [...countBy(list, (s) => s.owner)]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([owner, count]) => ({ key: owner, label: ownerInfo(owner).label, count, owner })),
    [list],
  );
  const show = (filter: Parameters<ReturnType<typeof store.getState>['filterTo']>[0]) => {
    store.getState().filterTo(filter);
    exec.getState().setView('systems');
  };
  return (
    <main className={styles.view} aria-labelledby="host-view-heading">
      <h2 id="host-view-heading" className={styles.heading}>
        On this host: {list.length} {list.length === 1 ? 'compute system' : 'compute systems'}
      </h2>
      <div className={styles.sections}>
        <section className={styles.section} aria-labelledby="host-states">
          <h3 id="host-states" className={styles.subheading}>
            By state
          </h3>
          <CountList
            label="Systems by state"
            counts={states}
            onPick={(c) => show({ states: [c.key as SystemState] })}
          />
        </section>
        <section className={styles.section} aria-labelledby="host-types">
          <h3 id="host-types" className={styles.subheading}>
            By type
          </h3>
          <CountList label="Systems by type" counts={types} onPick={(c) => show({ types: [c.key] })} />
        </section>
        <section className={styles.section} aria-labelledby="host-owners">
          <h3 id="host-owners" className={styles.subheading}>
            By owner
          </h3>
          <CountList label="Systems by owner" counts={owners} onPick={(c) => show({ owners: [c.key] })} />
        </section>
      </div>
      <section className={styles.section} aria-labelledby="host-totals">
        <h3 id="host-totals" className={styles.subheading}>
          Running systems together
        </h3>
        <Totals />
      </section>
      <div className={styles.sections} style={{ marginTop: tokens.spacingVerticalL }}>
        <section className={styles.section} aria-labelledby="host-service">
          <h3 id="host-service" className={styles.subheading}>
            HCS service
          </h3>
          <ServiceFacts />
        </section>
        <section className={styles.section} aria-labelledby="host-events">
          <h3 id="host-events" className={styles.subheading}>
            Latest events
          </h3>
          <LatestEvents />
        </section>
      </div>
    </main>
  );
}
