/**
 * The MSI's life on a real Windows runner, in the order a user lives it:
 *
 *   node --import tsx scripts/ci/msi.ts install   --dir <folder with one .msi> [--label <name>]
 *       msiexec /i … /qn; then the executable, both shortcuts and the "Programs and Features" entry must be
 *       there; hands on the executable's path as the step output `exe` (and HCS_INSTALLED_EXE)
 *   node --import tsx scripts/ci/msi.ts window    --exe <installed executable>
 *       starts it as a user would (no test harness) and waits for its window, titled with the product name
 *   node --import tsx scripts/ci/msi.ts uninstall --dir <folder with one .msi> [--label <name>]
 *       msiexec /x … /qn; then none of it may be left: no file, no shortcut, no uninstall entry
 *
 * msiexec's verbose logs go to ci-reports/msi-<install|uninstall>-<label>.log.
 */
import { UsageError } from '../../src/base/index.ts';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { annotate, passOn, reportsDir, runMain, summarize } from './github.ts';
import {
  installState,
  msiLayout,
  msiexecSucceeded,
  parseUninstallEntries,
  productNames,
  uninstallEntriesScript,
  type MsiLayout,
} from './msi-layout.ts';

const WINDOW_TIMEOUT_MS = 90_000;

function findMsi(dir: string): string {
  const msis = readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.msi'));
  if (msis.length !== 1)
    throw new Error(`expected exactly one .msi in ${dir}, found ${msis.length}: ${msis.join(', ')}`);
  return resolve(dir, msis[0]!);
}

function powershell(script: string): string {
  const r = spawnSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0)
    throw new Error(`powershell failed (${r.status}): ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

function stateOf(layout: MsiLayout, productName: string) {
  return installState(layout, {
    exists: existsSync,
    uninstallEntries: () => parseUninstallEntries(powershell(uninstallEntriesScript(productName))),
  });
}

function msiexec(args: string[], log: string): number | null {
  console.log(`> msiexec ${args.join(' ')} /l*v ${log}`);
  const r = spawnSync('msiexec.exe', [...args, '/l*v', log], { stdio: 'inherit' });
  if (r.error) throw new Error(`msiexec could not start: ${r.error.message}`);
  return r.status;
}

function report(title: string, lines: string[]): void {
  summarize([`### ${title}`, ...lines.map((l) => `- ${l}`)].join('\n'));
}

async function install(dir: string, label: string): Promise<number> {
  const names = productNames();
  const layout = msiLayout(names, process.env);
  const msi = findMsi(dir);
  const before = stateOf(layout, names.productName);
  if (before.present.length)
    throw new Error(`HCS Desktop is already installed here: ${before.present.join('; ')}`);
  const code = msiexec(['/i', msi, '/qn', '/norestart'], join(reportsDir(), `msi-install-${label}.log`));
  if (!msiexecSucceeded(code)) {
    annotate('error', `msiexec /i ${msi} exited ${code}: see msi-install-${label}.log`);
    return 1;
  }
  const after = stateOf(layout, names.productName);
  report(`MSI installed (${label}): ${msi}`, [
    ...after.present.map((p) => `present: ${p}`),
    ...after.absent.map((a) => `MISSING: ${a}`),
  ]);
  for (const a of after.absent) annotate('error', `after installing: missing ${a}`);
  if (after.absent.length) return 1;
  passOn('exe', 'HCS_INSTALLED_EXE', layout.exe);
  return 0;
}

async function uninstall(dir: string, label: string): Promise<number> {
  const names = productNames();
  const layout = msiLayout(names, process.env);
  const msi = findMsi(dir);
  const code = msiexec(['/x', msi, '/qn', '/norestart'], join(reportsDir(), `msi-uninstall-${label}.log`));
  if (!msiexecSucceeded(code)) {
    annotate('error', `msiexec /x ${msi} exited ${code}: see msi-uninstall-${label}.log`);
    return 1;
  }
  const after = stateOf(layout, names.productName);
  const notes =
    layout.userData && existsSync(layout.userData)
      ? [`kept, as by every MSI: the per-user data of the user who ran the app, ${layout.userData}`]
      : [];
  report(`MSI uninstalled (${label})`, [
    ...(after.present.length
      ? after.present.map((p) => `LEFT BEHIND: ${p}`)
      : ['nothing left behind: files, shortcuts, uninstall entry']),
    ...notes,
  ]);
  for (const p of after.present) annotate('error', `after uninstalling: left behind ${p}`);
  return after.present.length ? 1 : 0;
}

/** Starts the installed app outside any test harness and waits for its window, then ends it. */
async function windowCheck(exe: string): Promise<number> {
  const { productName } = productNames();
  const child = spawn(exe, [], { detached: false, stdio: 'ignore', windowsHide: false });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let title = '';
  const deadline = Date.now() + WINDOW_TIMEOUT_MS;
  try {
    while (Date.now() < deadline) {
      const done = await Promise.race([
        exited.then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 1000)),
      ]);
      if (done) throw new Error(`${exe} exited before it showed a window`);
      title = powershell(`(Get-Process -Id ${child.pid}).MainWindowTitle`).trim();
      if (title === productName) break;
    }
  } finally {
    spawnSync('taskkill.exe', ['/PID', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
  }
  if (title !== productName) {
    annotate(
      'error',
      `${exe} showed no window titled "${productName}" within ${WINDOW_TIMEOUT_MS / 1000} s (title: "${title}")`,
    );
    return 1;
  }
  report('installed app started', [`${exe} opened its window "${title}"`]);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: 'string' },
      exe: { type: 'string' },
      label: { type: 'string', default: 'release' },
    },
  });
  const [command] = positionals;
  if (process.platform !== 'win32') throw new UsageError('msi.ts runs on Windows only');
  if (!/^[\w-]+$/.test(values.label)) throw new UsageError('--label: letters, digits, - or _');
  if (command === 'install' || command === 'uninstall') {
    if (!values.dir) throw new UsageError(`${command} needs --dir <folder with the .msi>`);
    return command === 'install' ? install(values.dir, values.label) : uninstall(values.dir, values.label);
  }
  if (command === 'window') {
    if (!values.exe) throw new UsageError('window needs --exe <installed executable>');
    return windowCheck(values.exe);
  }
  throw new UsageError(
    'usage: msi.ts install|uninstall --dir <folder> [--label <name>] | window --exe <path>',
  );
}

runMain('msi', main);
