/**
 * Makes the simulated HCS service shippable in the Linux packages. In the checkout it is TypeScript run with
 * tsx; a package has neither tsx nor the sources, so it gets one ES module (zod bundled in) plus what that
 * module cannot bundle: koffi and its Linux native package. Output, in build/sim-bundle/ (electron-builder.yml
 * copies it to resources/sim/):
 *   service/main.mjs        the service (`node main.mjs --socket … --fixture demo`, or Electron's utilityProcess)
 *   service/node_modules/   koffi + @koromix/koffi-linux-<arch>, found by Node's lookup from main.mjs (not at
 *                           the bundle's top: electron-builder never copies a node_modules at the root of a
 *                           resource directory)
 *   fixtures/*.json         sim/fixtures, found by the service at ../fixtures as in the checkout
 * The service finds libsimhost.so at <resources>/build/native/, i.e. '../..' from service/, as in the checkout;
 * electron-builder.yml ships the native libraries there.
 *
 *   node --import tsx scripts/packaging/bundle-sim.ts
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { projectRoot } from './validate-config.ts';

export const SIM_BUNDLE_DIR = join(projectRoot, 'build', 'sim-bundle');

/** The packages the bundle loads at run time (everything else is inlined). */
export function simRuntimePackages(
  platform: string = process.platform,
  arch: string = process.arch,
): string[] {
  return ['koffi', `@koromix/koffi-${platform}-${arch}`];
}

// Build-time parts of koffi that a running service never reads.
const KOFFI_SKIP = [
  /^koffi\/(doc|vendor|lib)(\/|$)/,
  /^koffi\/src\/koffi\/src\/abi(\/|$)/,
  /^koffi\/src\/koffi\/src\/.*\.(cc|hh|inc|def)$/,
  /CMakeLists\.txt$/,
  /cnoke\.cjs$/,
];

export async function bundleSim(outDir: string = SIM_BUNDLE_DIR): Promise<string[]> {
  await rm(outDir, { recursive: true, force: true });
  const node = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    root: projectRoot,
    build: {
      ssr: join(projectRoot, 'sim', 'service', 'main.ts'),
      outDir: join(outDir, 'service'),
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        external: ['koffi', ...node],
        output: { format: 'es', entryFileNames: 'main.mjs', codeSplitting: false },
      },
    },
    // Inline every dependency but koffi, which carries a native module.
    ssr: { target: 'node', noExternal: true, external: ['koffi'] },
  });

  await mkdir(join(outDir, 'fixtures'), { recursive: true });
  for (const name of await readdir(join(projectRoot, 'sim', 'fixtures'))) {
    if (name.endsWith('.json'))
      await cp(join(projectRoot, 'sim', 'fixtures', name), join(outDir, 'fixtures', name));
  }

  const modules = join(projectRoot, 'node_modules');
  for (const pkg of simRuntimePackages()) {
    const from = join(modules, pkg);
    if (!existsSync(from)) throw new Error(`${pkg} is not installed; run npm ci`);
    await cp(from, join(outDir, 'service', 'node_modules', pkg), {
      recursive: true,
      filter: (source) => {
        const rel = relative(modules, source).split('\\').join('/');
        return !KOFFI_SKIP.some((re) => re.test(rel));
      },
    });
  }
  return [
    join(outDir, 'service', 'main.mjs'),
    join(outDir, 'service', 'node_modules'),
    join(outDir, 'fixtures'),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  bundleSim().then(
    (written) => {
      for (const path of written) console.log(`bundle-sim: wrote ${relative(projectRoot, path)}`);
    },
    (error: unknown) => {
      console.error(`bundle-sim: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
