import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simSocketPath as defaultSimSocketPath } from '../../sim/control/index.ts';
import { chooseHcsApi, isHcsApiRequest, type HcsApiChoice, type HcsApiRequest } from '../hcs/index.ts';
import { UsageError } from '../base/index.ts';
import { packageRoot } from './package-root.ts';
import { simulatorAnswers, startSimulator, type SimulatorChild } from './sim-child.ts';

export type BackendKind = 'vmcompute' | 'simulator';

export interface BackendChoice {
  /** `--backend`; overrides HCS_DESKTOP_BACKEND. */
  backend?: string;
  /** `--hcs-api` (auto, v1, v2); overrides HCS_DESKTOP_HCS_API. */
  hcsApi?: string;
  /** The user's setting (src/contract settings `hcsApi`): used when neither the flag nor the variable says. */
  hcsApiSetting?: HcsApiRequest;
  /** `--sim-socket`; overrides HCS_SIM_SOCKET. */
  simSocket?: string;
  /** `--sim-fixture`: seeds a simulator that we start (an already running one is left as it is). */
  simFixture?: string;
  /**
   * How to start a simulator when none answers. Default: `sim/service/main.ts` from the sources, with tsx.
   * A packaged app has neither the sources nor a Node binary (the runAsNode fuse is off), so Electron passes
   * a launcher that forks the bundled service as a utility process.
   */
  launchSimulator?: (options: { socket: string; fixture?: string }) => Promise<SimulatorChild>;
}

export interface PreparedBackend {
  kind: BackendKind;
  /** The simulator's socket (simulator backend only). */
  simSocket: string | null;
  /** The library the HCS layer was told to load; null: its default (the DLL of the API in System32). */
  libraryPath: string | null;
  /** The HCS API of this app instance (vmcompute.dll or computecore.dll), and why. */
  hcsApi: HcsApiChoice;
  /** Whether we started the simulator; `stop` stops it then. */
  startedSimulator: boolean;
  stop(): Promise<void>;
}

function isKind(value: string): value is BackendKind {
  return value === 'vmcompute' || value === 'simulator';
}

/** Flag, then HCS_DESKTOP_BACKEND, then the platform: vmcompute.dll on Windows, the simulator elsewhere. */
export function chooseBackendKind(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): BackendKind {
  const chosen = flag ?? env.HCS_DESKTOP_BACKEND;
  if (chosen !== undefined && chosen !== '') {
    if (!isKind(chosen)) {
      const source = flag !== undefined ? '--backend' : 'HCS_DESKTOP_BACKEND';
      throw new UsageError(`${source} must be "simulator" or "vmcompute", not ${JSON.stringify(chosen)}`);
    }
    if (chosen === 'vmcompute' && platform !== 'win32') {
      throw new UsageError(
        'the vmcompute backend needs Windows (vmcompute.dll); use --backend simulator here',
      );
    }
    if (chosen === 'simulator' && platform === 'win32') {
      throw new UsageError('the simulator backend runs on Linux and macOS only; use --backend vmcompute');
    }
    return chosen;
  }
  return platform === 'win32' ? 'vmcompute' : 'simulator';
}

/**
 * `--hcs-api`, then HCS_DESKTOP_HCS_API, then the user's setting, then auto (computecore.dll where it has what
 * the app needs): a flag or variable is what one run asks for, the setting what the user chose for every run.
 */
export function chooseHcsApiRequest(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  setting: HcsApiRequest = 'auto',
): HcsApiRequest {
  const chosen = flag ?? env.HCS_DESKTOP_HCS_API;
  if (chosen === undefined || chosen === '') return setting;
  if (!isHcsApiRequest(chosen)) {
    const source = flag !== undefined ? '--hcs-api' : 'HCS_DESKTOP_HCS_API';
    throw new UsageError(
      `${source} must be "auto", "v1" (vmcompute.dll) or "v2" (computecore.dll), not ${JSON.stringify(chosen)}`,
    );
  }
  return chosen;
}

