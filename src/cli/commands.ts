/**
 * hcsctl's one-shot commands on systems: list, props and the lifecycle (create, start, pause, resume, save,
 * modify, shutdown, terminate, crash). Each opens what it needs, does one thing, and closes its handles.
 */
import { System, getComputeSystems } from '../hcs/index.ts';
import type { schema1, schema2 } from '../hcs/index.ts';
import { systemIdProblem } from '../contract/index.ts';
import type { Command } from './args.ts';
import { ExitWatch, exitJson } from './exit-watch.ts';
import { formatProperties, formatSystems } from './format.ts';
import { readDocument, withSystem, writeJson, type CliIo } from './io.ts';

export type SystemCommand = Extract<
  Command,
  {
    name:
      | 'list'
      | 'props'
      | 'create'
      | 'start'
      | 'pause'
      | 'resume'
      | 'save'
      | 'modify'
      | 'shutdown'
      | 'terminate'
      | 'crash';
  }
>;

/** What a lifecycle command prints: its id, or with --json `{"id"}` (and the exit after --wait). */
function done(io: CliIo, json: boolean, id: string, extra: Record<string, unknown> = {}): number {
  if (json) writeJson(io, { id, ...extra });
  else io.stdout.write(`${id}\n`);
  return 0;
}

/** Runs one of these commands; resolves with the exit code. */
export async function runSystemCommand(cmd: SystemCommand, io: CliIo): Promise<number> {
  switch (cmd.name) {
    case 'list': {
      const systems = await getComputeSystems({});
      if (cmd.quiet) {
        // For scripts and shell completion: only the ids a command may name (src/contract/ids.ts), which
        // have no control characters, so one a line is unambiguous.
        for (const s of systems)
          if (typeof s.Id === 'string' && systemIdProblem(s.Id) === null) io.stdout.write(`${s.Id}\n`);
      } else if (cmd.json) writeJson(io, systems);
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
      return done(io, cmd.json, cmd.id);
    }
    case 'start':
    case 'pause':
    case 'resume':
      await withSystem(cmd.id, (sys) => sys[cmd.name]());
      return done(io, cmd.json, cmd.id);
    case 'shutdown':
    case 'terminate':
    case 'crash': {
      const exit = await withSystem(cmd.id, async (sys) => {
        // Listening before the request: the exit it causes is then seen with its status.
        const watch = cmd.wait ? new ExitWatch(sys) : null;
        try {
          await sys[cmd.name]();
          return watch ? await watch.exited() : null;
        } finally {
          watch?.stop();
        }
      });
      return done(io, cmd.json, cmd.id, exit ? { exit: exitJson(exit) } : {});
    }
    case 'save': {
      const options = cmd.optionsFile === null ? undefined : await readDocument(cmd.optionsFile, io);
      await withSystem(cmd.id, (sys) => sys.save(options));
      return done(io, cmd.json, cmd.id);
    }
    case 'modify': {
      const request = await readDocument(cmd.file, io);
      await withSystem(cmd.id, (sys) => sys.modify(request));
      return done(io, cmd.json, cmd.id);
    }
  }
}
