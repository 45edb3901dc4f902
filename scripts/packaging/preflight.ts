/**
 * Checks made before electron-builder runs, each returning the problem in words (with the fix) or null, so a
 * package is never built that would fail on the user's machine: a Windows package without koffi's Windows
 * binary, an app whose main bundle requires a package that is not shipped, a Linux package without the
 * simulator it runs against.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

export const WIN32_KOFFI_PACKAGE = '@koromix/koffi-win32-x64';
export const WIN32_KOFFI_BINARY = join(
  'node_modules',
  '@koromix',
  'koffi-win32-x64',
  'win32_x64',
  'koffi.node',
);

/**
 * npm installs only the host's koffi binary. On Linux, `npm ci --os=win32 --cpu=x64` installs the Windows one
 * instead (the lockfile lists every platform's package).
 */
export function win32KoffiProblem(
  root: string,
  exists: (path: string) => boolean = existsSync,
): string | null {
  if (exists(join(root, WIN32_KOFFI_BINARY))) return null;
  return (
    `${WIN32_KOFFI_PACKAGE} is not installed (${WIN32_KOFFI_BINARY} is missing), so the Windows package would ` +
    "ship without koffi's native module and fail at start. Install it with:\n" +
    '    npm ci --os=win32 --cpu=x64\n' +
    '(on a Windows x64 build machine a plain `npm ci` installs it).'
  );
}

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The package name of a bare module specifier ('@scope/name/x' → '@scope/name'), or null for a builtin. */
export function packageOf(specifier: string): string | null {
  if (
    BUILTINS.has(specifier) ||
    specifier.startsWith('node:') ||
    specifier.startsWith('.') ||
    specifier.startsWith('/')
  )
    return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The packages a CommonJS bundle loads at run time: its require("…") of anything but builtins and electron. */
export function requiredPackages(bundleSource: string): string[] {
  const found = new Set<string>();
  for (const m of bundleSource.matchAll(/\brequire\(\s*(["'])([^"']+)\1\s*\)/g)) {
    const pkg = packageOf(m[2]!);
    if (pkg && pkg !== 'electron') found.add(pkg);
  }
  return [...found].sort();
}

/**
 * The packages `required` that the `files` patterns do not ship. A package counts as shipped when a positive
 * pattern names its directory (node_modules/<name>/**).
 */
export function unshippedPackages(required: string[], filePatterns: string[]): string[] {
  const shipped = new Set(
    filePatterns
      .filter((p) => !p.startsWith('!'))
      .map((p) => /^node_modules\/((?:@[^/]+\/)?[^/*]+)\/\*\*$/.exec(p)?.[1])
      .filter((name): name is string => Boolean(name)),
  );
  return required.filter((pkg) => !shipped.has(pkg));
}

/** The flat list of filter patterns in a loaded configuration's `files` (electron-builder normalises them). */
export function filePatterns(files: unknown): string[] {
  const sets = Array.isArray(files) ? files : files === undefined ? [] : [files];
  return sets.flatMap((set: unknown) => {
    if (typeof set === 'string') return [set];
    const filter = (set as { filter?: string | string[] }).filter;
    return filter === undefined ? [] : Array.isArray(filter) ? filter : [filter];
  });
}
