#!/usr/bin/env node
// Builds the simulator's native libraries (sim/native) into build/native with the machine's C compiler.
// Cached: a stamp records the hash of sources, flags and compiler version; nothing is compiled when it matches
// and the outputs exist. On Windows there is nothing to build: the app uses the system's vmcompute.dll.
//
//   node scripts/build-native.mjs          (npm run build:native)
//   import { buildNative } from './build-native.mjs'; await buildNative();
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'sim', 'native');
const outDir = join(root, 'build', 'native');
const stampPath = join(outDir, '.build-stamp');

const FLAGS = ['-shared', '-fPIC', '-pthread', '-O2', '-Wall', '-Wextra', '-Werror', '-std=gnu11'];

const COMPUTECORE_SOURCES = [
  'computecore_sim.c',
  'cc_operation.c',
  'cc_object.c',
  'client.c',
  'idmap.c',
  'endpoint.c',
  'wire.c',
  'marshal.c',
];

// Each library and the sources linked into it. libvmcompute_sim starts threads, so it must never be unloaded
// while they run (koffi's lib.unload() would pull the code from under them): -z nodelete keeps it mapped.
const LIBRARIES = [
  {
    name: 'libvmcompute_sim.so',
    sources: ['vmcompute_sim.c', 'client.c', 'idmap.c', 'endpoint.c', 'wire.c', 'marshal.c'],
    extraFlags: ['-Wl,-z,nodelete'],
  },
  { name: 'libsimhost.so', sources: ['simhost.c'], extraFlags: [] },
  // computecore.dll's exports over the same connection code; built twice: every export, and only the base
  // exports of the first builds that had computecore.dll (the newer ones absent, so lazy loading meets them).
  {
    name: 'libcomputecore_sim.so',
    sources: COMPUTECORE_SOURCES,
    extraFlags: ['-Wl,-z,nodelete', '-DCC_SIM_NEWER_EXPORTS'],
  },
  { name: 'libcomputecore_sim_base.so', sources: COMPUTECORE_SOURCES, extraFlags: ['-Wl,-z,nodelete'] },
];

/** Paths of the built libraries (whether or not they exist yet). */
export const nativeLibraries = {
  dir: outDir,
  vmcompute: join(outDir, 'libvmcompute_sim.so'),
  computecore: join(outDir, 'libcomputecore_sim.so'),
  computecoreBase: join(outDir, 'libcomputecore_sim_base.so'),
  simhost: join(outDir, 'libsimhost.so'),
};

class BuildError extends Error {}

/** The compiler command ($CC may carry arguments, e.g. "ccache gcc") and its version text. */
function findCompiler() {
  const candidates = process.env.CC?.trim() ? [process.env.CC.trim()] : ['cc', 'gcc'];
  for (const candidate of candidates) {
    const [command, ...args] = candidate.split(/\s+/);
    const probe = spawnSync(command, [...args, '--version'], { encoding: 'utf8' });
    if (!probe.error && probe.status === 0) return { command, args, version: probe.stdout.trim() };
  }
  throw new BuildError(
    `no C compiler found (tried ${candidates.join(', ')}). Install one, e.g. "apt-get install -y gcc", ` +
      'or point $CC at it.',
  );
}

async function sourceHash(compiler) {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ command: [compiler.command, ...compiler.args], version: compiler.version }));
  hash.update(JSON.stringify({ FLAGS, LIBRARIES }));
  // Every file of sim/native counts (headers included), so any edit there rebuilds.
  const files = (await readdir(sourceDir)).filter((f) => f.endsWith('.c') || f.endsWith('.h')).sort();
  for (const file of files) {
    hash.update(`\0${file}\0`);
    hash.update(await readFile(join(sourceDir, file)));
  }
  return hash.digest('hex');
}

function compile(compiler, library) {
  // Compile to a private name and rename into place: a process that already loaded the old library keeps its
  // mapping, and two builds running at once never see each other's half-written file.
  const output = join(outDir, library.name);
  const temporary = `${output}.${process.pid}.tmp`;
  const args = [
    ...compiler.args,
    ...FLAGS,
    ...library.extraFlags,
    '-o',
    temporary,
    ...library.sources.map((s) => join(sourceDir, s)),
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(compiler.command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output_ = '';
    child.stdout.on('data', (d) => (output_ += d));
    child.stderr.on('data', (d) => (output_ += d));
    child.on('error', (error) => reject(new BuildError(`${compiler.command}: ${error.message}`)));
    child.on('close', async (code) => {
      if (code !== 0) {
        await rm(temporary, { force: true });
        reject(new BuildError(`compiling ${library.name} failed:\n${output_.trim()}`));
        return;
      }
      try {
        await rename(temporary, output);
        resolvePromise();
      } catch (error) {
        reject(error);
      }
    });
  });
}

/**
 * Builds the native libraries unless the stamp says they are current. Resolves with what happened; rejects with
 * the compiler's output when compiling fails.
 * @param {{ quiet?: boolean }} [options]
 * @returns {Promise<{ built: boolean, skipped: boolean, dir: string, vmcompute: string, computecore: string, computecoreBase: string, simhost: string }>}
 */
export async function buildNative(options = {}) {
  const say = (line) => {
    if (!options.quiet) console.log(`build-native: ${line}`);
  };
  if (process.platform === 'win32') {
    say('nothing to build on Windows (the system vmcompute.dll is used)');
    return { built: false, skipped: true, ...nativeLibraries };
  }
  const compiler = findCompiler();
  const hash = await sourceHash(compiler);
  const outputs = LIBRARIES.map((l) => join(outDir, l.name));
  const stamp = await readFile(stampPath, 'utf8').catch(() => '');
  const shownDir = relative(process.cwd(), outDir) || '.';
  if (stamp.trim() === hash && outputs.every((o) => existsSync(o))) {
    say(`up to date (${shownDir})`);
    return { built: false, skipped: false, ...nativeLibraries };
  }
  const started = process.hrtime.bigint();
  await mkdir(outDir, { recursive: true });
  await Promise.all(LIBRARIES.map((library) => compile(compiler, library)));
  await writeFile(stampPath, `${hash}\n`);
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  say(`built ${LIBRARIES.map((l) => l.name).join(', ')} in ${shownDir} (${ms} ms)`);
  return { built: true, skipped: false, ...nativeLibraries };
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  buildNative().catch((error) => {
    console.error(`build-native: ${error instanceof BuildError ? error.message : (error?.stack ?? error)}`);
    process.exitCode = 1;
  });
}