/**
 * `--sim-socket`, else HCS_SIM_SOCKET, else `sim.sock` in the user's private directory (sim/PROTOCOL.md
 * "Endpoint").
 */
export function simSocketPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  return defaultSimSocketPath(env);
}

/**
 * The simulator library to load: the user's HCS_VMCOMPUTE_LIBRARY, else the one built inside the package
 * (src/hcs finds its default relative to its own source file, which is elsewhere once bundled into
 * dist/electron/main.cjs), else null (src/hcs's default and its error message when that is missing too).
 */
export function simulatorLibraryPath(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | null {
  if (env.HCS_VMCOMPUTE_LIBRARY) return resolve(env.HCS_VMCOMPUTE_LIBRARY);
  const built = join(root, 'build', 'native', 'libvmcompute_sim.so');
  return exists(built) ? built : null;
}

/**
 * The simulator's computecore library: the user's HCS_COMPUTECORE_LIBRARY (libcomputecore_sim_base.so plays a
 * build without the newer exports), else the one built inside the package, else null.
 */
export function computecoreSimulatorLibraryPath(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | null {
  if (env.HCS_COMPUTECORE_LIBRARY) return resolve(env.HCS_COMPUTECORE_LIBRARY);
  const built = join(root, 'build', 'native', 'libcomputecore_sim.so');
  return exists(built) ? built : null;
}

/**
 * Make the chosen backend reachable. For the simulator: name its library to the HCS layer, point the client
 * library at the socket (HCS_SIM_SOCKET, which the C library reads at every connect) and start the simulator
 * as a child process if none answers there.
 */
export async function prepareBackend(
  choice: BackendChoice,
  log: (line: string) => void = (line) => console.error(line),
): Promise<PreparedBackend> {
  const kind = chooseBackendKind(choice.backend);
  const requested = chooseHcsApiRequest(choice.hcsApi, process.env, choice.hcsApiSetting);
  if (kind === 'vmcompute') {
    // Both DLLs from System32, the HCS layer's defaults.
    const hcsApi = await chooseHcsApi(requested);
    log(`hcs-desktop: HCS API ${hcsApi.api} (${hcsApi.reason})`);
    return {
      kind,
      simSocket: null,
      libraryPath: null,
      hcsApi,
      startedSimulator: false,
      stop: async () => undefined,
    };
  }
  const root = packageRoot();
  const socket = simSocketPath(choice.simSocket);
  process.env.HCS_SIM_SOCKET = socket;
  const vmcompute = simulatorLibraryPath(root);
  const computecore = computecoreSimulatorLibraryPath(root);
  const hcsApi = await chooseHcsApi(requested, {
    vmcompute: vmcompute ?? undefined,
    computecore: computecore ?? undefined,
  });
  const libraryPath = hcsApi.api === 'v2' ? computecore : vmcompute;
  // Asked before saying anything: a refused socket (another user's) is an error with nothing logged.
  const answers = await simulatorAnswers(socket);
  log(`hcs-desktop: HCS API ${hcsApi.api} (${hcsApi.reason})`);
  if (answers) {
    if (choice.simFixture)
      log(`hcs-desktop: using the simulator already running at ${socket}; --sim-fixture not applied`);
    return {
      kind,
      simSocket: socket,
      libraryPath,
      hcsApi,
      startedSimulator: false,
      stop: async () => undefined,
    };
  }
  const fixture = choice.simFixture ? resolve(choice.simFixture) : undefined;
  log(`hcs-desktop: starting the HCS simulator at ${socket}${fixture ? ` with ${fixture}` : ''}`);
  const child: SimulatorChild = choice.launchSimulator
    ? await choice.launchSimulator({ socket, fixture })
    : await startSimulator({ socket, fixture, root });
  return { kind, simSocket: socket, libraryPath, hcsApi, startedSimulator: true, stop: () => child.stop() };
}
