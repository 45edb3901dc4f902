// Preloaded into the web-mode server by the core section (node --import) when HCS_BENCH_LOOP_LAG_DIR is set:
// the server's own event-loop delay, measured inside it, reported on SIGUSR2 as `<dir>/<n>.json` (n = 1, 2, …)
// and started afresh, so that the bench reads the lag of the phases it drives (idle, then under load) in the
// same process. Plain JavaScript: it loads before tsx does.
//
// Two measures of each stall:
// - wall: perf_hooks' histogram (a 1 ms timer): how late the loop was, whatever the cause;
// - busy: a 1 ms timer chain that also reads the process's CPU time: of each late tick, the part during which
//   this process ran (min(late, CPU used)). On a machine whose cores are shared by many processes, a loop that
//   was ready but not scheduled shows wall lag without busy lag; a loop blocked by its own work shows both.
//   The CPU time counts every thread of the process (koffi's calls wait on the pool without using the CPU).
// Each report also gives the longest stall's place on the monotonic clock (µs, the clock of Node's CPU profiles),
// so that `npm run bench -- core --profile` can say what the server ran during it.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dir = process.env.HCS_BENCH_LOOP_LAG_DIR;
if (dir) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let busy = [];
  /** The tick that came latest: when it ran (µs, monotonic) and how late. */
  let longest = { endUs: 0, lateMs: 0, cpuMs: 0 };
  let lastAt = performance.now();
  let lastCpu = process.cpuUsage();
  const tick = () => {
    const at = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const lateMs = at - lastAt - 1;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    busy.push(Math.max(0, Math.min(lateMs, cpuMs)));
    if (lateMs > longest.lateMs) longest = { endUs: Number(process.hrtime.bigint() / 1000n), lateMs, cpuMs };
    lastAt = at;
    lastCpu = process.cpuUsage();
    setTimeout(tick, 1).unref();
  };
  setTimeout(tick, 1).unref();

  let reports = 0;
  // The report's own work (the sort, the file) must not count as a stall of the next phase: the histogram stops
  // while it runs and starts afresh after, and the tick chain's next tick is timed from the report's end. (Before,
  // the loaded phase's longest stall was often this handler, 4–8 ms, run at the idle phase's report.)
  process.on('SIGUSR2', () => {
    histogram.disable();
    const ms = (ns) => ns / 1e6;
    const sorted = busy.sort((a, b) => a - b);
    const report = {
      maxMs: ms(histogram.max),
      p99Ms: ms(histogram.percentile(99)),
      meanMs: ms(histogram.mean),
      samples: histogram.count,
      busyMaxMs: sorted.at(-1) ?? 0,
      busyP99Ms: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
      longest,
    };
    busy = [];
    longest = { endUs: 0, lateMs: 0, cpuMs: 0 };
    reports++;
    // Written whole, then renamed: the bench never reads half a report.
    const file = join(dir, `${reports}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
    histogram.reset();
    histogram.enable();
    lastAt = performance.now();
    lastCpu = process.cpuUsage();
  });
}
