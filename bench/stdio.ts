/**
 * Exec output throughput, from a process's stdout to its consumer, each leg beside the raw pipe measured in the
 * same run (`head -c N /dev/zero` through a plain child_process pipe in Node):
 *  - hcs: the process's stdout as src/hcs hands it over (koffi → libvmcompute_sim → simulator → the pipe's
 *    descriptor → Process.stdout);
 *  - core: the same through an exec session to a core connection (ring buffer, framing, flow control with the
 *    consumer acking every 16 KiB as a renderer does);
 *  - web: the same through the web server to a Node WebSocket client in its own process.
 * Each process waits for a line on stdin before writing, so only the streaming is timed. Peak RSS is sampled
 * on each side (the main process: this one; the ws client: its own report).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AppCore } from '../src/app/core.ts';
import { HcsAdapter } from '../src/app/hcs-adapter.ts';
import { LOW_WATERMARK_BYTES, decodeOutputFrame } from '../src/contract/index.ts';
import { System } from '../src/hcs/index.ts';
import { startWebServer } from '../src/server/web-server.ts';
import { elapsedMs, median, nowNs } from './lib/measure.ts';
import type { BenchRow, BenchSection } from './lib/section.ts';
import { startSimulator } from './lib/simulator.ts';
import { closeQuietly } from '../src/base/index.ts';

const TOTAL = 256 * 1024 * 1024;
const ROUNDS = 3;
/** As the web client (stdio-client.ts): the contract's rule for a client that does not flush when idle. */
const ACK_EVERY_BYTES = LOW_WATERMARK_BYTES;
const SYSTEM_ID = 'bench-stdio';
const COMMAND = `read go; head -c ${TOTAL} /dev/zero`;
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1e6;

/** Peak RSS of this process while a leg runs (sampled on a timer and by the legs on their data path). */
class RssPeak {
  private peak = process.memoryUsage.rss();
  private readonly timer = setInterval(() => this.sample(), 10);
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

interface Leg {
  mbPerS: number;
  peakRss: number;
  clientPeakRss?: number;
}

async function rounds(run: () => Promise<Leg>): Promise<Leg> {
  const legs: Leg[] = [];
  for (let i = 0; i < ROUNDS; i++) legs.push(await run());
  return {
    mbPerS: median(legs.map((l) => l.mbPerS)),
    peakRss: Math.max(...legs.map((l) => l.peakRss)),
    clientPeakRss:
      legs[0]?.clientPeakRss === undefined ? undefined : Math.max(...legs.map((l) => l.clientPeakRss!)),
  };
}

/** The baseline: the same command through a plain child_process pipe. */
async function rawPipe(): Promise<Leg> {
  const peak = new RssPeak();
  const child = spawn('/bin/sh', ['-c', COMMAND], { stdio: ['pipe', 'pipe', 'ignore'] });
  let bytes = 0;
  const ended = new Promise<void>((done) => child.stdout.once('end', done));
  child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const start = nowNs();
  child.stdin.end('go\n');
  await ended;
  const ms = elapsedMs(start);
  if (bytes !== TOTAL) throw new Error(`raw pipe: ${bytes} bytes instead of ${TOTAL}`);
  return { mbPerS: bytes / MB / (ms / 1000), peakRss: peak.stop() };
}

/** src/hcs Process.stdout, read directly. */
async function hcsStdout(system: System): Promise<Leg> {
  const peak = new RssPeak();
  const process = await system.createProcess({
    CommandLine: COMMAND,
    CreateStdInPipe: true,
    CreateStdOutPipe: true,
  });
  try {
    let bytes = 0;
    const stdout = process.stdout!;
    const ended = new Promise<void>((done) => {
      stdout.once('end', done);
      stdout.once('close', done);
    });
    stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    const start = nowNs();
    process.stdin!.write('go\n');
    await ended;
    const ms = elapsedMs(start);
    if (bytes !== TOTAL) throw new Error(`hcs stdout: ${bytes} bytes instead of ${TOTAL}`);
    await process.wait();
    return { mbPerS: bytes / MB / (ms / 1000), peakRss: peak.stop() };
  } finally {
    await process.close();
  }
}

async function startSession(core: AppCore): Promise<string> {
  const { session } = await core.handle('exec.start', {
    id: SYSTEM_ID,
    commandLine: COMMAND,
    tty: false,
    cols: 80,
    rows: 25,
  });
  if (session.state !== 'running') throw new Error(`exec.start: ${JSON.stringify(session.error)}`);
  return session.sessionId;
}

/** An exec session to a core connection that draws (counts) and acks like a renderer. */
async function coreConnection(core: AppCore): Promise<Leg> {
  const peak = new RssPeak();
  const sessionId = await startSession(core);
  let bytes = 0;
  let unacked = 0;
  let finish!: () => void;
  const done = new Promise<void>((resolveDone) => (finish = resolveDone));
  const connection = core.connect(
    (frame) => {
      const chunk = decodeOutputFrame(frame);
      bytes += chunk.data.byteLength;
      unacked += chunk.data.byteLength;
      if (unacked >= ACK_EVERY_BYTES) {
        void connection.handle('exec.ack', { sessionId, bytes: unacked });
        unacked = 0;
      }
      if ((bytes & 0x3fffff) < chunk.data.byteLength) peak.sample();
      if (bytes >= TOTAL) finish();
    },
    () => undefined,
  );
  try {
    await connection.handle('exec.attach', { sessionId });
    const start = nowNs();
    await core.handle('exec.input', { sessionId, data: 'go\n' });
    await done;
    const ms = elapsedMs(start);
    return { mbPerS: bytes / MB / (ms / 1000), peakRss: peak.stop() };
  } finally {
    connection.close();
    await forgetWhenEnded(core, sessionId);
  }
}

/** The web server and a ws client in its own process. */
async function webSocket(core: AppCore, staticDir: string): Promise<Leg> {
  const token = 'bench-token';
  const server = await startWebServer({ core, host: '127.0.0.1', port: 0, token, staticDir });
  const peak = new RssPeak();
  try {
    const sessionId = await startSession(core);
    const client = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/stdio-client.ts',
        `ws://127.0.0.1:${server.port}/ws?token=${token}`,
        server.origin,
        sessionId,
        String(TOTAL),
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: client.stdout })[Symbol.asyncIterator]();
    const next = async (): Promise<Record<string, number | boolean>> => {
      const line = await lines.next();
      if (line.done) throw new Error('the ws client ended without a report');
      return JSON.parse(line.value) as Record<string, number | boolean>;
    };
    await next(); // attached
    const start = nowNs();
    await core.handle('exec.input', { sessionId, data: 'go\n' });
    const report = await next();
    const ms = elapsedMs(start);
    await new Promise<void>((exited) => client.once('exit', () => exited()));
    await forgetWhenEnded(core, sessionId);
    return {
      mbPerS: Number(report.bytes) / MB / (ms / 1000),
      peakRss: peak.stop(),
      clientPeakRss: Number(report.peakRssBytes),
    };
  } finally {
    peak.stop();
    await server.close();
  }
}

