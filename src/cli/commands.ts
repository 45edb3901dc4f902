/** hcsctl's commands other than exec: each opens what it needs, does one thing, and closes its handles. */
import { readFile } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { System, getComputeSystems, getServiceProperties, type HcsApiChoice } from '../hcs/index.ts';
import type { schema1, schema2 } from '../hcs/index.ts';
import type { Command } from './args.ts';
import { formatProperties, formatService, formatSystems } from './format.ts';
import { closeQuietly } from '../base/index.ts';

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

function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Runs every command but exec and help; resolves with the exit code. */
export async function runCommand(
  cmd: Exclude<Command, { name: 'exec' | 'help' }>,
  io: CliIo,
  api: HcsApiChoice,
): Promise<number> {
  switch (cmd.name) {
    case 'list': {
      const systems = await getComputeSystems({});
      if (cmd.json) writeJson(io, systems);
      else io.stdout.write(formatSystems(systems));
      return 0;
    }
    case 'props': {
      const props = await withSystem(cmd.id, (sys) =>
        cmd.v2 !== null
          ? sys.propertiesV2(...(cmd.v2 as schema2.PropertyType[]))
          : sys.properties(...(cmd.v1 as schema1.PropertyType[])),
      );
      if (cmd.json) writeJson(io, props);
      else io.stdout.write(formatProperties(props));
      return 0;
    }
    case 'create': {
      const document = await readDocument(cmd.file, io);
      const sys = await System.create(cmd.id, document);
      await sys.close();
      io.stdout.write(`${cmd.id}\n`);
      return 0;
    }
    case 'start':
    case 'pause':
    case 'resume':
      await withSystem(cmd.id, (sys) => sys[cmd.name]());
      io.stdout.write(`${cmd.id}\n`);
      return 0;
    case 'service': {
      // Basic: the schema versions the host takes (HcsGetServiceProperties; both APIs have it).
      const properties = await getServiceProperties({ PropertyTypes: ['Basic'] });
      if (cmd.json) writeJson(io, { api: api.api, reason: api.reason, properties });
      else io.stdout.write(formatService(api, properties));
      return 0;
    }
    case 'shutdown':
    case 'terminate':
    case 'crash':
      await withSystem(cmd.id, async (sys) => {
        await sys[cmd.name]();
        if (cmd.wait) await sys.wait();
      });
      io.stdout.write(`${cmd.id}\n`);
      return 0;
    case 'save': {
      const options = cmd.optionsFile === null ? undefined : await readDocument(cmd.optionsFile, io);
      await withSystem(cmd.id, (sys) => sys.save(options));
      io.stdout.write(`${cmd.id}\n`);
      return 0;
    }
    case 'modify': {
      const request = await readDocument(cmd.file, io);
      await withSystem(cmd.id, (sys) => sys.modify(request));
      io.stdout.write(`${cmd.id}\n`);
      return 0;
    }
  }
}
