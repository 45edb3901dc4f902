// Restarting the Windows app elevated (the `app.relaunchElevated` request): a UAC prompt through PowerShell's
// Start-Process -Verb RunAs, then this instance quits.
import { spawn as spawnProcess, type SpawnOptions } from 'node:child_process';
import { win32 } from 'node:path';
import { AppError, appErrorInfo, NOT_WINDOWS_UNAVAILABLE, type Elevation } from '../src/app/index.ts';
import { detectElevated } from '../src/host/index.ts';

/**
 * One argument quoted for a Windows command line the way the MSVC runtime and CommandLineToArgvW split it
 * (what Start-Process's ArgumentList becomes): quotes escaped, backslashes doubled only before a quote.
 */
export function quoteWindowsArg(arg: string): string {
  if (arg.includes('\0')) throw new Error('a command-line argument cannot contain NUL');
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes++;
      continue;
    }
    out += ch === '"' ? `${'\\'.repeat(backslashes * 2 + 1)}"` : `${'\\'.repeat(backslashes)}${ch}`;
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

/**
 * A PowerShell single-quoted string: nothing inside is expanded. PowerShell also takes the typographic single
 * quotes (U+2018–U+201B) as quote characters, so they are doubled like ASCII ones.
 */
export function powershellLiteral(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;
}

export interface RelaunchCommand {
  /** powershell.exe by its full path in System32 (never looked up through PATH). */
  command: string;
  args: string[];
  /** The script the encoded command carries (for tests and logs). */
  script: string;
}

/**
 * The PowerShell invocation that starts `execPath args` elevated. Every value is a single-quoted literal, and
 * the script travels as -EncodedCommand (base64 UTF-16LE), so neither powershell.exe's own command-line parsing
 * nor any character of a path or argument can change what runs. Start-Process returns once the elevated
 * process exists; declining the prompt makes it fail, and ErrorActionPreference=Stop turns that into exit 1.
 */
export function relaunchCommand(
  execPath: string,
  args: readonly string[],
  cwd: string,
  systemRoot = 'C:\\Windows',
): RelaunchCommand {
  const parts = [
    'Start-Process',
    `-FilePath ${powershellLiteral(execPath)}`,
    ...(args.length > 0 ? [`-ArgumentList ${powershellLiteral(args.map(quoteWindowsArg).join(' '))}`] : []),
    `-WorkingDirectory ${powershellLiteral(cwd)}`,
    '-Verb RunAs',
  ];
  const script = `$ErrorActionPreference = 'Stop'\n${parts.join(' ')}\n`;
  return {
    command: win32.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
    args: [
      '-NoProfile',
      '-NonInteractive',
      '-EncodedCommand',
      Buffer.from(script, 'utf16le').toString('base64'),
    ],
    script,
  };
}

/** The parts of a spawned process used here. */
export interface SpawnedProcess {
  once(event: 'exit', listener: (code: number | null) => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  stderr?: { on(event: 'data', listener: (chunk: Buffer) => void): unknown } | null;
}
export type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => SpawnedProcess;

/** The parts of Electron's `app` used here. */
export interface RelaunchApp {
  releaseSingleInstanceLock(): void;
  requestSingleInstanceLock(): boolean;
  quit(): void;
}

export interface RelaunchDeps {
  app: RelaunchApp;
  execPath: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  spawn: Spawn;
}

function failed(detail: string): AppError {
  return new AppError(
    appErrorInfo(
      'HCS Desktop did not restart as administrator.',
      `${detail} HCS Desktop keeps running as before; to run it elevated, start it with "Run as administrator".`,
    ),
  );
}

/**
 * Relaunch elevated: the single-instance lock is released first (the new instance must not find this one
 * and hand over to it), taken back if the prompt is declined. Resolves once the elevated instance started;
 * the quit follows on the next turn, after the IPC answer went out. Concurrent requests share one prompt.
 */
export function windowsRelaunch(deps: RelaunchDeps): () => Promise<void> {
  let pending: Promise<void> | null = null;
  const attempt = () =>
    new Promise<void>((resolve, reject) => {
      const { command, args } = relaunchCommand(deps.execPath, deps.args, deps.cwd, deps.env.SystemRoot);
      deps.app.releaseSingleInstanceLock();
      // 'error' and 'exit' may both come: the first one decides.
      let settled = false;
      const giveUp = (error: AppError) => {
        if (settled) return;
        settled = true;
        deps.app.requestSingleInstanceLock();
        reject(error);
      };
      let child: SpawnedProcess;
      try {
        child = deps.spawn(command, args, {
          shell: false,
          windowsHide: true,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
      } catch (e) {
        giveUp(failed(`PowerShell could not be started (${e instanceof Error ? e.message : String(e)}).`));
        return;
      }
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        if (stderr.length < 2000) stderr += chunk.toString('utf8');
      });
      child.once('error', (e) => giveUp(failed(`PowerShell could not be started (${e.message}).`)));
      child.once('exit', (code) => {
        if (settled) return;
        if (code === 0) {
          settled = true;
          setImmediate(() => deps.app.quit());
          resolve();
          return;
        }
        const said = stderr.trim().split(/\r?\n/)[0]?.slice(0, 300);
        giveUp(
          failed(
            `The Windows prompt was declined or failed${said ? `: ${said}` : ` (PowerShell exit code ${code})`}.`,
          ),
        );
      });
    });
  return () => {
    pending ??= attempt().finally(() => {
      pending = null;
    });
    return pending;
  };
}

export interface ElectronElevationOptions {
  app: RelaunchApp;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  execPath?: string;
  /** The arguments the elevated instance gets (default: this instance's). */
  args?: readonly string[];
  cwd?: string;
  spawn?: Spawn;
  detect?: () => Promise<boolean | undefined>;
}

/** What the Electron main process gives the core: a relaunch on Windows, a clear refusal elsewhere. */
export async function electronElevation(options: ElectronElevationOptions): Promise<Elevation> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const elevated = await (options.detect ?? (() => detectElevated(platform, env)))();
  const known = elevated === undefined ? {} : { elevated };
  if (platform !== 'win32') return { ...known, unavailable: NOT_WINDOWS_UNAVAILABLE };
  return {
    ...known,
    relaunch: windowsRelaunch({
      app: options.app,
      execPath: options.execPath ?? process.execPath,
      args: options.args ?? process.argv.slice(1),
      cwd: options.cwd ?? process.cwd(),
      env,
      spawn:
        options.spawn ?? ((command, args, spawnOptions) => spawnProcess(command, [...args], spawnOptions)),
    }),
  };
}
