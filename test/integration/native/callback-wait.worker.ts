// A fake service on its own thread, for tests whose main thread is blocked inside a notification callback
// (so an in-thread service could not answer). It accepts registrations and tells the main thread through shared
// memory when it has answered an unregister or close. It opens handles too, for libcomputecore_sim.
import { parentPort, workerData } from 'node:worker_threads';
import { FakeService } from './fake-service.ts';
import { i64, nul } from './frames.ts';

export interface CallbackWaitWorkerData {
  entry: string;
  /** [0]: op number of the last unregister/close answered (Atomics.notify'd). */
  flags: Int32Array;
}

export type CallbackWaitCommand =
  { type: 'notify'; registration: number; notificationType: number } | { type: 'stop' };

const OP_OPEN_SYSTEM = 3;
const OP_OPEN_PROCESS = 17;
const OP_REGISTER_SYSTEM = 13;
const OP_REGISTER_PROCESS = 25;
const RELEASE_OPS = new Set([4, 14, 18, 26]); // close system, unregister system, close process, unregister process

const { flags } = workerData as CallbackWaitWorkerData;
const port = parentPort!;
const service = await FakeService.start();
let registrations = 0;
let handles = 0;

service.onRequest = ({ connection, frame }) => {
  if (frame.code === OP_OPEN_SYSTEM || frame.code === OP_OPEN_PROCESS) {
    // computecore's handles are opened (then registered by the library itself).
    connection.respond(frame, 0, [i64(0x1000 + ++handles), nul]);
  } else if (frame.code === OP_REGISTER_SYSTEM || frame.code === OP_REGISTER_PROCESS) {
    connection.respond(frame, 0, [i64(++registrations)]);
  } else if (RELEASE_OPS.has(frame.code)) {
    connection.respond(frame, 0, []);
    Atomics.store(flags, 0, frame.code);
    Atomics.notify(flags, 0);
  } else {
    connection.respond(frame, 0x80070032 | 0, []); // not supported
  }
};

port.on('message', async (command: CallbackWaitCommand) => {
  if (command.type === 'notify') {
    service.connections.at(-1)?.notify(command.notificationType, BigInt(command.registration), 0, null);
  } else {
    await service.close();
    port.close();
  }
});
port.postMessage({ type: 'ready', path: service.path });
