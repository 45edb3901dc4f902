// Shared bits of the exec integration tests: an app core on the simulator with one output connection whose
// frames are drawn by an OutputCollector, and waits on session states from the core's event stream.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { AppCore } from '../../src/app/core.ts';
import { HcsAdapter } from '../../src/app/hcs-adapter.ts';
import type { CoreConnection } from '../../src/app/index.ts';
import { OutputCollector } from '../../src/app/exec/testing/output-collector.ts';
import { EventRecorder } from '../../src/app/testing/event-recorder.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import {
  decodeOutputFrame,
  type ExecSession,
  type ExecState,
  type RequestOf,
} from '../../src/contract/index.ts';

export const RUNNING_CONTAINER = 'test-container-running';
export const RUNNING_LINUX_VM = 'test-vm-running';

/** A client of the core: its connection (attach/detach/ack run on it) and what it drew. */
export interface CoreClient {
  connection: CoreConnection;
  output: OutputCollector;
  /** Frames received (before drawing), for tests that look at the framing itself. */
  frames: number;
}

export function connectClient(core: AppCore): CoreClient {
  let connection: CoreConnection | null = null;
  const output = new OutputCollector((sessionId, bytes) => {
    void connection!.handle('exec.ack', { sessionId, bytes });
  });
  const client: CoreClient = { connection: null as unknown as CoreConnection, output, frames: 0 };
  connection = core.connect(
    (frame) => {
      client.frames++;
      output.receive(decodeOutputFrame(frame));
    },
    () => undefined,
  );
  client.connection = connection;
  return client;
}

export function newCore(): { core: AppCore; rec: EventRecorder } {
  const core = new AppCore(new HcsAdapter('simulator'), {
    pollIntervalMs: 250,
    retryInitialMs: 100,
    retryMaxMs: 500,
  });
  const rec = new EventRecorder();
  core.subscribe(rec.listener);
  return { core, rec };
}

/** What each test of a file gets from `useCoreOnSimulator`: fresh for every test. */
export interface CoreOnSimulator {
  sim: StartedSim;
  core: AppCore;
  rec: EventRecorder;
}

/**
 * One simulator for the file (the test fixture), reset before each test, and a started app core on it that
 * is stopped after each test. Read the fields inside tests: they are replaced before every test.
 */
export function useCoreOnSimulator(): CoreOnSimulator {
  const env = {} as CoreOnSimulator;
  beforeAll(async () => {
    env.sim = await startSim({ fixture: 'test' });
  });
  afterAll(async () => {
    await env.sim?.stop();
  });
  beforeEach(async () => {
    await env.sim.control.reset();
    Object.assign(env, newCore());
    await env.core.start();
  });
  afterEach(async () => {
    await env.core.stop();
    await env.sim.control.clearFaults();
  });
  return env;
}

export type StartOptions = Partial<RequestOf<'exec.start'>> & { commandLine: string };

/** exec.start with defaults (the running Windows container, no tty, 80×25); throws unless it runs. */
export async function startSession(core: AppCore, options: StartOptions): Promise<ExecSession> {
  const { session } = await core.handle('exec.start', {
    id: RUNNING_CONTAINER,
    tty: false,
    cols: 80,
    rows: 25,
    ...options,
  });
  if (session.state !== 'running') {
    throw new Error(`the session did not start: ${session.state} ${JSON.stringify(session.error)}`);
  }
  return session;
}

/** The session's first snapshot in one of `states` (from the recorder's whole history). */
export async function sessionIn(
  rec: EventRecorder,
  sessionId: string,
  ...states: ExecState[]
): Promise<ExecSession> {
  const { session } = await rec.next(
    'exec.changed',
    (p) => p.session.sessionId === sessionId && states.includes(p.session.state),
  );
  return session;
}
