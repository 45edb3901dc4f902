/**
 * The soak's measurements: every figure of the processes involved, by name — what the server and the
 * simulator report of themselves (their probes), what /proc says of them, what the simulator says the server
 * holds, what the app core still keeps, what the two pages hold — and the UI's click-to-result times.
 * At rest (after a quiesce) they are taken after a full garbage collection in each process and page; during
 * the timed workload after one in the server and the simulator only (context for the verdicts, and the trend
 * of their heaps: a bounded cache levels off, a leak keeps climbing).
 */
import type { SimControl } from '../../sim/control/client.ts';
import type { ContractClient } from './contract-client.ts';
import { PROBE_IDS } from './fixture.ts';
import type { Probe } from './probe-client.ts';
import type { ProbeAnswer } from './probe-messages.ts';
import { acceptedConnectionsOf, fdCountOf } from './proc.ts';
import type { SoakServer } from './server.ts';
import type { SoakPage } from './ui-page.ts';

/** Every figure of one moment, by name (see metrics.ts for what each may do between start and end). */
export type Figures = Record<string, number>;

export interface Snapshot {
  at: number;
  figures: Figures;
  /** Word for word, the first few unhandled rejections and warnings of the server and the simulator. */
  notes: string[];
}

export interface Responsiveness {
  /** Click a system's row → its details shown. */
  select: number[];
  /** Click Pause in the details → the badge reads Paused (and Resume is enabled). */
  pause: number[];
  /** Click Resume → the badge reads Running (and Pause is enabled). */
  resume: number[];
}

export interface Rig {
  server: SoakServer;
  simPid: number;
  simProbe: Probe;
  control: SimControl;
  client: ContractClient;
  operator: SoakPage;
  watcher: SoakPage;
}

/** One type name per active resource → a count per type. */
export function countByType(resources: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of [...resources].sort()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** A process's own figures under `who` ("server", "simulator"). */
function processFigures(who: string, pid: number, probe: ProbeAnswer): Figures {
  const figures: Figures = {
    [`${who}: RSS`]: probe.rssBytes,
    [`${who}: JS heap used`]: probe.heapUsedBytes,
    [`${who}: external memory`]: probe.externalBytes,
    [`${who}: open fds`]: fdCountOf(pid) ?? Number.NaN,
    [`${who}: event listeners`]: probe.listeners,
    [`${who}: active resources`]: probe.resources.length,
  };
  for (const [type, n] of Object.entries(countByType(probe.resources))) figures[`${who}: active ${type}`] = n;
  if (probe.koffiCallbacks !== null) figures[`${who}: koffi callbacks`] = probe.koffiCallbacks;
  figures[`${who}: unhandled rejections`] = probe.unhandledRejections;
  figures[`${who}: uncaught exceptions`] = probe.uncaughtExceptions;
  figures[`${who}: process warnings`] = probe.warningCount;
  return figures;
}

/**
 * Every figure now, after a full collection in the server and the simulator (a few ms each), and in the pages
 * too when `gcPages` (at rest; during the workload it would stall the browser's own work).
 */
export async function snapshot(rig: Rig, gcPages: boolean): Promise<Snapshot> {
  const { server, control, client } = rig;
  const [serverProbe, simProbe] = await Promise.all([server.probe(true), rig.simProbe(true)]);
  const [clients, systems, faults] = await Promise.all([
    control.clients(),
    control.systems(),
    control.faults(),
  ]);
  const [sessions, operations] = await Promise.all([
    client.request('exec.list', {}),
    client.request('operations.list', {}),
  ]);
  const [operator, watcher] = await Promise.all([
    rig.operator.counters(gcPages),
    rig.watcher.counters(gcPages),
  ]);
  const mine = clients.filter((c) => c.pid === server.pid);
  const sum = (f: (c: (typeof mine)[number]) => number) => mine.reduce((n, c) => n + f(c), 0);
  const processes = systems.flatMap((s) => s.processes);
  const figures: Figures = {
    ...processFigures('server', server.pid, serverProbe),
    'server: WebSocket connections': acceptedConnectionsOf(server.pid, server.port) ?? Number.NaN,
    ...processFigures('simulator', rig.simPid, simProbe),
    'sim: connections of the server': mine.length,
    'sim: system handles': sum((c) => c.systemHandles.length),
    'sim: process handles': sum((c) => c.processHandles.length),
    'sim: callback registrations': sum((c) => c.registrations.length),
    'sim: processes running': processes.filter((p) => !p.exited).length,
    'sim: processes kept': processes.length,
    'sim: systems': systems.length,
    'sim: hung calls': faults.hungCalls,
    'app: exec sessions': sessions.length,
    'app: operations pending': operations.filter((o) => o.status === 'pending').length,
    'page A (operator): JS heap': operator.heapBytes,
    'page A (operator): DOM nodes': operator.nodes,
    'page A (operator): JS event listeners': operator.listeners,
    'page A (operator): documents': operator.documents,
    'page B (watcher): JS heap': watcher.heapBytes,
    'page B (watcher): DOM nodes': watcher.nodes,
    'page B (watcher): JS event listeners': watcher.listeners,
    'page B (watcher): documents': watcher.documents,
  };
  const notes = [
    ...serverProbe.rejectionReasons.map((r) => `server: unhandled rejection: ${r.split('\n')[0]}`),
    ...serverProbe.warnings.map((w) => `server: warning: ${w}`),
    ...simProbe.rejectionReasons.map((r) => `simulator: unhandled rejection: ${r.split('\n')[0]}`),
    ...simProbe.warnings.map((w) => `simulator: warning: ${w}`),
  ];
  return { at: Date.now(), figures, notes };
}

/** Keeps the largest value of each figure seen (the "during" column). */
export function foldMax(into: Figures, figures: Figures): void {
  for (const [name, value] of Object.entries(figures))
    if (!Number.isNaN(value)) into[name] = Math.max(into[name] ?? Number.NEGATIVE_INFINITY, value);
}

/**
 * Takes snapshots until `done` accepts one (it sees the previous one too) or `limitMs` passes; resolves with
 * the last and whether it was accepted. Waiting here is for a state (the holdings), polled.
 */
export async function settle(
  take: () => Promise<Snapshot>,
  done: (current: Snapshot, previous: Snapshot | null) => boolean,
  limitMs: number,
  pollMs = 2000,
): Promise<{ snapshot: Snapshot; settled: boolean; waitedMs: number }> {
  const started = Date.now();
  let previous: Snapshot | null = null;
  for (;;) {
    const current = await take();
    if (done(current, previous)) return { snapshot: current, settled: true, waitedMs: Date.now() - started };
    if (Date.now() - started > limitMs)
      return { snapshot: current, settled: false, waitedMs: Date.now() - started };
    previous = current;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** `rounds` rounds on the operator's page, alternating the two probe systems. */
export async function responsiveness(page: SoakPage, rounds: number): Promise<Responsiveness> {
  const result: Responsiveness = { select: [], pause: [], resume: [] };
  await page.rest();
  await page.search('soak-probe', PROBE_IDS);
  for (let round = 0; round < rounds; round++) {
    const id = PROBE_IDS[round % PROBE_IDS.length]!;
    result.select.push(await page.timedClick(page.idCell(id), { kind: 'details', id }));
    const details = page.details(id);
    result.pause.push(await page.timedClick(details.action('Pause'), { kind: 'state', id, state: 'Paused' }));
    result.resume.push(
      await page.timedClick(details.action('Resume'), { kind: 'state', id, state: 'Running' }),
    );
  }
  await page.rest();
  return result;
}
