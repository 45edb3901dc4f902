/** What every hcsctl command shares: its streams, reading a document operand, one open system, JSON output. */
import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { closeQuietly } from '../base/index.ts';
import { System } from '../hcs/index.ts';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** A file operand's text; '-' reads standard input. */
export async function readDocument(file: string, io: CliIo): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
}

/** Opens `id`, runs `fn`, and always closes the handle (the system itself keeps running). */
export async function withSystem<T>(id: string, fn: (sys: System) => Promise<T>): Promise<T> {
  const sys = await System.open(id);
  try {
    return await fn(sys);
  } finally {
    await closeQuietly(sys);
  }
}

/** A command's one answer as JSON (docs/hcsctl.md): one document, indented. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** One item of a stream (events, stats) as JSON: one compact object a line. */
export function writeJsonLine(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value) + '\n');
}
