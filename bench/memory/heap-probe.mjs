// Preloaded into the web-mode server by the memory section (node --expose-gc --import) when
// HCS_BENCH_HEAP_DIR is set: on SIGUSR2 it collects garbage and reports the server's JS heap as
// `<dir>/<n>.json` (n = 1, 2, …). The RSS rows say what the user's task manager shows; this one says whether
// the app's live data grew, which RSS cannot (V8 keeps the heap it grew to under a high allocation rate, and
// the C library keeps memory it freed). Plain JavaScript: it loads before tsx does.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.HCS_BENCH_HEAP_DIR;
if (dir && typeof globalThis.gc === 'function') {
  let reports = 0;
  process.on('SIGUSR2', () => {
    globalThis.gc();
    const { heapUsed, heapTotal, rss } = process.memoryUsage();
    reports++;
    // Written whole, then renamed: the bench never reads half a report.
    const file = join(dir, `${reports}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify({ heapUsed, heapTotal, rss }));
    renameSync(`${file}.tmp`, file);
  });
}