/** Sessions are kept for replay until forgotten; the bench forgets each one once its process has ended. */
async function forgetWhenEnded(core: AppCore, sessionId: string): Promise<void> {
  for (;;) {
    const session = (await core.handle('exec.list', {})).find((s) => s.sessionId === sessionId);
    if (!session) return;
    if (session.state !== 'starting' && session.state !== 'running') break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await core.handle('exec.forget', { sessionId });
}

export const stdioSection: BenchSection = {
  name: 'stdio',
  description: `exec output throughput (${TOTAL / 1024 / 1024} MiB of /dev/zero) beside a plain pipe, with peak RSS`,
  async run() {
    if (process.platform !== 'linux')
      throw new Error('the stdio section runs against the simulator (Linux only)');
    const sim = await startSimulator();
    const staticDir = mkdtempSync(join(tmpdir(), 'hcs-bench-static-'));
    const system = await System.create(SYSTEM_ID, { SystemType: 'Container', Name: 'bench', Owner: 'bench' });
    const core = new AppCore(new HcsAdapter('simulator'), { pollIntervalMs: 60_000 });
    try {
      await system.start();
      await core.start();
      const raw = await rounds(rawPipe);
      const hcs = await rounds(() => hcsStdout(system));
      const viaCore = await rounds(() => coreConnection(core));
      const web = await rounds(() => webSocket(core, staticDir));
      const rssNote = (leg: Leg) => `main peak RSS ${Math.round(leg.peakRss / MB)} MB`;
      const rows: BenchRow[] = [
        {
          name: 'pipe (child_process)',
          value: raw.mbPerS,
          unit: 'MB/s',
          note: `median of ${ROUNDS}; ${rssNote(raw)}`,
        },
        {
          name: 'hcs Process.stdout',
          value: hcs.mbPerS,
          unit: 'MB/s',
          baseline: 'pipe (child_process)',
          note: rssNote(hcs),
        },
        {
          name: 'exec session → core connection',
          value: viaCore.mbPerS,
          unit: 'MB/s',
          baseline: 'pipe (child_process)',
          note: `framed, acked every ${ACK_EVERY_BYTES} bytes; ${rssNote(viaCore)}`,
        },
        {
          name: 'exec session → web socket client',
          value: web.mbPerS,
          unit: 'MB/s',
          baseline: 'pipe (child_process)',
          target: '≥ 0.3×',
          note: `ws client in its own process; ${rssNote(web)}`,
        },
        { name: 'peak RSS main (web leg)', value: web.peakRss / MB, unit: 'MB' },
        { name: 'peak RSS ws client', value: (web.clientPeakRss ?? 0) / MB, unit: 'MB' },
      ];
      return rows;
    } finally {
      await core.stop();
      await system.terminate().catch(() => undefined);
      await closeQuietly(system);
      await sim.stop();
      rmSync(staticDir, { recursive: true, force: true });
    }
  },
};
