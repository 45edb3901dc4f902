// An emulated console (a pty) must hand over every byte the process wrote before it exited. Linux can answer
// a pty master's read with EIO (the hangup) before the tty layer has passed it the last output; the
// simulator holds the terminal side open until the process was reaped and the client has read what the master
// holds, so nothing is lost however slow the client (a fixed 100 ms delay lost bytes on a busy CI machine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { System } from '../../src/hcs/index.ts';
import { startSim, type StartedSim } from '../helpers/sim.ts';
import { containerDoc, expectNothingHeld, uniqueId } from './hcs-support.ts';

let sim: StartedSim;
let sys: System;

beforeAll(async () => {
  sim = await startSim({ fixture: 'test', completionDelayMs: 5 });
  sys = await System.create(uniqueId('console'), containerDoc('console output'));
  await sys.start();
});
afterAll(async () => {
  if (sys) {
    await sys.terminate();
    await sys.close();
    await expectNothingHeld(sim.control);
  }
  await sim?.stop();
});

async function consoleBytes(commandLine: string): Promise<number> {
  const p = await sys.createProcess({
    CommandLine: commandLine,
    EmulateConsole: true,
    CreateStdOutPipe: true,
  });
  let bytes = 0;
  const ended = new Promise<void>((resolve) => {
    p.stdout!.on('data', (d: Buffer) => (bytes += d.length));
    p.stdout!.once('end', resolve);
    p.stdout!.once('close', resolve);
  });
  await p.wait();
  await ended;
  await p.close();
  return bytes;
}

describe('console output at exit', () => {
  it('every byte written just before the process exits arrives, run after run', async () => {
    // 2,000,000 'a's, then "\n", "DONE", "\n": the console turns each \n into \r\n.
    const expected = 2_000_000 + 2 + 4 + 2;
    const got: number[] = [];
    for (let i = 0; i < 5; i++) {
      got.push(await consoleBytes("head -c 2000000 /dev/zero | tr '\\0' a; echo; echo DONE"));
    }
    expect(got).toEqual([expected, expected, expected, expected, expected]);
  });
});
