/**
 * What `hcsctl stats` prints: a table of the newest sample of each system, or one JSON object per sample
 * (docs/hcsctl.md#stats), and how the table is redrawn in place on a terminal. The figures are the app core's
 * samples (src/app/statistics/derive.ts derives them); this only shows them.
 */
import type { Writable } from 'node:stream';
import { displaySystemId, type StatisticsSample } from '../contract/index.ts';
import { formatBytes, formatRate, formatTable } from './format.ts';

/** One system of the table: its state in the registry, its newest sample, and why sampling failed. */
export interface StatsRow {
  id: string;
  state: string;
  sample: StatisticsSample | null;
  /** The sampler's failure (HCS's message), while it lasts. */
  error: string | null;
}

/** One line of `hcsctl stats --json`. Stable: fields are only ever added. */
export interface StatsJson {
  /** When HCS took the sample (ISO 8601, UTC); null when there is none. */
  time: string | null;
  id: string;
  state: string;
  /** Processor use as a share of `processors`, 0–100; null until a second reading gives a rate. */
  cpuPercent: number | null;
  /** What the percentage is of: a VM's virtual processors, else the host's logical processors. */
  processors: number | null;
  cpuTime100ns: number | null;
  uptime100ns: number | null;
  memory: {
    workingSetBytes: number;
    commitBytes: number;
    commitPeakBytes: number;
    /** A VM's memory as HCS assigned it and as the guest has it free; null for containers. */
    assignedBytes: number | null;
    availableBytes: number | null;
  } | null;
  storage: {
    readBytes: number;
    writeBytes: number;
    readBytesPerSecond: number | null;
    writeBytesPerSecond: number | null;
  } | null;
  /** Summed over the system's endpoints; null where HCS reports no network figures. */
  network: {
    receivedBytes: number;
    sentBytes: number;
    receiveBytesPerSecond: number | null;
    transmitBytesPerSecond: number | null;
  } | null;
  error: string | null;
}

export function statsJson(row: StatsRow): StatsJson {
  const s = row.sample;
  return {
    time: s ? new Date(s.at).toISOString() : null,
    id: row.id,
    state: row.state,
    cpuPercent: s?.cpuPercent ?? null,
    processors: s?.processorCount ?? null,
    cpuTime100ns: s?.cpuTime100ns ?? null,
    uptime100ns: s?.uptime100ns ?? null,
    memory: s
      ? {
          workingSetBytes: s.memory.workingSetBytes,
          commitBytes: s.memory.commitBytes,
          commitPeakBytes: s.memory.commitPeakBytes,
          assignedBytes: s.memory.assignedBytes,
          availableBytes: s.memory.availableBytes,
        }
      : null,
    storage: s
      ? {
          readBytes: s.storage.readBytes,
          writeBytes: s.storage.writeBytes,
          readBytesPerSecond: s.storage.readBytesPerSecond,
          writeBytesPerSecond: s.storage.writeBytesPerSecond,
        }
      : null,
    network: s?.network
      ? {
          receivedBytes: s.network.receivedBytes,
          sentBytes: s.network.sentBytes,
          receiveBytesPerSecond: s.network.receiveBytesPerSecond,
          transmitBytesPerSecond: s.network.transmitBytesPerSecond,
        }
      : null,
    error: row.error,
  };
}

function memoryCell(s: StatisticsSample): string {
  const used = formatBytes(s.memory.workingSetBytes);
  return s.memory.assignedBytes === null ? used : `${used} / ${formatBytes(s.memory.assignedBytes)}`;
}

/**
 * ID  STATE  CPU %  MEMORY  READ/S  WRITE/S  NET RX/S  NET TX/S. "--" where there is no figure yet (a rate needs
 * two readings) or none at all (a system not running; network figures HCS does not report).
 */
export function formatStatsTable(rows: readonly StatsRow[], emptyText: string): string {
  if (rows.length === 0) return `${emptyText}\n`;
  const none = '--';
  return formatTable(
    ['Id', 'State', 'CPU %', 'Memory', 'Read/s', 'Write/s', 'Net RX/s', 'Net TX/s'],
    rows.map(({ id, state, sample: s }) => [
      displaySystemId(id),
      state,
      s?.cpuPercent == null ? none : `${s.cpuPercent.toFixed(2)}%`,
      s ? memoryCell(s) : none,
      formatRate(s?.storage.readBytesPerSecond ?? null),
      formatRate(s?.storage.writeBytesPerSecond ?? null),
      formatRate(s?.network?.receiveBytesPerSecond ?? null),
      formatRate(s?.network?.transmitBytesPerSecond ?? null),
    ]),
  );
}

interface TtyOut extends Writable {
  isTTY?: boolean;
  columns?: number;
}

const CURSOR_HIDE = '\x1b[?25l';
const CURSOR_SHOW = '\x1b[?25h';
const ERASE_BELOW = '\x1b[J';
const cursorUp = (n: number) => `\x1b[${n}A`;

/**
 * Where the table goes. On a terminal: drawn over the previous one in place (cursor up over its lines, erase
 * below), lines cut to the terminal's width so that none wraps and the count stays right, the cursor hidden
 * meanwhile. Anywhere else (a pipe, a file): each new table after the last, nothing but text.
 */
export class TableOutput {
  private drawnLines = 0;
  private readonly tty: boolean;

  constructor(private readonly out: TtyOut) {
    this.tty = out.isTTY === true;
  }

  draw(table: string): void {
    if (!this.tty) {
      this.out.write(table + '\n');
      return;
    }
    const width = this.out.columns || 80;
    const lines = table
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => (l.length >= width ? l.slice(0, width - 1) : l));
    const back = this.drawnLines > 0 ? cursorUp(this.drawnLines) : CURSOR_HIDE;
    this.out.write(`${back}\r${ERASE_BELOW}${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }

  /** The cursor back, the last table left on screen. */
  finish(): void {
    if (this.tty && this.drawnLines > 0) this.out.write(CURSOR_SHOW);
  }
}
