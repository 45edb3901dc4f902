/**
 * The real Windows container the Windows workflow drives HCS against, started with Docker:
 *
 *   node --import tsx scripts/ci/container.ts start [--name hcs-ci]   pulls the Nano Server image that
 *       matches this host's build, runs it with process isolation and a long-lived command, waits until it
 *       runs, and hands on its HCS compute-system id (Docker names the compute system by the container id)
 *       as the step output `id` and the variable HCS_CI_CONTAINER_ID; writes ci-reports/container.json
 *   node --import tsx scripts/ci/container.ts stop [--name hcs-ci]    removes it
 */
import { UsageError } from '../../src/base/index.ts';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { passOn, reportsDir, runMain } from './github.ts';
import { nanoServerImageFor, windowsBuildOf } from './nano-server.ts';

const PULL_ATTEMPTS = 3;
const START_TIMEOUT_MS = 120_000;

function docker(args: string[], options: { allowFailure?: boolean; quiet?: boolean } = {}): string {
  if (!options.quiet) console.log(`> docker ${args.join(' ')}`);
  const r = spawnSync('docker', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw new Error(`docker ${args[0]} could not start: ${r.error.message}`);
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0 && !options.allowFailure)
    throw new Error(`docker ${args.join(' ')} failed (exit ${r.status}):\n${out}`);
  return (r.stdout ?? '').trim();
}

async function waitUntilRunning(name: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const state = docker(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', name], { quiet: true });
    if (state.startsWith('running')) return;
    if (state.startsWith('exited') || state.startsWith('dead')) {
      const logs = docker(['logs', name], { allowFailure: true, quiet: true });
      throw new Error(`the container stopped instead of running (${state}); its output:\n${logs}`);
    }
    if (Date.now() > deadline)
      throw new Error(`the container was still "${state}" after ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function start(name: string): Promise<number> {
  if (process.platform !== 'win32') throw new UsageError('start needs a Windows host with Docker');
  const engineOs = docker(['version', '--format', '{{.Server.Os}}']);
  if (engineOs !== 'windows')
    throw new Error(`the Docker engine runs ${engineOs} containers; a Windows engine is needed`);
  const hostBuild = windowsBuildOf(os.release());
  const choice = nanoServerImageFor(hostBuild);
  console.log(
    `host build ${hostBuild}: ${choice.image}${choice.exactMatch ? '' : ` (build ${choice.imageBuild}, the newest not newer than the host)`}`,
  );

  // The 2025 runner image caches no base image, so the pull is part of every run there: timed and retried.
  const pullStarted = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      docker(['pull', choice.image]);
      break;
    } catch (error) {
      if (attempt >= PULL_ATTEMPTS) throw error;
      console.log(`pull attempt ${attempt} failed, trying again: ${(error as Error).message}`);
    }
  }
  const pullSeconds = (performance.now() - pullStarted) / 1000;
  console.log(`pulled in ${pullSeconds.toFixed(1)} s`);

  docker(['rm', '-f', name], { allowFailure: true });
  // cmd with an open stdin (-i) and a console (-t) waits for input for as long as the container lives.
  docker(['run', '-d', '-i', '-t', '--isolation=process', '--name', name, choice.image, 'cmd']);
  await waitUntilRunning(name);
  const id = docker(['inspect', '-f', '{{.Id}}', name]);
  const isolation = docker(['inspect', '-f', '{{.HostConfig.Isolation}}', name]);
  if (isolation !== 'process') throw new Error(`the container runs with ${isolation} isolation, not process`);
  if (!/^[0-9a-f]{64}$/.test(id)) throw new Error(`unexpected container id "${id}"`);

  const report = {
    name,
    id,
    image: choice.image,
    hostBuild,
    imageBuild: choice.imageBuild,
    isolation,
    pullSeconds,
  };
  writeFileSync(join(reportsDir(), 'container.json'), `${JSON.stringify(report, null, 2)}\n`);
  passOn('id', 'HCS_CI_CONTAINER_ID', id);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string', default: 'hcs-ci' } },
  });
  const [command] = positionals;
  if (command === 'start') return start(values.name);
  if (command === 'stop') {
    docker(['rm', '-f', values.name], { allowFailure: true });
    return 0;
  }
  throw new UsageError('usage: container.ts start|stop [--name <container name>]');
}

runMain('container', main);
