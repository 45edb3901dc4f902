/**
 * The app core inside hcsctl, for the commands that follow HCS over time (events, stats): the same registry,
 * event stream and statistics samplers the app uses (src/app), started for as long as the command runs, and
 * stopped — every handle closed, every registration undone — when the user ends it (Ctrl+C, SIGTERM, SIGHUP)
 * or its output goes away (a closed pipe, as with `| head`).
 *
 * hcsctl only watches, so it must not change what HCS does. HCS keeps a stopped system for as long as a handle
 * to it is open (sim/PROTOCOL.md; the app keeps its own to show the exit), and a stopped system still there
 * would keep its owner from creating another under the same id. So hcsctl releases its handle on a system as
 * soon as the system has stopped (the core's `systems.close`), as the app does when the user closes it.
 */
import { availableParallelism } from 'node:os';
import { AppCore, HcsAdapter, type AppEvent } from '../app/index.ts';
import { getComputeSystems, isSimulatorBackend, type HcsApiChoice } from '../hcs/index.ts';
import type { CliIo } from './io.ts';

/** The exit code when a second Ctrl+C gives up on a clean stop (128 + SIGINT, as shells report it). */
const INTERRUPTED_TWICE = 130;
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export interface CoreSession {
  core: AppCore;
  /** Resolves when the user or the output has ended the command. */
  ended: Promise<void>;
  /** Ends the command from the inside (e.g. `stats --no-stream` has its sample). */
  end(): void;
}

/**
 * Runs `fn` with a started core and stops the core afterwards, whatever happened. Before the core, one
 * enumeration: a service that cannot be reached is an error now (exit 1, HCS's message), not a stream that
 * waits for it. A second stop signal while the core stops returns at once (exit 130): a hung HCS must not
 * keep the terminal.
 */
export async function withCore(
  io: CliIo,
  choice: HcsApiChoice,
  fn: (session: CoreSession) => Promise<number>,
): Promise<number> {
  await getComputeSystems({});
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  let signals = 0;
  let forced: (code: number) => void = () => {};
  const forcedExit = new Promise<number>((resolve) => (forced = resolve));
  const onSignal = () => {
    if (++signals > 1) forced(INTERRUPTED_TWICE);
    end();
  };
  const onOutputError = (e: NodeJS.ErrnoException) => {
    // The reader went away (EPIPE): nobody is left to tell; stop as for Ctrl+C.
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') end();
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  io.stdout.on('error', onOutputError);

  const core = new AppCore(new HcsAdapter(isSimulatorBackend() ? 'simulator' : 'vmcompute', choice.reason), {
    // What a container's processor percentage is of (as src/host tells the app): the host's processors.
    hostProcessors: availableParallelism(),
    // hcsctl watches each system for as long as it runs: nothing to keep sampling after an unwatch.
    statisticsGraceMs: 0,
  });
  const release = (id: string) => void core.handle('systems.close', { id }).catch(() => {});
  const unsubscribe = core.subscribe((event: AppEvent) => {
    const system = event.channel === 'systems.changed' ? event.payload.system : null;
    if (system?.state === 'Stopped' && !system.idProblem) release(system.id);
  });
  try {
    let code: number;
    try {
      // Ctrl+C while the first enumeration is still out ends the command too.
      await Promise.race([core.start(), ended]);
      for (const s of await core.handle('systems.list', {}))
        if (s.state === 'Stopped' && !s.idProblem) release(s.id);
      code = await Promise.race([fn({ core, ended, end }), forcedExit]);
    } catch (e) {
      await Promise.race([core.stop(), forcedExit]);
      throw e;
    }
    const stopped = await Promise.race([core.stop().then(() => true), forcedExit.then(() => false)]);
    return stopped ? code : INTERRUPTED_TWICE;
  } finally {
    unsubscribe();
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    io.stdout.off('error', onOutputError);
  }
}
