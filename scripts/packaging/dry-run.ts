/**
 * Runs electron-builder for real, offline, on a stand-in of the app, and reports what the package contains:
 * the files in app.asar and app.asar.unpacked, the extra resources, and the fuse wire of the executable. A real
 * Electron cannot be downloaded here, so the "Electron" is a file carrying the fuse wire Electron 45 ships with
 * (the sentinel @electron/fuses looks for, then version, length and one byte per fuse); electron-builder flips
 * it as it would the real binary. The app is stand-in files at the paths the configuration packs, plus the real
 * koffi package and two the configuration must leave out (zod, bundled into main; react, into the renderer).
 * This is what `npm run dist:linux -- --dir` does, minus the builds and the download.
 *
 *   node --import tsx scripts/packaging/dry-run.ts [--e2e]
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options } from '@electron/fuses';
import { E2E_CONFIG, RELEASE_CONFIG, projectRoot } from './validate-config.ts';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's fuse defaults, in FuseV1Options order ('1' on, '0' off), WasmTrapHandlers last. */
export const ELECTRON_DEFAULT_WIRE = '101100011';
const ELECTRON_VERSION = '45.5.0';

const requireFromBuilder = createRequire(
  createRequire(join(projectRoot, 'package.json')).resolve('electron-builder/package.json'),
);
const asar = requireFromBuilder('@electron/asar') as { listPackage(path: string, options: object): string[] };

export interface DryRunResult {
  /** Paths inside app.asar, '/'-separated, without the leading slash. */
  asar: string[];
  /** Files under resources/app.asar.unpacked. */
  unpacked: string[];
  /** Every other file under resources/ (extraResources). */
  resources: string[];
  /** The fuse wire after packaging: option name → '1' | '0'. */
  fuses: Record<string, string>;
  /** The package.json inside the asar. */
  manifest: { main?: string; name?: string; version?: string };
  /** Where the unpacked app is (inside a temporary directory the caller removes with cleanup()). */
  appDir: string;
  log: string;
  cleanup(): Promise<void>;
}

async function files(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(full, base)));
    else out.push(relative(base, full).split('\\').join('/'));
  }
  return out.sort();
}

async function put(path: string, content: string | Buffer): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
}

/** A project directory with the configuration, the icons, stand-ins for every built file and the real runtime packages. */
async function stage(dir: string): Promise<void> {
  await cp(join(projectRoot, 'package.json'), join(dir, 'package.json'));
  for (const config of [RELEASE_CONFIG, E2E_CONFIG]) await cp(config, join(dir, basename(config)));
  await cp(join(projectRoot, 'assets'), join(dir, 'assets'), { recursive: true });
  await put(join(dir, 'dist/electron/main.cjs'), "'use strict';\nrequire('koffi');\n");
  await put(join(dir, 'dist/electron/main.cjs.map'), '{}');
  await put(join(dir, 'dist/electron/preload.cjs'), "'use strict';\n");
  await put(join(dir, 'dist/renderer/index.html'), '<!doctype html><title>HCS Desktop</title>\n');
  await put(join(dir, 'dist/renderer/assets/index.js'), 'export {};\n');
  await put(join(dir, 'build/native/libvmcompute_sim.so'), 'stand-in');
  await put(join(dir, 'build/native/libsimhost.so'), 'stand-in');
  await put(join(dir, 'build/native/.build-stamp'), 'not shipped');
  await put(join(dir, 'build/sim-bundle/service/main.mjs'), 'export {};\n');
  await put(join(dir, 'build/sim-bundle/fixtures/demo.json'), '{"systems":[]}\n');
  await put(join(dir, 'build/sim-bundle/service/node_modules/koffi/package.json'), '{"name":"koffi"}\n');
  // Real packages, so electron-builder's dependency walk and file filters see what they see in the checkout:
  // koffi is shipped, zod and react are not (they are bundled).
  for (const pkg of ['koffi', `@koromix/koffi-linux-${process.arch}`, 'zod', 'react']) {
    await cp(join(projectRoot, 'node_modules', pkg), join(dir, 'node_modules', pkg), { recursive: true });
  }
  const wire = Buffer.from(ELECTRON_DEFAULT_WIRE, 'latin1');
  const binary = Buffer.concat([
    Buffer.from('stand-in for the Electron executable\0', 'latin1'),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, wire.length]),
    wire,
  ]);
  await put(join(dir, 'electron-dist/electron'), binary);
  await put(join(dir, 'electron-dist/LICENSE'), 'stand-in');
  await put(join(dir, 'electron-dist/version'), ELECTRON_VERSION);
}

