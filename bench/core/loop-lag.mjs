// Preloaded into the web-mode server by the core section (node --import) when HCS_BENCH_LOOP_LAG_DIR is set:
// the server's own event-loop delay, measured inside it (perf_hooks' histogram, 1 ms timer), reported on
// SIGUSR2 as `<dir>/<n>.json` (n = 1, 2, …) and started afresh, so that the bench reads the lag of the phases it
// drives (idle, then under load) in the same process. Plain JavaScript: it loads before tsx does.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dir = process.env.HCS_BENCH_LOOP_LAG_DIR;
if (dir) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let reports = 0;
  process.on('SIGUSR2', () => {
    const ms = (ns) => ns / 1e6;
    const report = {
      maxMs: ms(histogram.max),
      p99Ms: ms(histogram.percentile(99)),
      meanMs: ms(histogram.mean),
      samples: histogram.count,
    };
    histogram.reset();
    reports++;
    // Written whole, then renamed: the bench never reads half a report.
    const file = join(dir, `${reports}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
  });
}
