import { z } from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { HostId, SystemRef } from './hosts.ts';
import { ErrorInfo } from './model.ts';

/*
 * Live statistics: one sampler per watched system in the app core, shared by every window and socket.
 *
 * A client (a window, a socket) sends `statistics.watch {id}`: the answer carries the history the core holds
 * for that system (up to STATISTICS_HISTORY_MS, oldest first; up to BACKGROUND_HISTORY_MS of a system sampled
 * until then only for the host's figures), its latest raw HCS document and the sampler's
 * status; from then on the client receives a `statistics.update` event for every new sample and every change
 * of status, for as long as it watches. Watching is counted per client: a client that watches the same system
 * twice must unwatch it twice; a client that goes away (socket closed, page reloaded) unwatches everything.
 * HCS is asked once per interval per system however many clients watch it. A system nobody watches is no
 * longer sampled after a grace period (its history is then dropped); a system that is not running is not
 * sampled until it runs again (its history is kept; `status.state` says why nothing arrives).
 *
 * `seq` numbers the samples of one sampler: an update whose sample's seq is at or below the last one a client
 * holds (an update that overtook the watch answer) is already in its history.
 */

/** How long the core keeps samples of a watched system: a new watcher sees the last hour at once. */
export const STATISTICS_HISTORY_MS = 60 * 60 * 1000;
/**
 * How long the core keeps samples of a system sampled only for the host's figures (the list's columns, the
 * host view): a view that opens its statistics sees the last minutes at once. Not the hour: with hundreds of
 * running systems an hour of each would hold well over a hundred megabytes that no view shows.
 */
export const BACKGROUND_HISTORY_MS = 2 * 60 * 1000;

const Count = lazySchema(() => z.number().min(0));
const Rate = lazySchema(() => z.number().min(0).nullable());

/**
 * One sample, derived once in the core from HCS's schema2 Statistics (and the VM's Memory, and schema1's
 * Network where HCS has it). Rates are per second over the time since the previous sample; they are null for
 * the first sample after a gap (nothing to compare with) and when a counter went backwards (a restart).
 */
export const StatisticsSample = lazySchema(() =>
  z
    .object({
      seq: z.number().int().min(0),
      /** When HCS took it (its Timestamp), ms since the epoch; our clock when HCS gave none. */
      at: z.number(),
      uptime100ns: Count,
      /** Processors the percentage is of: a VM's virtual processors, else the host's logical processors. */
      processorCount: z.number().int().min(1),
      /** Processor use as a share of all `processorCount` processors, 0–100. */
      cpuPercent: z.number().min(0).max(100).nullable(),
      /** Total processor time used since the system started. */
      cpuTime100ns: Count,
      memory: z
        .object({
          commitBytes: Count,
          commitPeakBytes: Count,
          workingSetBytes: Count,
          /** A VM's memory as HCS assigned it and as the guest has it free; null for containers. */
          assignedBytes: Count.nullable(),
          availableBytes: Count.nullable(),
        })
        .strict(),
      storage: z
        .object({
          readBytes: Count,
          writeBytes: Count,
          readBytesPerSecond: Rate,
          writeBytesPerSecond: Rate,
        })
        .strict(),
      /** Summed over the system's endpoints; null where HCS reports no network figures. */
      network: z
        .object({
          receivedBytes: Count,
          sentBytes: Count,
          receiveBytesPerSecond: Rate,
          transmitBytesPerSecond: Rate,
        })
        .strict()
        .nullable(),
    })
    .strict(),
);
export type StatisticsSample = z.infer<typeof StatisticsSample>;

/**
 * sampling: HCS is asked every `intervalMs`; waiting: the system is not running, so nothing is asked until it
 * runs; failed: the last query failed (`error`), the next interval tries again.
 */
export const StatisticsState = lazySchema(() => z.enum(['sampling', 'waiting', 'failed']));
export type StatisticsState = z.infer<typeof StatisticsState>;

export const StatisticsStatus = lazySchema(() =>
  z
    .object({ state: StatisticsState, intervalMs: z.number().int().min(1), error: ErrorInfo.nullable() })
    .strict(),
);
export type StatisticsStatus = z.infer<typeof StatisticsStatus>;

const ById = lazySchema(() => z.object({ id: SystemRef }).strict());
const Nothing = lazySchema(() => z.object({}).strict());