function electronBuilder(dir: string, configFile: string): Promise<{ code: number | null; log: string }> {
  const cli = requireFromBuilder.resolve('electron-builder/cli.js');
  const args = [
    cli,
    '--linux',
    'dir',
    '--x64',
    '--config',
    configFile,
    `-c.electronDist=electron-dist`,
    `-c.electronVersion=${ELECTRON_VERSION}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CI: '1' },
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, log }));
  });
}

function readWire(binary: Buffer): Record<string, string> {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length;
  if (at < SENTINEL.length) throw new Error('the packaged executable has no fuse wire');
  const length = binary[at + 1]!;
  const fuses: Record<string, string> = {};
  for (let i = 0; i < length; i++)
    fuses[FuseV1Options[i] ?? `fuse${i}`] = String.fromCharCode(binary[at + 2 + i]!);
  return fuses;
}

/** Packages the stand-in app as an unpacked Linux app with `configFile` and reports what came out. */
export async function dryRun(configFile: string = RELEASE_CONFIG): Promise<DryRunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hcs-dry-run-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await stage(dir);
    const { code, log } = await electronBuilder(dir, basename(configFile));
    const output = configFile === E2E_CONFIG ? 'release/e2e' : 'release';
    const appDir = join(dir, output, 'linux-unpacked');
    if (code !== 0) throw new Error(`electron-builder failed (exit ${code}):\n${log}`);
    const resources = join(appDir, 'resources');
    const archive = join(resources, 'app.asar');
    const asarFiles = asar.listPackage(archive, { isPack: false }).map((p) =>
      p
        .replace(/^[\\/]/, '')
        .split('\\')
        .join('/'),
    );
    const all = await files(resources);
    const manifest = JSON.parse(
      (requireFromBuilder('@electron/asar') as { extractFile(a: string, f: string): Buffer })
        .extractFile(archive, 'package.json')
        .toString('utf8'),
    ) as DryRunResult['manifest'];
    return {
      asar: asarFiles,
      unpacked: all
        .filter((f) => f.startsWith('app.asar.unpacked/'))
        .map((f) => f.slice('app.asar.unpacked/'.length)),
      resources: all.filter((f) => f !== 'app.asar' && !f.startsWith('app.asar.unpacked/')),
      fuses: readWire(await readFile(join(appDir, 'hcs-desktop'))),
      manifest,
      appDir,
      log,
      cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const config = process.argv.includes('--e2e') ? E2E_CONFIG : RELEASE_CONFIG;
  dryRun(config).then(
    async (r) => {
      console.log(`configuration: ${relative(projectRoot, config)}`);
      console.log(`app.asar main: ${r.manifest.main}`);
      console.log(
        `app.asar (${r.asar.length} entries, top level): ${[...new Set(r.asar.map((p) => p.split('/').slice(0, 2).join('/')))].join(', ')}`,
      );
      console.log(
        `app.asar.unpacked: ${[...new Set(r.unpacked.map((p) => p.split('/').slice(0, 3).join('/')))].join(', ')}`,
      );
      console.log(`extra resources: ${r.resources.filter((p) => !p.includes('node_modules/')).join(', ')}`);
      console.log(
        `fuses: ${Object.entries(r.fuses)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
      );
      await r.cleanup();
    },
    (error: unknown) => {
      console.error(`dry-run: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
