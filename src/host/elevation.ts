import { execFile } from 'node:child_process';
import { win32 } from 'node:path';

/** Runs a program (no shell) and resolves with its standard output. */
export type RunProgram = (file: string, args: readonly string[]) => Promise<string>;

const runProgram: RunProgram = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { windowsHide: true, timeout: 10_000 }, (error, stdout) =>
      error ? reject(error) : resolve(String(stdout)),
    );
  });

/** The integrity levels of an elevated token: High (S-1-16-12288) and System (S-1-16-16384). */
const ELEVATED_LEVELS = ['S-1-16-12288', 'S-1-16-16384'];

/**
 * Whether this process runs elevated. Windows: the token's mandatory integrity level as `whoami /groups`
 * lists it (by its SID, which no display language changes); from System32 by full path, never through PATH.
 * Elsewhere: root. Undefined when it cannot be told.
 */
export async function detectElevated(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  run: RunProgram = runProgram,
  uid: (() => number) | null = process.getuid?.bind(process) ?? null,
): Promise<boolean | undefined> {
  if (platform !== 'win32') return uid ? uid() === 0 : undefined;
  const whoami = win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32', 'whoami.exe');
  try {
    const groups = await run(whoami, ['/groups', '/fo', 'csv', '/nh']);
    if (!groups.includes('S-1-16-')) return undefined;
    return ELEVATED_LEVELS.some((sid) => groups.includes(sid));
  } catch {
    return undefined;
  }
}
