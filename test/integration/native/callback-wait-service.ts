// The fake service of the tests that block a callback (native-callback-wait, native-computecore-drain): a callback
// there blocks the JS thread, so the service runs on a worker (callback-wait.worker.ts) and says what it received
// through shared flags, which the blocked thread reads with Atomics.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { CallbackWaitCommand, CallbackWaitWorkerData } from './callback-wait.worker.ts';

export class CallbackWaitService {
  /** Registrations the service accepted so far: it numbers them 1, 2, … in that order. */
  registrations = 0;

  private constructor(
    private readonly worker: Worker,
    /** Shared with the service: [0] the op of the last release it answered; [1] never set (for timed waits). */
    readonly flags: Int32Array,
  ) {}

  /** Starts the service and points this process's libraries at it (HCS_SIM_SOCKET). */
  static async start(): Promise<CallbackWaitService> {
    const flags = new Int32Array(new SharedArrayBuffer(8));
    const data: CallbackWaitWorkerData = {
      entry: new URL('./callback-wait.worker.ts', import.meta.url).href,
      flags,
    };
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: data });
    const [ready] = (await once(worker, 'message')) as [{ path: string }];
    process.env.HCS_SIM_SOCKET = ready.path;
    return new CallbackWaitService(worker, flags);
  }

  send(command: CallbackWaitCommand): void {
    this.worker.postMessage(command);
  }

  /** Before each test: nothing answered yet. */
  resetFlags(): void {
    Atomics.store(this.flags, 0, 0);
  }

  async stop(): Promise<void> {
    const exited = once(this.worker, 'exit');
    this.send({ type: 'stop' });
    await exited;
  }
}
