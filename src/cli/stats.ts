/**
 * `hcsctl stats [ID...] [--no-stream] [--json]`: live processor, memory, storage and network figures, like
 * `docker stats`. The app core samples (its statistics hub: one query a second per watched running system,
 * the figures derived once in src/app/statistics/derive.ts); hcsctl watches through a core connection, as a
 * window does, and shows the newest sample of each system.
 *
 * Without IDs it follows every running system: one that starts is added, one that stops leaves the table.
 * With IDs it shows those, whatever their state. Rates need two readings: the first sample of a system has
 * none ("--"); `--no-stream` waits for each system's second sample (about one interval) and prints once.
 */
import type { AppEvent } from '../app/index.ts';
import type { EventOf, ErrorInfo } from '../contract/index.ts';
import type { HcsApiChoice } from '../hcs/index.ts';
import type { Command } from './args.ts';
import { withCore } from './core-session.ts';
import { formatErrorInfo } from './format.ts';
import { writeJsonLine, type CliIo } from './io.ts';
import { TableOutput, formatStatsTable, statsJson, type StatsRow } from './stats-view.ts';

type StatsCommand = Extract<Command, { name: 'stats' }>;

interface Watched extends StatsRow {
  /** Samples received since hcsctl began watching (the second one has rates). */
  samples: number;
}

/** A system has all `--no-stream` can show: rates, or a reason why it has none. */
function settled(row: Watched): boolean {
  return row.state !== 'Running' || row.error !== null || row.samples >= 2 || row.sample?.cpuPercent != null;
}

export async function runStats(cmd: StatsCommand, io: CliIo, choice: HcsApiChoice): Promise<number> {
  return withCore(io, choice, async ({ core, ended, end }) => {
    const rows = new Map<string, Watched>();
    const followAll = cmd.ids.length === 0;
    let changed = true;
    let failed = false;
    /** Every chosen system is watched: from now on `--no-stream` may end once all are settled. */
    let ready = false;
    const maybeDone = () => {
      if (!cmd.stream && ready && [...rows.values()].every(settled)) end();
    };

    const reportError = (id: string, error: ErrorInfo) => {
      failed = true;
      io.stderr.write(formatErrorInfo(error, `stats: ${id}: `));
    };
    const statisticsUpdate = (update: EventOf<'statistics.update'>) => {
      const row = rows.get(update.id);
      if (!row) return;
      if (update.sample) {
        row.sample = update.sample;
        row.samples++;
        changed = true;
        if (cmd.json && cmd.stream) writeJsonLine(io, statsJson(row));
      }
      const error = update.status.state === 'failed' ? update.status.error : null;
      if ((error?.message ?? null) !== row.error) {
        row.error = error?.message ?? null;
        changed = true;
        if (error) {
          reportError(row.id, error);
          if (cmd.json && cmd.stream) writeJsonLine(io, statsJson(row));
        }
      }
      maybeDone();
    };
    const connection = core.connect(
      () => {},
      (event) => {
        if (event.channel === 'statistics.update') statisticsUpdate(event.payload);
      },
    );

    const watch = async (id: string, state: string) => {
      const row: Watched = { id, state, sample: null, error: null, samples: 0 };
      rows.set(id, row);
      changed = true;
      const answer = await connection.handle('statistics.watch', { id });
      // A sample that arrived before the answer is already in the row; the history adds nothing newer.
      if (!row.sample) row.sample = answer.samples.at(-1) ?? null;
      if (answer.status.state === 'failed' && answer.status.error && row.error === null) {
        row.error = answer.status.error.message;
        reportError(id, answer.status.error);
      }
      return answer.status.intervalMs;
    };
    const unwatch = (id: string) => {
      if (!rows.delete(id)) return;
      changed = true;
      void connection.handle('statistics.unwatch', { id }).catch(() => {});
    };

    // The registry's changes: states for the table; with no IDs, systems joining and leaving.
    const follow = (event: AppEvent) => {
      if (event.channel === 'systems.changed') {
        const { id, state } = event.payload.system;
        const row = rows.get(id);
        if (row) {
          if (row.state !== state) changed = true;
          row.state = state;
          if (followAll && state !== 'Running') unwatch(id);
        } else if (followAll && cmd.stream && state === 'Running' && !event.payload.system.idProblem) {
          void watch(id, state).catch((e: unknown) =>
            io.stderr.write(`hcsctl: stats: ${id}: ${String(e)}\n`),
          );
        }
      } else if (event.channel === 'systems.removed' && followAll) {
        // (A named system keeps its row, with the state it was last seen in.)
        unwatch(event.payload.id);
      }
      maybeDone();
    };
    const unsubscribe = core.subscribe(follow);

    const table = new TableOutput(io.stdout);
    let timer: ReturnType<typeof setInterval> | undefined;
    try {
      const listed = await core.handle('systems.list', {});
      const chosen = followAll
        ? listed.filter((s) => s.state === 'Running' && !s.idProblem)
        : cmd.ids.map((id) => listed.find((s) => s.id === id) ?? { id, state: 'Unknown' });
      let intervalMs = 1000;
      for (const s of chosen) intervalMs = await watch(s.id, s.state);
      ready = true;
      maybeDone();

      const empty = followAll ? 'No running compute systems.' : '';
      const sorted = () => [...rows.values()].sort((a, b) => a.id.localeCompare(b.id));
      if (!cmd.stream) {
        await ended;
        if (cmd.json) for (const row of sorted()) writeJsonLine(io, statsJson(row));
        else io.stdout.write(formatStatsTable(sorted(), empty));
        return failed ? 1 : 0;
      }
      if (!cmd.json) {
        const redraw = () => {
          if (!changed) return;
          changed = false;
          table.draw(formatStatsTable(sorted(), empty));
        };
        redraw();
        timer = setInterval(redraw, intervalMs);
      }
      await ended;
      return 0;
    } finally {
      clearInterval(timer);
      unsubscribe();
      connection.close();
      table.finish();
    }
  });
}
