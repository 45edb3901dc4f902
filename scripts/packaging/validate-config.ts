/**
 * Checks the electron-builder configurations without building anything:
 *  1. schema: the file is loaded and validated by electron-builder's own code (getConfig + validateConfiguration,
 *     the same calls `electron-builder` makes first), so a misspelt key fails here and in CI, not on the build
 *     machine; `extends` is resolved the way electron-builder resolves it;
 *  2. policy: the values this project relies on for security and upgrades (docs/packaging.md) are what they
 *     must be, for the release build and for the Playwright test build.
 *
 *   node --import tsx scripts/packaging/validate-config.ts [config.yml …]   (default: both configurations)
 */
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RELEASE_CONFIG = join(projectRoot, 'electron-builder.yml');
export const E2E_CONFIG = join(projectRoot, 'electron-builder.e2e.yml');

/** Windows Installer finds the installed product to upgrade by this code: it must never change. */
export const MSI_UPGRADE_CODE = 'C3AD2EB4-1125-469F-8925-04D5BF6EA131';

/** The release fuses (docs/packaging.md "Fuses"). */
export const RELEASE_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
  loadBrowserProcessSpecificV8Snapshot: false,
} as const;

/** The test build differs in exactly one fuse: Playwright needs the inspector arguments. */
export const E2E_FUSES = { ...RELEASE_FUSES, enableNodeCliInspectArguments: true } as const;

export const KOFFI_UNPACK = ['node_modules/koffi/**', 'node_modules/@koromix/**'];

export type Variant = 'release' | 'e2e';

interface ConfigModule {
  getConfig(
    projectDir: string,
    configPath: string | null,
    configFromOptions: Configuration | null,
  ): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}
interface AjvError {
  keyword: string;
  instancePath: string;
  params: { additionalProperty?: string };
}
interface AjvInstance {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: AjvError[] | null };
}
interface BuilderUtil {
  DebugLogger: new (isEnabled?: boolean) => unknown;
  log: { info: (...args: unknown[]) => void };
}

// The loader and validator are not part of electron-builder's public index (app-builder-lib's
// out/util/config/config.js is not re-exported from it); the package has
// no "exports" map, so the deep path resolves. Pinned with electron-builder 26.17.0 in package.json.
const requireFromProject = createRequire(join(projectRoot, 'package.json'));
const requireFromBuilder = createRequire(requireFromProject.resolve('electron-builder/package.json'));
const configModule = requireFromBuilder('app-builder-lib/out/util/config/config') as ConfigModule;
const builderUtil = requireFromBuilder('builder-util') as BuilderUtil;
const requireFromLib = createRequire(requireFromBuilder.resolve('app-builder-lib/package.json'));

/** Loads a configuration file as electron-builder would (extends resolved) and validates it against its schema. */
export async function loadValidatedConfig(
  configFile: string,
  projectDir = projectRoot,
): Promise<Configuration> {
  const config = await quietly(() =>
    configModule.getConfig(projectDir, resolve(projectDir, configFile), null),
  );
  try {
    await configModule.validateConfiguration(config, new builderUtil.DebugLogger(false));
  } catch (error) {
    const unknown = unknownOptions(config);
    if (unknown.length === 0) throw error;
    throw new Error(
      `unknown option${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}\n${(error as Error).message}`,
    );
  }
  return config;
}

/**
 * electron-builder reports a misspelt key as "configuration.win should be one of these: …" without naming it.
 * Re-running its schema with the same ajv (its own dependency, same options) lists the keys it rejected.
 */
function unknownOptions(config: Configuration): string[] {
  const Ajv = requireFromLib('ajv') as { default?: new (o: object) => AjvInstance } & (new (
    o: object,
  ) => AjvInstance);
  const AjvClass = Ajv.default ?? Ajv;
  const validate = new AjvClass({ allErrors: true, coerceTypes: true, strict: false }).compile(
    requireFromLib('app-builder-lib/scheme.json'),
  );
  validate(structuredClone(config));
  const names = (validate.errors ?? [])
    .filter((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty)
    .map((e) => [...e.instancePath.split('/').filter(Boolean), e.params.additionalProperty].join('.'));
  return [...new Set(names)];
}

/** electron-builder logs "loaded configuration" for every file it reads; that is noise in a check. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const info = builderUtil.log.info;
  builderUtil.log.info = () => undefined;
  try {
    return await run();
  } finally {
    builderUtil.log.info = info;
  }
}

function describe(value: unknown): string {
  return value === undefined ? 'not set' : JSON.stringify(value);
}

/** Every way a loaded configuration departs from the project's packaging policy; empty when it complies. */
export function policyProblems(config: Configuration, variant: Variant): string[] {
  const problems: string[] = [];
  const expectFuses = variant === 'release' ? RELEASE_FUSES : E2E_FUSES;
  const fuses = (config.electronFuses ?? {}) as Record<string, unknown>;
  for (const [fuse, expected] of Object.entries(expectFuses)) {
    if (fuses[fuse] !== expected)
      problems.push(`electronFuses.${fuse} must be ${expected}, is ${describe(fuses[fuse])}`);
  }
  if (config.asar === false) problems.push('asar must stay on (onlyLoadAppFromAsar needs an app.asar)');
  const unpack = ([] as string[]).concat(config.asarUnpack ?? []);
  for (const glob of KOFFI_UNPACK) {
    if (!unpack.includes(glob))
      problems.push(
        `asarUnpack must contain ${glob} (koffi's native module cannot load from inside the asar)`,
      );
  }
  const win = config.win ?? {};
  if (win.requestedExecutionLevel !== 'asInvoker') {
    problems.push(
      `win.requestedExecutionLevel must be asInvoker, is ${describe(win.requestedExecutionLevel)}`,
    );
  }
  const targets = ([] as unknown[])
    .concat(win.target ?? [])
    .map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
  if (!targets.includes('msi')) problems.push(`win.target must include msi, is ${describe(targets)}`);
  const msi = config.msi ?? {};
  if (msi.perMachine !== true) problems.push(`msi.perMachine must be true, is ${describe(msi.perMachine)}`);
  if (msi.upgradeCode !== MSI_UPGRADE_CODE) {
    problems.push(`msi.upgradeCode must stay ${MSI_UPGRADE_CODE}, is ${describe(msi.upgradeCode)}`);
  }
  return problems;
}

export interface CheckResult {
  file: string;
  variant: Variant;
  problems: string[];
}

/** Schema and policy check of one file; a schema failure is reported as the one problem. */
export async function checkConfigFile(configFile: string, variant: Variant): Promise<CheckResult> {
  const file = resolve(projectRoot, configFile);
  try {
    const config = await loadValidatedConfig(file);
    return { file, variant, problems: policyProblems(config, variant) };
  } catch (error) {
    return {
      file,
      variant,
      problems: [`invalid electron-builder configuration: ${(error as Error).message.trim()}`],
    };
  }
}

export function variantOf(configFile: string): Variant {
  return /\.e2e\.ya?ml$/.test(configFile) ? 'e2e' : 'release';
}

async function main(args: string[]): Promise<number> {
  const files = args.length > 0 ? args : [RELEASE_CONFIG, E2E_CONFIG];
  let failed = false;
  for (const file of files) {
    const result = await checkConfigFile(file, variantOf(file));
    const name = relative(projectRoot, result.file);
    if (result.problems.length === 0) {
      console.log(`ok      ${name} (${result.variant})`);
      continue;
    }
    failed = true;
    console.error(`FAILED  ${name} (${result.variant})`);
    for (const problem of result.problems) console.error(`  - ${problem}`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`validate-config: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
