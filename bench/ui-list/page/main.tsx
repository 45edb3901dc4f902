/**
 * The baseline page of the ui-list section: a bare virtualised table, React 19 + @tanstack/react-virtual with
 * the app grid's row height and overscan, the rows in one `useState` array (no Fluent UI, no store, no
 * contract checks). The URL's `mode` says where its rows come from:
 *  - `fetch`: `./snapshot.json`, the app's own `systems.snapshot` message, fetched once;
 *  - `ws`: the section's WebSocket server at `/ws`, which sends a snapshot message and then replays the
 *    messages the app's server sent during a state-change run; `systems.changed` replaces one row;
 *  - `count`: no table: every WebSocket message is parsed, and the probe counts it (the event-rate ceiling).
 * Rows sort by id with a plain comparison, once per snapshot (the ids are zero-padded: the app's order).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

const ROW_HEIGHT = 40;
const OVERSCAN = 8;
const COLUMNS = ['id', 'name', 'type', 'owner', 'os', 'state', 'runtimeId'] as const;

type Row = Record<(typeof COLUMNS)[number], string>;
interface Wire {
  t: string;
  channel?: string;
  payload?: { systems?: Row[]; system?: Row };
}
interface Feed {
  snapshot(rows: Row[]): void;
  changed(row: Row): void;
}

function byId(a: Row, b: Row): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function fromFetch(feed: Feed): () => void {
  let live = true;
  void fetch('./snapshot.json')
    .then((response) => response.text())
    .then((text) => {
      const systems = (JSON.parse(text) as Wire).payload?.systems;
      if (live && systems) feed.snapshot(systems);
    });
  return () => {
    live = false;
  };
}

function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

function fromSocket(feed: Feed): () => void {
  const ws = new WebSocket(socketUrl());
  ws.onmessage = (ev: MessageEvent<string>) => {
    const message = JSON.parse(ev.data) as Wire;
    if (message.channel === 'systems.snapshot' && message.payload?.systems)
      feed.snapshot(message.payload.systems);
    else if (message.channel === 'systems.changed' && message.payload?.system)
      feed.changed(message.payload.system);
  };
  return () => ws.close();
}

const TableRow = memo(function TableRow({ row, start }: { row: Row; start: number }) {
  return (
    <div role="row" className="row" style={{ transform: `translateY(${start}px)` }}>
      {COLUMNS.map((column) => (
        <div role="gridcell" key={column}>
          {row[column]}
        </div>
      ))}
    </div>
  );
});

function Table({ rows }: { rows: Row[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: OVERSCAN,
  });
  return (
    <div role="grid" aria-label="Compute systems" aria-rowcount={rows.length + 1} className="grid">
      <div role="row" className="header">
        {COLUMNS.map((column) => (
          <div role="columnheader" key={column}>
            {column}
          </div>
        ))}
      </div>
      <div ref={scrollRef} className="body">
        <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            return row ? <TableRow key={row.id} row={row} start={item.start} /> : null;
          })}
        </div>
      </div>
    </div>
  );
}

function App({ source }: { source: (feed: Feed) => () => void }) {
  const [rows, setRows] = useState<Row[]>([]);
  const positions = useRef(new Map<string, number>());
  useEffect(
    () =>
      source({
        snapshot(list) {
          const sorted = [...list].sort(byId);
          positions.current = new Map(sorted.map((row, i) => [row.id, i]));
          setRows(sorted);
        },
        changed(row) {
          setRows((prev) => {
            const i = positions.current.get(row.id);
            if (i === undefined) return prev;
            const next = prev.slice();
            next[i] = row;
            return next;
          });
        },
      }),
    [source],
  );
  return rows.length > 0 ? <Table rows={rows} /> : <p role="status">Loading…</p>;
}

/** Parse only (the probe counts): what the browser delivers when the page does nothing else. */
function parseOnly(): void {
  const ws = new WebSocket(socketUrl());
  ws.onmessage = (ev: MessageEvent<string>) => JSON.parse(ev.data) as Wire;
}

const mode = new URLSearchParams(location.search).get('mode');
const root = document.getElementById('root');
if (mode === 'count') parseOnly();
else if (root && (mode === 'fetch' || mode === 'ws'))
  createRoot(root).render(<App source={mode === 'fetch' ? fromFetch : fromSocket} />);
else throw new Error(`unknown mode ${mode ?? '(none)'}: use ?mode=fetch, ws or count`);
