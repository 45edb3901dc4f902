import { utilityProcess } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { simulatorAnswers, type SimulatorChild } from '../src/host/index.ts';

/** Where electron-builder puts the bundled simulator of the Linux packages (electron-builder.yml). */
export function bundledSimulator(resourcesPath: string): { service: string; demoFixture: string } {
  return {
    service: join(resourcesPath, 'sim', 'service', 'main.mjs'),
    demoFixture: join(resourcesPath, 'sim', 'fixtures', 'demo.json'),
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Starts the bundled simulator as an Electron utility process. A packaged app cannot run
 * `sim/service/main.ts` with Node: the sources and tsx are not shipped, and with the runAsNode fuse off its
 * own executable will not act as Node. A utility process is a Node environment Electron provides itself.
 */
export function utilitySimulatorLauncher(resourcesPath: string, readyTimeoutMs = 30_000) {
  const { service, demoFixture } = bundledSimulator(resourcesPath);
  return async ({ socket, fixture }: { socket: string; fixture?: string }): Promise<SimulatorChild> => {
    if (!existsSync(service)) throw new Error(`the bundled HCS simulator is missing: ${service}`);
    const args = ['--socket', socket, '--fixture', fixture ?? demoFixture];
    const child = utilityProcess.fork(service, args, { serviceName: 'HCS simulator', stdio: 'inherit' });
    let exited: number | null = null;
    child.once('exit', (code) => (exited = code));
    const deadline = Date.now() + readyTimeoutMs;
    while (!(await simulatorAnswers(socket, 500))) {
      if (exited !== null)
        throw new Error(`the HCS simulator exited (code ${exited}) before answering at ${socket}`);
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(`the HCS simulator did not answer at ${socket} in time`);
      }
      await sleep(100);
    }
    return {
      pid: child.pid,
      stop: () =>
        new Promise<void>((resolve) => {
          if (exited !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill();
        }),
    };
  };
}