/*
 * The host's statistics: while a client watches the host (`statistics.watchHost`: the list's CPU and memory
 * columns, the host overview), the core samples every running system — through the same per-system samplers
 * as `statistics.watch`, so a system shown in a details view and in the list is asked once — and sends one
 * `statistics.host` event per interval: the figures of the systems sampled since the last event, and the
 * totals over every running system. A system watched only for the host is sampled every `hostIntervalMs`,
 * which grows with the number of running systems (at most HOST_QUERIES_PER_SECOND queries a second), so a host
 * with thousands of systems is not flooded with queries. Those queries start one at a time within that budget,
 * also when many systems start running at once (the host watched for the first time, a bulk resume): their
 * figures arrive over the seconds that follow, not in one burst.
 */

/** The host watch's query budget: a system watched only for the list is asked at most this often overall. */
export const HOST_QUERIES_PER_SECOND = 100;

/** What the list shows of one running system: its newest sample, cut to the columns. */
export const SystemFigures = lazySchema(() =>
  z
    .object({
      /** When the sample was taken (ms since the epoch). */
      at: z.number(),
      cpuPercent: z.number().min(0).max(100).nullable(),
      processorCount: z.number().int().min(1),
      /** The private working set. */
      memoryBytes: Count,
      /** A VM's memory as HCS assigned it; null for containers. */
      assignedBytes: Count.nullable(),
      uptime100ns: Count,
    })
    .strict(),
);
export type SystemFigures = z.infer<typeof SystemFigures>;

/** The running systems together at one moment. */
export const HostTotals = lazySchema(() =>
  z
    .object({
      at: z.number(),
      /** Running systems listed. */
      running: z.number().int().min(0),
      /** Of those, how many had a recent sample (the totals are theirs). */
      sampled: z.number().int().min(0),
      /**
       * Processor use of the sampled systems as a share of the host's logical processors, 0–100 (a VM's share of
       * its own processors is weighted by their number); null when no sampled system has a rate yet.
       */
      cpuPercent: z.number().min(0).max(100).nullable(),
      /** Their private working sets, summed. */
      memoryBytes: Count,
    })
    .strict(),
);
export type HostTotals = z.infer<typeof HostTotals>;

const FiguresById = lazySchema(() => z.record(z.string(), SystemFigures));

export const hostStatisticsRequests = {
  /**
   * This client watches the host: the newest figures of every running system and the totals' history now
   * (oldest first, up to STATISTICS_HISTORY_MS), `statistics.host` events from now on. Counted like `watch`.
   */
  'statistics.watchHost': {
    request: Nothing,
    response: lazySchema(() =>
      z
        .object({
          intervalMs: z.number().int().min(1),
          /** The host's logical processors (what a container's percentage is of). */
          hostProcessors: z.number().int().min(1),
          systems: FiguresById,
          totals: z.array(HostTotals),
        })
        .strict(),
    ),
  },
  /** Undo one host watch of this client. */
  'statistics.unwatchHost': { request: Nothing, response: lazySchema(() => z.object({}).strict()) },
} as const;

export const hostStatisticsEvents = {
  /** To the clients watching the host, once per interval. */
  'statistics.host': lazySchema(() =>
    z
      .object({
        /** Figures of the systems sampled since the last event (the others keep theirs). */
        systems: FiguresById,
        /** Systems no longer sampled (stopped, paused, gone): drop their figures. */
        gone: z.array(z.string()),
        totals: HostTotals,
        /** A remote host's figures (its systems' keys qualified, hosts.ts); absent: this host's. */
        host: HostId.optional(),
      })
      .strict(),
  ),
} as const;

export const statisticsRequests = {
  /** This client watches the system's statistics: the history now, `statistics.update` events from now on. */
  'statistics.watch': {
    request: ById,
    response: lazySchema(() =>
      z
        .object({
          status: StatisticsStatus,
          /** Oldest first, at most STATISTICS_HISTORY_MS of them (BACKGROUND_HISTORY_MS: see above). */
          samples: z.array(StatisticsSample),
          /** The newest schema2 Statistics document as HCS sent it (null before the first sample). */
          document: z.unknown(),
        })
        .strict(),
    ),
  },
  /** Undo one watch of this client. */
  'statistics.unwatch': { request: ById, response: lazySchema(() => z.object({}).strict()) },
} as const;

export const statisticsEvents = {
  /** To the clients watching `id`: a new sample (with its raw document), or a new status (sample null). */
  'statistics.update': lazySchema(() =>
    z
      .object({
        id: z.string(),
        status: StatisticsStatus,
        sample: StatisticsSample.nullable(),
        document: z.unknown(),
      })
      .strict(),
  ),
} as const;
