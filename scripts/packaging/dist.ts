/**
 * `npm run dist`, `dist:win`, `dist:linux`: checks, builds and packages HCS Desktop (docs/packaging.md).
 *
 *   node --import tsx scripts/packaging/dist.ts [--win | --linux] [--e2e] [--dir] [--skip-build] [-- <electron-builder args>]
 *     --win / --linux  the target (default: this machine's platform)
 *     --e2e            the Playwright test build (electron-builder.e2e.yml, into release/e2e)
 *     --dir            the unpacked app only (no MSI / AppImage / deb): what e2e tests launch
 *     --skip-build     package the dist/ and build/ that are already there
 *
 * In order: the configuration (schema and policy), what the target needs on this machine (koffi's Windows
 * binary; Wine for an MSI built off Windows), the builds (renderer, Electron main/preload; for Linux the
 * simulator's libraries and service bundle), that the built main requires nothing the package leaves out,
 * then electron-builder. Any problem stops it with the fix, before a broken package is made.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SIM_BUNDLE_DIR, bundleSim } from './bundle-sim.ts';
import { filePatterns, requiredPackages, unshippedPackages, win32KoffiProblem } from './preflight.ts';
import {
  E2E_CONFIG,
  RELEASE_CONFIG,
  checkConfigFile,
  loadValidatedConfig,
  projectRoot,
} from './validate-config.ts';

type Target = 'win' | 'linux';

class DistError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      win: { type: 'boolean', default: false },
      linux: { type: 'boolean', default: false },
      e2e: { type: 'boolean', default: false },
      dir: { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  if (values.win && values.linux)
    throw new DistError('choose one of --win and --linux (build them one after the other)');
  let target: Target;
  if (values.win) target = 'win';
  else if (values.linux) target = 'linux';
  else if (process.platform === 'win32') target = 'win';
  else if (process.platform === 'linux') target = 'linux';
  else throw new DistError(`no package is configured for ${process.platform}; pass --win or --linux`);
  return {
    target,
    e2e: values.e2e,
    dir: values.dir,
    skipBuild: values['skip-build'],
    builderArgs: positionals,
  };
}

function step(title: string): void {
  console.log(`\ndist: ${title}`);
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, {
    cwd: projectRoot,
    stdio: 'inherit',
    shell: process.platform === 'win32' && command === 'npm',
  });
  if (r.error) throw new DistError(`${command} ${args.join(' ')} could not start: ${r.error.message}`);
  if (r.status !== 0)
    throw new DistError(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function onPath(names: string[]): boolean {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return names.some((name) => dirs.some((dir) => existsSync(join(dir, name))));
}

async function main(argv: string[]): Promise<void> {
  const opts = parse(argv);
  const configFile = opts.e2e ? E2E_CONFIG : RELEASE_CONFIG;
  const variant = opts.e2e ? 'e2e' : 'release';
  console.log(
    `dist: ${variant} build for ${opts.target}${opts.dir ? ' (unpacked only)' : ''} with ${relative(projectRoot, configFile)}`,
  );

  step('checking the electron-builder configuration');
  const checked = await checkConfigFile(configFile, variant);
  if (checked.problems.length) throw new DistError(checked.problems.join('\n'));
  const config = await loadValidatedConfig(configFile);

  step(`checking what a ${opts.target} package needs on this machine`);
  if (opts.target === 'win') {
    const problem = win32KoffiProblem(projectRoot);
    if (problem) throw new DistError(problem);
    if (!opts.dir && process.platform !== 'win32' && !onPath(['wine', 'wine64'])) {
      throw new DistError(
        'an MSI built off Windows goes through Wine (electron-builder runs WiX with it), and Wine is not on PATH. ' +
          'Install it (Debian: apt-get install wine64), build on Windows, or pass --dir for the unpacked app only.',
      );
    }
  }

  if (opts.skipBuild) {
    step('--skip-build: using the dist/ and build/ already there');
  } else {
    step('building the renderer and the Electron main process and preload');
    run('npm', ['run', 'build:renderer']);
    run('npm', ['run', 'build:electron']);
    if (opts.target === 'linux') {
      step('building the simulated HCS for the Linux package');
      run(process.execPath, [join(projectRoot, 'scripts', 'build-native.mjs')]);
      await bundleSim();
    }
  }

  step('checking the built app');
  const main = join(projectRoot, String((config.extraMetadata as { main?: string } | undefined)?.main ?? ''));
  if (!existsSync(main))
    throw new DistError(`${relative(projectRoot, main)} is missing: run npm run build:electron`);
  if (!existsSync(join(projectRoot, 'dist', 'renderer', 'index.html'))) {
    throw new DistError('dist/renderer/index.html is missing: run npm run build:renderer');
  }
  const unshipped = unshippedPackages(
    requiredPackages(readFileSync(main, 'utf8')),
    filePatterns(config.files),
  );
  if (unshipped.length) {
    throw new DistError(
      `${relative(projectRoot, main)} requires ${unshipped.join(', ')} at run time, but electron-builder.yml's ` +
        '"files" does not ship it: add node_modules/<name>/** there, or bundle it into the main process.',
    );
  }
  // A sandboxed preload can require only electron and a few builtins, so it must be one self-contained file.
  const preload = join(projectRoot, 'dist', 'electron', 'preload.cjs');
  if (existsSync(preload)) {
    const preloadNeeds = requiredPackages(readFileSync(preload, 'utf8'));
    if (preloadNeeds.length) {
      throw new DistError(
        `dist/electron/preload.cjs requires ${preloadNeeds.join(', ')}, which a sandboxed preload cannot load`,
      );
    }
  }
  if (opts.target === 'linux') {
    for (const needed of [
      'build/native/libvmcompute_sim.so',
      'build/native/libsimhost.so',
      relative(projectRoot, join(SIM_BUNDLE_DIR, 'service', 'main.mjs')),
    ]) {
      if (!existsSync(join(projectRoot, needed)))
        throw new DistError(`${needed} is missing: run without --skip-build`);
    }
  }

  step('packaging with electron-builder');
  const cli = createRequire(join(projectRoot, 'package.json')).resolve('electron-builder/cli.js');
  const args = [
    cli,
    `--${opts.target}`,
    '--x64',
    '--config',
    relative(projectRoot, configFile),
    ...(opts.dir ? ['--dir'] : []),
    ...opts.builderArgs,
  ];
  run(process.execPath, args);
  const out = String(config.directories?.output ?? 'release');
  console.log(`\ndist: done; the ${opts.dir ? 'unpacked app is' : 'packages are'} in ${out}/`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`\ndist: ${error instanceof DistError ? error.message : (error as Error).stack}`);
    process.exit(1);
  });
}
