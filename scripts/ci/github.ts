/**
 * What the CI scripts share: where their reports go, and how a step hands a value to later steps of a GitHub
 * Actions job (the files named by $GITHUB_OUTPUT and $GITHUB_ENV; off Actions the value is only printed).
 */
import { UsageError } from '../../src/base/index.ts';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every report a CI script writes goes here; the workflows upload the folder as an artifact. */
export function reportsDir(): string {
  const dir = resolve(process.env.HCS_CI_REPORTS ?? join(repoRoot, 'ci-reports'));
  mkdirSync(dir, { recursive: true });
  return dir;
}

function appendTo(variable: 'GITHUB_OUTPUT' | 'GITHUB_ENV', name: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`${name}: a multi-line value cannot be passed on`);
  const file = process.env[variable];
  if (file) appendFileSync(file, `${name}=${value}\n`);
}

/** A step output (`steps.<id>.outputs.<name>`) and an environment variable of every later step. */
export function passOn(output: string, envName: string, value: string): void {
  appendTo('GITHUB_OUTPUT', output, value);
  appendTo('GITHUB_ENV', envName, value);
  console.log(`${envName}=${value}`);
}

/** Markdown shown on the run's summary page ($GITHUB_STEP_SUMMARY); printed elsewhere. */
export function summarize(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  try {
    if (file) {
      appendFileSync(file, `${markdown}\n`);
      return;
    }
  } catch (error) {
    // A step run under another token may not write the summary; the log still has it.
    console.log(`(the run summary could not be written: ${(error as Error).message})`);
  }
  console.log(markdown);
}

/** A line GitHub shows as an annotation on the run (plain text elsewhere). */
export function annotate(level: 'error' | 'warning' | 'notice', message: string): void {
  const flat = message.replace(/\r?\n/g, ' ');
  console.log(process.env.GITHUB_ACTIONS ? `::${level}::${flat}` : `${level}: ${flat}`);
}

/** Runs a CLI `main`, mapping a usage error to exit 2 and anything else to 1, with the message on stderr. */
export function runMain(name: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const usage =
        error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      console.error(
        `${name}: ${usage ? (error as Error).message : ((error as Error).stack ?? String(error))}`,
      );
      process.exit(usage ? 2 : 1);
    },
  );
}
